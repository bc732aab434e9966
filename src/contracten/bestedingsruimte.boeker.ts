import type { EntityManager } from 'typeorm';
import type { Signaal, SignaalWriter } from '../signalen/signaal.port';
import type { ContractRepository } from './contract.repository';
import type { BestedingsruimteBoeker, Domein } from './contracten.port';
import { beoordeel, percentage, type DrempelNaam, type Overschrijding } from './drempels';
import type { BestedingsruimteRij } from './contract.repository';

/** The caller named a contract that does not exist or is not this aanbieder's: a bug, not input. */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Calendar days for the consultation after the 70 % notice (art. 1.5.7, "2 weken" as 14 days). */
export const OVERLEG_DAGEN = 14;

const ERNST: Record<DrempelNaam, Signaal['ernst']> = { '70': 'waarschuwing', '90': 'waarschuwing', '100': 'kritiek', overschreden: 'kritiek' };

/** The rule per standard: the Jeugd standard's article numbers are not in the sources (HR §10). */
function regel(domein: Domein, d: DrempelNaam): string {
  if (domein === 'jeugd') return 'HR §10 (contractstandaard Jeugd, bestedingsruimte)';
  return d === '100' ? 'CS Wmo art. 1.5.9' : 'CS Wmo art. 1.5.7';
}

/**
 * BESTEDINGSRUIMTE_BOEKER: books on the running total under the row lock (O(1), one UPDATE …
 * RETURNING) and writes a signal per threshold crossed upwards (70, 90, 100, overschreden) through
 * the signal outbox, all in the caller's transaction.
 */
export class PostgresBestedingsruimteBoeker implements BestedingsruimteBoeker {
  constructor(
    private readonly repository: ContractRepository,
    private readonly signalen: SignaalWriter,
    private readonly klok: () => Date = () => new Date(),
  ) {}

  async boek(m: EntityManager, b: { domein: Domein; gemeente: string; aanbieder: string; contractId: string; datum: string; centen: number; correlationId: string }): Promise<void> {
    if (!Number.isSafeInteger(b.centen)) throw new ContractError('centen must be whole eurocents');
    const contract = await this.repository.contract(m, b.contractId);
    if (!contract || contract.domein !== b.domein || contract.aanbieder !== b.aanbieder || !contract.gemeenten.includes(b.gemeente)) {
      throw new ContractError(`contract ${b.contractId} does not exist for this domein, gemeente and aanbieder`);
    }
    const rij = await this.repository.boek(m, b.contractId, b.datum, b.centen);
    if (!rij) return; // no bestedingsruimte for that date: nothing to watch
    await this.beoordeelDrempels(m, { domein: b.domein, gemeente: contract.gemeente, aanbieder: b.aanbieder }, rij);
  }

  /**
   * The crossing logic on a row whose total just changed or that was just made (a new version or
   * period starts with its own state): new state stored, a signal per threshold crossed upwards.
   * The caller holds the contract's bestedingsruimte lock.
   */
  async beoordeelDrempels(m: EntityManager, contract: { domein: Domein; gemeente: string; aanbieder: string }, rij: BestedingsruimteRij): Promise<void> {
    const r = beoordeel(rij.drempelStaat ?? {}, BigInt(rij.besteedCenten), BigInt(rij.budgetCenten));
    if (r.gewijzigd) await this.repository.zetDrempelStaat(m, rij.id, r.staat);
    for (const v of r.vuur) await this.signalen.schrijf(m, this.signaal(contract.domein, contract.gemeente, contract.aanbieder, rij, v));
  }

  private signaal(domein: Domein, gemeente: string, aanbieder: string, rij: BestedingsruimteRij, v: Overschrijding): Signaal {
    const nu = this.klok();
    const cijfers: Record<string, number | string> = {
      bestedingsruimteCenten: Number(rij.budgetCenten),
      besteedCenten: Number(rij.besteedCenten),
      percentage: percentage(BigInt(rij.besteedCenten), BigInt(rij.budgetCenten)),
      drempelPercentage: v.drempel === 'overschreden' ? 100 : Number(v.drempel),
      versie: rij.versie,
      keer: v.keer,
      herhaling: v.keer > 1 ? 'ja' : 'nee',
      meetgrondslag: rij.meetgrondslag,
      monitoring: rij.monitoring,
    };
    if (v.drempel === 'overschreden') cijfers.bovenPlafondCenten = Number(BigInt(rij.besteedCenten) - BigInt(rij.budgetCenten));
    if (v.drempel === '70') {
      const deadline = new Date(nu.getTime());
      deadline.setUTCDate(deadline.getUTCDate() + OVERLEG_DAGEN);
      cijfers.overlegUiterlijk = deadline.toISOString().slice(0, 10);
      cijfers.overlegTermijnDagen = OVERLEG_DAGEN;
    }
    return {
      type: `bestedingsruimte.${v.drempel}`,
      version: 1,
      domein,
      gemeente,
      aanbieder,
      contractId: rij.contractId,
      regel: regel(domein, v.drempel),
      periode: { van: rij.periodeVan, tot: rij.periodeTot },
      cijfers,
      waargenomenOp: nu.toISOString(),
      dedupKey: `bestedingsruimte:${rij.contractId}:${rij.periodeVan}/${rij.periodeTot}:v${rij.versie}:${v.drempel}:${v.keer}`,
      ernst: ERNST[v.drempel],
    };
  }
}
