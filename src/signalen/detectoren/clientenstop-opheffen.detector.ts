import type { Signaal } from '../signaal.port';

/**
 * A registered art. 1.5.9 cliëntenstop running on vandaag, with the bestedingsruimte of its
 * contract that holds vandaag (the newest version of that period).
 */
export interface BestedingsruimteStop {
  stopId: string;
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  stopBegindatum: string;
  stopEinddatum: string | null;
  bestedingsruimteId: string;
  periodeVan: string;
  periodeTot: string;
  versie: number;
  budgetCenten: string;
  besteedCenten: string;
  /** How often the 100 % threshold of this version fired (drempel_staat): a fall below after it is a new change. */
  keer100: number;
}

export const CLIENTENSTOP_OPHEFFEN_TYPE = 'clientenstop.opheffen';

/**
 * BR-STOP-OPHEFFEN (TCW art. 1.5.10): the gemeente lifts a 1.5.9 cliëntenstop as soon as there is
 * room again. Per running stop of soort `bestedingsruimte`: when what is spent in the period holding
 * vandaag is below its amount (credits, a new period or a raised amount by addendum), one signal.
 * Once per change: the key holds the bestedingsruimte version (a new period or addendum is a new
 * row) and how often its 100 % threshold fired (a fall below after each firing is a new change).
 * Only where a bestedingsruimte is registered for vandaag: without one there is no amount to judge.
 */
export function detecteerStopOpheffen(rijen: readonly BestedingsruimteStop[], waargenomenOp: string): Signaal[] {
  const signalen: Signaal[] = [];
  for (const r of rijen) {
    const budget = BigInt(r.budgetCenten);
    const besteed = BigInt(r.besteedCenten);
    if (besteed >= budget) continue;
    signalen.push({
      type: CLIENTENSTOP_OPHEFFEN_TYPE,
      version: 1,
      domein: r.domein,
      gemeente: r.gemeente,
      aanbieder: r.aanbieder,
      contractId: r.contractId,
      regel: r.domein === 'wmo' ? 'CS Wmo art. 1.5.10' : 'contractstandaard Jeugd, bestedingsruimte (Wmo art. 1.5.10; Jeugd article not in the sources)',
      periode: { van: r.periodeVan, tot: r.periodeTot },
      cijfers: {
        clientenstop: r.stopId,
        stopBegindatum: r.stopBegindatum,
        stopEinddatum: r.stopEinddatum ?? 'open',
        bestedingsruimteCenten: Number(budget),
        besteedCenten: Number(besteed),
        ruimteCenten: Number(budget - besteed),
        besteedPromille: Number((besteed * 1000n) / budget),
        versie: r.versie,
        keer100: r.keer100,
      },
      waargenomenOp,
      dedupKey: `clientenstop-opheffen:${r.stopId}:${r.bestedingsruimteId}:${r.keer100}`,
      ernst: 'waarschuwing',
    });
  }
  return signalen;
}
