/**
 * Threshold crossing for a bestedingsruimte (contractstandaard-signals.md "Signal conventions"):
 * per (bestedingsruimte version, threshold) a state `armed | fired` and a crossing count. Fire once
 * when the total moves from below to at-or-above the threshold (overschreden: above 100 %), re-arm
 * only when it falls below again, and fire again on the next upward crossing with a new count.
 * Pure: the caller holds the row lock, so the state it reads is the state it writes.
 */

export type DrempelNaam = '70' | '90' | '100' | 'overschreden';
export const DREMPELS: readonly DrempelNaam[] = ['70', '90', '100', 'overschreden'];

export interface DrempelToestand {
  staat: 'armed' | 'fired';
  /** How often this threshold fired for this version: the crossing sequence in the dedupKey. */
  keer: number;
}

export type DrempelStaat = Partial<Record<DrempelNaam, DrempelToestand>>;

export interface Overschrijding {
  drempel: DrempelNaam;
  keer: number;
}

/** Reached when besteed ≥ p % of budget; overschreden when besteed > budget. Integer arithmetic only. */
export function bereikt(drempel: DrempelNaam, besteedCenten: bigint, budgetCenten: bigint): boolean {
  if (drempel === 'overschreden') return besteedCenten > budgetCenten;
  return besteedCenten * 100n >= BigInt(Number(drempel)) * budgetCenten;
}

/** The new state and the thresholds that fire now, for a running total of `besteedCenten`. */
export function beoordeel(staat: DrempelStaat, besteedCenten: bigint, budgetCenten: bigint): { staat: DrempelStaat; vuur: Overschrijding[]; gewijzigd: boolean } {
  const nieuw: DrempelStaat = { ...staat };
  const vuur: Overschrijding[] = [];
  let gewijzigd = false;
  for (const d of DREMPELS) {
    const t = staat[d] ?? { staat: 'armed', keer: 0 };
    const boven = bereikt(d, besteedCenten, budgetCenten);
    if (t.staat === 'armed' && boven) {
      nieuw[d] = { staat: 'fired', keer: t.keer + 1 };
      vuur.push({ drempel: d, keer: t.keer + 1 });
      gewijzigd = true;
    } else if (t.staat === 'fired' && !boven) {
      nieuw[d] = { staat: 'armed', keer: t.keer };
      gewijzigd = true;
    }
  }
  return { staat: nieuw, vuur, gewijzigd };
}

/** Percentage with one decimal (rounded down), from integer cents. */
export function percentage(besteedCenten: bigint, budgetCenten: bigint): number {
  return Number((besteedCenten * 1000n) / budgetCenten) / 10;
}
