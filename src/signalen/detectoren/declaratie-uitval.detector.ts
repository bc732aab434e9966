import type { Signaal } from '../signaal.port';
import { vorigeMaand } from './kalender';

/** What one aanbieder declared to one gemeente in a month (323s answered in that month). */
export interface DeclaratieMaand {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  declaraties: number;
  /** Whole 323s rejected on header or declaratie level (no prestatie judged). */
  declaratiesAfgewezen: number;
  prestatiesGoedgekeurd: number;
  prestatiesAfgewezen: number;
  goedgekeurdCenten: number;
  afgewezenCenten: number;
}

export const DECLARATIE_UITVAL_TYPE = 'declaratie.uitval-maand';

/** From this share of rejected prestaties (per mille) the monthly figure is a waarschuwing. */
export const UITVAL_WAARSCHUWING_PROMILLE = 100;

function promille(deel: number, totaal: number): number {
  return totaal === 0 ? 0 : Math.round((1000 * deel) / totaal);
}

/**
 * DECLARATIE-UITVAL (HR §16): a periodic figure per (aanbieder, gemeente, previous calendar month)
 * with counts and amounts of approved and rejected debit prestaties, whenever a 323 was answered in
 * that month. Credits are not counted; a prestatie credited later still counts as approved.
 */
export function detecteerDeclaratieUitval(rijen: readonly DeclaratieMaand[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  return rijen
    .filter((r) => r.declaraties > 0)
    .map((r) => {
      const uitvalPromille = promille(r.prestatiesAfgewezen, r.prestatiesGoedgekeurd + r.prestatiesAfgewezen);
      return {
        type: DECLARATIE_UITVAL_TYPE,
        version: 1 as const,
        domein: r.domein,
        gemeente: r.gemeente,
        aanbieder: r.aanbieder,
        contractId: null,
        regel: 'HR §16',
        periode: { van: maand.van, tot: maand.tot },
        cijfers: {
          declaraties: r.declaraties,
          declaratiesAfgewezen: r.declaratiesAfgewezen,
          prestatiesGoedgekeurd: r.prestatiesGoedgekeurd,
          prestatiesAfgewezen: r.prestatiesAfgewezen,
          goedgekeurdCenten: r.goedgekeurdCenten,
          afgewezenCenten: r.afgewezenCenten,
          uitvalPromille,
          bedragUitvalPromille: promille(r.afgewezenCenten, r.goedgekeurdCenten + r.afgewezenCenten),
        },
        waargenomenOp,
        dedupKey: `declaratie-uitval-maand:${r.domein}:${r.gemeente}:${r.aanbieder}:${maand.maand}`,
        ernst: uitvalPromille >= UITVAL_WAARSCHUWING_PROMILLE ? ('waarschuwing' as const) : ('info' as const),
      };
    });
}
