import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LOOPTIJD-CHECK (HR §14): framework agreements run 4 years in principle; a deviation is motivated
 * in the inkoopdocument. looptijd_motivatie records that a motivation exists (its text as given, at
 * most 500 characters); NULL = none recorded.
 */
export class ContractLooptijdMotivatie1795990000000 implements MigrationInterface {
  name = 'ContractLooptijdMotivatie1795990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract ADD COLUMN looptijd_motivatie varchar(500) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract DROP COLUMN looptijd_motivatie`);
  }
}
