import type { Signaal } from '../signaal.port';
import { maandenTussen, plusDagen, plusMaanden } from './kalender';
import type { ContractLooptijd } from './verlenging.detector';

/** A contract registered lately: its term and whether a motivation for a deviating one is recorded. */
export interface GeregistreerdContract extends Omit<ContractLooptijd, 'besluitdatum'> {
  motivatie: boolean;
}

export const LOOPTIJD_TYPE = 'contract.looptijd';

/** HR §14: framework agreements are in principle concluded for 4 years. */
export const NORM_LOOPTIJD_MAANDEN = 48;

/**
 * LOOPTIJD-CHECK (HR §14): a contract whose term, extension options included, is not 4 years and
 * for which no motivation is recorded (`looptijdMotivatie`); an open end is not 4 years either.
 * Once per (contract, start, end with options); the query offers the contracts registered in the
 * last 30 days, so the check runs on registration and an existing backlog is not flooded.
 */
export function detecteerLooptijd(rijen: readonly GeregistreerdContract[], waargenomenOp: string): Signaal[] {
  const signalen: Signaal[] = [];
  for (const c of rijen) {
    if (c.motivatie) continue;
    const verlengMaanden = c.verlengopties.reduce((t, v) => t + v.maanden, 0);
    const totMetOpties = c.looptijdTot === null ? null : plusDagen(plusMaanden(plusDagen(c.looptijdTot, 1), verlengMaanden), -1);
    const normTot = plusDagen(plusMaanden(c.looptijdVan, NORM_LOOPTIJD_MAANDEN), -1);
    if (totMetOpties === normTot) continue;
    signalen.push({
      type: LOOPTIJD_TYPE,
      version: 1,
      domein: c.domein,
      gemeente: c.gemeente,
      aanbieder: c.aanbieder,
      contractId: c.contractId,
      regel: 'HR §14',
      periode: totMetOpties === null ? null : { van: c.looptijdVan, tot: totMetOpties },
      cijfers: {
        looptijdVan: c.looptijdVan,
        looptijdTot: c.looptijdTot ?? 'open',
        verlengMaandenTotaal: verlengMaanden,
        totMetVerlenging: totMetOpties ?? 'open',
        maandenTotaal: totMetOpties === null ? 'open' : maandenTussen(c.looptijdVan, plusDagen(totMetOpties, 1)),
        normMaanden: NORM_LOOPTIJD_MAANDEN,
      },
      waargenomenOp,
      dedupKey: `contract-looptijd:${c.contractId}:${c.looptijdVan}:${totMetOpties ?? 'open'}`,
      ernst: 'info',
    });
  }
  return signalen;
}
