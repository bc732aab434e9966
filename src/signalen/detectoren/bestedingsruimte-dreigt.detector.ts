import type { Signaal } from '../signaal.port';
import { eersteVanMaand, maandenTussen, plusMaanden } from './kalender';

/** The bestedingsruimte holding vandaag (newest version), with what was booked on its period per month. */
export interface LopendeBestedingsruimte {
  bestedingsruimteId: string;
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  periodeVan: string;
  periodeTot: string;
  versie: number;
  budgetCenten: string;
  besteedCenten: string;
  /** Per calendar month of the prestaties (first day), signed eurocents. */
  maanden: ReadonlyArray<{ maand: string; centen: string }>;
}

export const DREIGT_TYPE = 'bestedingsruimte.dreigt';

/** The run-rate is the average of at most this many complete months before the current one. */
export const DREIGT_METEN_MAANDEN = 3;

/**
 * BR-DREIGT (HR §10: the notice is due also when overspending threatens). The sources give no
 * method; ours (contractstandaard-signals.md's interpretation, without the committed toewijzingen):
 * what was booked up to the last complete month, plus the average of the last (at most 3) complete
 * months of the period times the months left including the current one. Fires when that prognosis
 * is above the amount while the total is still below it (at 100 % BR-100 speaks); once per
 * bestedingsruimte version. A month counts in the run-rate when it lies wholly in the period.
 */
export function detecteerDreigendeOverschrijding(rijen: readonly LopendeBestedingsruimte[], vandaag: string, waargenomenOp: string): Signaal[] {
  const huidig = eersteVanMaand(vandaag);
  const signalen: Signaal[] = [];
  for (const r of rijen) {
    const budget = BigInt(r.budgetCenten);
    const besteed = BigInt(r.besteedCenten);
    if (besteed >= budget) continue;
    const perMaand = new Map(r.maanden.map((x) => [x.maand, BigInt(x.centen)]));
    const gemeten: string[] = [];
    for (let i = 1; i <= DREIGT_METEN_MAANDEN; i++) {
      const m = plusMaanden(huidig, -i);
      if (m >= r.periodeVan) gemeten.push(m);
    }
    if (gemeten.length === 0) continue;
    const runRate = gemeten.reduce((t, m) => t + (perMaand.get(m) ?? 0n), 0n) / BigInt(gemeten.length);
    let totVorigeMaand = 0n;
    for (const [m, c] of perMaand) if (m < huidig) totVorigeMaand += c;
    const resterend = maandenTussen(huidig, r.periodeTot) + 1;
    const prognose = totVorigeMaand + runRate * BigInt(resterend);
    if (prognose <= budget) continue;
    signalen.push({
      type: DREIGT_TYPE,
      version: 1,
      domein: r.domein,
      gemeente: r.gemeente,
      aanbieder: r.aanbieder,
      contractId: r.contractId,
      regel: 'HR §10',
      periode: { van: r.periodeVan, tot: r.periodeTot },
      cijfers: {
        bestedingsruimteCenten: Number(budget),
        besteedCenten: Number(besteed),
        prognoseCenten: Number(prognose),
        prognosePromille: Number((prognose * 1000n) / budget),
        runRateCenten: Number(runRate),
        maandenGemeten: gemeten.length,
        maandenResterend: resterend,
        versie: r.versie,
      },
      waargenomenOp,
      dedupKey: `bestedingsruimte-dreigt:${r.bestedingsruimteId}`,
      ernst: 'waarschuwing',
    });
  }
  return signalen;
}
