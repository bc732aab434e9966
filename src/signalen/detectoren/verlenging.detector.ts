import type { Signaal } from '../signaal.port';
import { dagenTussen, plusDagen, plusMaanden } from './kalender';

export interface ContractLooptijd {
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  looptijdVan: string;
  looptijdTot: string | null;
  besluitdatum: string | null;
  verlengopties: readonly { maanden: number }[];
}

export const VERLENGING_TYPE = 'contract.verlenging';

/**
 * VERLENGING (TCW art. 1.3, HR §14): the gemeente tells the aanbieder 6 months before the end
 * whether it extends; without an extension the contract ends by itself. Fires from `voorloopDagen`
 * before that deadline until the end date, while no besluitdatum is recorded; once per contract
 * end date (an extension moves the end date and so arms a new one). Severity at first sight:
 * waarschuwing up to the deadline, kritiek after it.
 */
export function detecteerVerlenging(rijen: readonly ContractLooptijd[], vandaag: string, voorloopDagen: number, waargenomenOp: string): Signaal[] {
  const signalen: Signaal[] = [];
  for (const c of rijen) {
    if (c.looptijdTot === null || c.besluitdatum !== null) continue;
    // The last day with 6 full months left: end 2027-12-31 → 2027-06-30.
    const besluitUiterlijk = plusDagen(plusMaanden(plusDagen(c.looptijdTot, 1), -6), -1);
    if (vandaag < plusDagen(besluitUiterlijk, -voorloopDagen) || vandaag > c.looptijdTot) continue;
    signalen.push({
      type: VERLENGING_TYPE,
      version: 1,
      domein: c.domein,
      gemeente: c.gemeente,
      aanbieder: c.aanbieder,
      contractId: c.contractId,
      regel: c.domein === 'wmo' ? 'CS Wmo art. 1.3' : 'HR §14',
      periode: { van: c.looptijdVan, tot: c.looptijdTot },
      cijfers: {
        besluitUiterlijk,
        einddatum: c.looptijdTot,
        dagenTotBesluit: dagenTussen(vandaag, besluitUiterlijk),
        verlengoptiesAantal: c.verlengopties.length,
        verlengMaandenTotaal: c.verlengopties.reduce((t, v) => t + v.maanden, 0),
      },
      waargenomenOp,
      dedupKey: `contract-verlenging:${c.contractId}:${c.looptijdTot}`,
      ernst: vandaag > besluitUiterlijk ? 'kritiek' : 'waarschuwing',
    });
  }
  return signalen;
}
