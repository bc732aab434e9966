import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract's own wachttijdnorm per product group (contractstandaard-signals.md §1, WACHTTIJD):
 * {"<productgroep>": weken}; NULL = the configured default (WACHTTIJD_NORMEN_WEKEN) applies.
 */
export class ContractWachttijdNormen1795940000000 implements MigrationInterface {
  name = 'ContractWachttijdNormen1795940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract ADD COLUMN wachttijd_normen jsonb NULL`);
    await q.query(`ALTER TABLE contract ADD CONSTRAINT ck_contract_wachttijd_normen CHECK (wachttijd_normen IS NULL OR jsonb_typeof(wachttijd_normen) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract DROP COLUMN wachttijd_normen`);
  }
}
