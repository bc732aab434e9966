import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract's art. 1.6 norm (contractstandaard-signals.md §1 and §4, ONVOLDOENDE-INZET):
 * {"soort", "waarde", "gepubliceerdOp", "vrijstelling": {"schaars", "uniek"}, "ktoScore"}; NULL = the
 * contract has no such norm (article 1.6 not included, or no norm announced).
 */
export class ContractInzetNorm1795950000000 implements MigrationInterface {
  name = 'ContractInzetNorm1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract ADD COLUMN inzet_norm jsonb NULL`);
    await q.query(`ALTER TABLE contract ADD CONSTRAINT ck_contract_inzet_norm CHECK (inzet_norm IS NULL OR jsonb_typeof(inzet_norm) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract DROP COLUMN inzet_norm`);
  }
}
