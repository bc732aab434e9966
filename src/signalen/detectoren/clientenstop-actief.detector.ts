import { inScope, isCrisis, stopRegel } from '../../contracten/clientenstop.signalen';
import type { ClientenstopSoort } from '../../contracten/clientenstop-invoer';
import type { Signaal } from '../signaal.port';
import { plusDagen } from './kalender';

/** A cliëntenstop running on the day measured, with the products of the toewijzingen first registered that day. */
export interface ClientenstopDag {
  stopId: string;
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  soort: ClientenstopSoort;
  begindatum: string;
  einddatum: string | null;
  scopeCategorieen: string[];
  scopeProductCodes: string[];
  /** One entry per new ToewijzingNummer for the aanbieder in the contract's domein and gemeenten. */
  nieuweToewijzingen: { categorie: string | null; code: string | null }[];
}

export const CLIENTENSTOP_ACTIEF_TYPE = 'clientenstop.actief';

/**
 * CS-ACTIEF (TCW art. 3.5/3.6/1.5.9): while a stop runs the aanbieder need not take new clients
 * in its scope. For the day before `vandaag`: per stop running that day, the new toewijzingen (a
 * ToewijzingNummer whose first version was registered that day) for a scoped product. Crisis and
 * acute products are left out: a stop never covers them (art. 3.6, CS-CRISIS). One signal per
 * (stop, day) with the count when it is above zero; counts only.
 */
export function detecteerClientenstopActief(rijen: readonly ClientenstopDag[], vandaag: string, waargenomenOp: string): Signaal[] {
  const dag = plusDagen(vandaag, -1);
  const signalen: Signaal[] = [];
  for (const s of rijen) {
    if (s.begindatum > dag || (s.einddatum !== null && s.einddatum < dag)) continue;
    const scope = { categorieen: s.scopeCategorieen, productCodes: s.scopeProductCodes };
    const aantal = s.nieuweToewijzingen.filter((t) => inScope(scope, t.categorie, t.code) && !isCrisis(s.domein, t.categorie, t.code)).length;
    if (aantal === 0) continue;
    signalen.push({
      type: CLIENTENSTOP_ACTIEF_TYPE,
      version: 1,
      domein: s.domein,
      gemeente: s.gemeente,
      aanbieder: s.aanbieder,
      contractId: s.contractId,
      regel: stopRegel(s.domein, s.soort),
      periode: { van: dag, tot: dag },
      cijfers: {
        clientenstop: s.stopId,
        soort: s.soort,
        dag,
        nieuweToewijzingen: aantal,
        stopBegindatum: s.begindatum,
        stopEinddatum: s.einddatum ?? 'open',
      },
      waargenomenOp,
      dedupKey: `clientenstop-actief:${s.stopId}:${dag}`,
      ernst: 'waarschuwing',
    });
  }
  return signalen;
}
