import type { InzetNorm } from '../../contracten/contract-invoer';
import type { Signaal } from '../signaal.port';
import type { ContractActiviteit } from './geen-levering.detector';
import { eersteVanMaand, plusDagen, plusMaanden } from './kalender';

/** The aanbieder's inzet under a contract in the 12 calendar months from `van` (counts only, no client data). */
export interface InzetVenster {
  /** First day of the window (the first of a month). */
  van: string;
  /** Approved amount: debits minus credits, eurocents. */
  omzetCenten: number;
  clienten: number;
  trajecten: number;
}

/** A running contract with an art. 1.6 norm and its monthly windows (any order; a missing window had no inzet). */
export interface ContractInzet extends Pick<ContractActiviteit, 'contractId' | 'domein' | 'gemeente' | 'aanbieder' | 'looptijdVan' | 'looptijdTot'> {
  norm: InzetNorm;
  vensters: readonly InzetVenster[];
}

export const ONVOLDOENDE_INZET_TYPE = 'contract.onvoldoende-inzet';
export const ONVOLDOENDE_INZET_VRIJGESTELD_TYPE = 'contract.onvoldoende-inzet-vrijgesteld';
/** TCW art. 1.6: opzegging with 6 kalendermaanden opzegtermijn. */
export const INZET_OPZEGTERMIJN_MAANDEN = 6;
/** TCW art. 1.6: no opzegging when the average klanttevredenheid is at least 8,5. */
export const INZET_KTO_VRIJSTELLING = 8.5;

function waardeVan(v: InzetVenster | undefined, soort: InzetNorm['soort']): number {
  if (v === undefined) return 0;
  return soort === 'omzet' ? v.omzetCenten : v[soort];
}

/**
 * ONVOLDOENDE-INZET (TCW art. 1.6, optional): evaluated per month over the 12 complete calendar
 * months before it. A window counts only when it lies inside the contract and starts on or after
 * the norm's publication (a norm must be announced beforehand), so a contract younger than 12
 * months never fires. Below the norm: one signal per episode of consecutive windows below it,
 * keyed on the episode's first window (re-armed by a window at or above the norm). With schaars,
 * uniek or a KTO score of 8,5 or more opzegging is not allowed: the informational
 * `-vrijgesteld` type instead, with its own key, so losing the exemption mid-episode still tells.
 */
export function detecteerOnvoldoendeInzet(rijen: readonly ContractInzet[], vandaag: string, waargenomenOp: string): Signaal[] {
  const huidig = plusMaanden(eersteVanMaand(vandaag), -12);
  const signalen: Signaal[] = [];
  for (const c of rijen) {
    if (c.looptijdVan > vandaag || (c.looptijdTot !== null && c.looptijdTot < vandaag)) continue;
    const { norm } = c;
    const telt = (van: string): boolean => van >= c.looptijdVan && van >= norm.gepubliceerdOp;
    const perVan = new Map(c.vensters.map((v) => [v.van, v]));
    const onder = (van: string): boolean => waardeVan(perVan.get(van), norm.soort) < norm.waarde;
    if (!telt(huidig) || !onder(huidig)) continue;
    let sinds = huidig;
    while (telt(plusMaanden(sinds, -1)) && onder(plusMaanden(sinds, -1))) sinds = plusMaanden(sinds, -1);

    const vrijgesteld = norm.vrijstelling.schaars || norm.vrijstelling.uniek || (norm.ktoScore !== null && norm.ktoScore >= INZET_KTO_VRIJSTELLING);
    const type = vrijgesteld ? ONVOLDOENDE_INZET_VRIJGESTELD_TYPE : ONVOLDOENDE_INZET_TYPE;
    const waarde = waardeVan(perVan.get(huidig), norm.soort);
    // Amounts under ...Centen keys: the privacy guard skips those, a 9-digit amount may pass the 11-proef.
    const cijfers: Record<string, number> = norm.soort === 'omzet' ? { normCenten: norm.waarde, waardeCenten: waarde } : { norm: norm.waarde, waarde };
    signalen.push({
      type,
      version: 1,
      domein: c.domein,
      gemeente: c.gemeente,
      aanbieder: c.aanbieder,
      contractId: c.contractId,
      regel: c.domein === 'wmo' ? 'CS Wmo art. 1.6' : 'contractstandaard Jeugd, onvoldoende inzet (Wmo art. 1.6; Jeugd article not in the sources)',
      periode: { van: huidig, tot: plusDagen(eersteVanMaand(vandaag), -1) },
      cijfers: {
        soort: norm.soort,
        ...cijfers,
        gepubliceerdOp: norm.gepubliceerdOp,
        onderNormSinds: sinds,
        schaars: norm.vrijstelling.schaars ? 'ja' : 'nee',
        uniek: norm.vrijstelling.uniek ? 'ja' : 'nee',
        ktoScore: norm.ktoScore ?? 'onbekend',
        opzegtermijnMaanden: INZET_OPZEGTERMIJN_MAANDEN,
      },
      waargenomenOp,
      dedupKey: `${type.slice('contract.'.length)}:${c.contractId}:${norm.gepubliceerdOp}:${sinds}`,
      ernst: vrijgesteld ? 'info' : 'waarschuwing',
    });
  }
  return signalen;
}
