import type { EntityManager } from 'typeorm';
import type { ContractRepository } from './contract.repository';
import type { ContractLezer, ContractTarief, Domein } from './contracten.port';

/** CONTRACT_LEZER: the tarief of a product valid on a date (indexering: one row per validity period). */
export class PostgresContractLezer implements ContractLezer {
  constructor(private readonly repository: ContractRepository) {}

  async tarief(m: EntityManager, q: { domein: Domein; gemeente: string; aanbieder: string; productCode: string; datum: string }): Promise<ContractTarief | null> {
    const r = await this.repository.tarief(m, q);
    return r ? { contractId: r.contractId, productCode: r.productCode, eenheid: r.eenheid, tariefCenten: Number(r.tariefCenten) } : null;
  }
}
