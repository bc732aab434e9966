import type { Signaal } from '../signaal.port';
import { dagenTussen, plusDagen, plusMaanden } from './kalender';

/** A contract with article 1.5 and the periods of its bestedingsruimtes (each start once). */
export interface ContractBestedingsruimtes {
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  looptijdTot: string | null;
  perioden: ReadonlyArray<{ van: string; tot: string }>;
}

export const ZIENSWIJZE_TYPE = 'bestedingsruimte.zienswijze';
export const BESLUIT_TYPE = 'bestedingsruimte.besluit';

/** The last day with `maanden` full months left before `start`: start 2027-01-01, 6 months → 2026-06-30. */
function uiterlijk(start: string, maanden: number): string {
  return plusDagen(plusMaanden(start, -maanden), -1);
}

/**
 * BR-ZIENSWIJZE and BR-BESLUIT (TCW art. 1.5.1/1.5.2): the aanbieder may give his view 6 months
 * before a bestedingsruimte period starts, the gemeente decides the amount 3 months before (it goes
 * into deel 2). The next period starts the day after a registered one ends, while the contract runs
 * on; it is decided once a bestedingsruimte for that start is registered. Until then:
 * `bestedingsruimte.zienswijze` (info) from `voorloopDagen` before its deadline up to it, once per
 * (contract, next start); `bestedingsruimte.besluit` from `voorloopDagen` before its deadline
 * (waarschuwing, stage bijna) and from the day after it up to the start (kritiek, stage verlopen),
 * each stage once.
 */
export function detecteerBestedingsruimteBesluit(rijen: readonly ContractBestedingsruimtes[], vandaag: string, voorloopDagen: number, waargenomenOp: string): Signaal[] {
  const signalen: Signaal[] = [];
  for (const c of rijen) {
    const starts = new Set(c.perioden.map((p) => p.van));
    for (const p of c.perioden) {
      const volgende = plusDagen(p.tot, 1);
      if (starts.has(volgende) || (c.looptijdTot !== null && volgende > c.looptijdTot)) continue;
      const regel = c.domein === 'wmo' ? 'CS Wmo art. 1.5.1/1.5.2' : 'HR §10 (contractstandaard Jeugd, bestedingsruimte)';
      const basis = { version: 1 as const, domein: c.domein, gemeente: c.gemeente, aanbieder: c.aanbieder, contractId: c.contractId, regel, waargenomenOp };
      const zienswijze = uiterlijk(volgende, 6);
      if (vandaag >= plusDagen(zienswijze, -voorloopDagen) && vandaag <= zienswijze) {
        signalen.push({
          ...basis, type: ZIENSWIJZE_TYPE, periode: { van: vandaag, tot: zienswijze },
          cijfers: { volgendePeriodeVan: volgende, zienswijzeUiterlijk: zienswijze, dagenTotZienswijze: dagenTussen(vandaag, zienswijze) },
          dedupKey: `bestedingsruimte-zienswijze:${c.contractId}:${volgende}`, ernst: 'info',
        });
      }
      const besluit = uiterlijk(volgende, 3);
      if (vandaag < plusDagen(besluit, -voorloopDagen) || vandaag >= volgende) continue;
      const verlopen = vandaag > besluit;
      signalen.push({
        ...basis, type: BESLUIT_TYPE, periode: { van: vandaag, tot: besluit },
        cijfers: { volgendePeriodeVan: volgende, besluitUiterlijk: besluit, dagenTotBesluit: dagenTussen(vandaag, besluit), vorigePeriodeVan: p.van, vorigePeriodeTot: p.tot },
        dedupKey: `bestedingsruimte-besluit:${c.contractId}:${volgende}:${verlopen ? 'verlopen' : 'bijna'}`, ernst: verlopen ? 'kritiek' : 'waarschuwing',
      });
    }
  }
  return signalen;
}
