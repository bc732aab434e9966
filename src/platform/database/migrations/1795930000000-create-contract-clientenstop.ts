import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registered cliëntenstops per contract (contractstandaard-signals.md §1, §3 CS-MELDING, CS-CRISIS,
 * CS-ACTIEF): the melding, the period, the product scope (categories and/or codes; both empty = the
 * whole contract), the gemeente's written consent and whether reasons and proposals came with it.
 * No client data.
 */
export class CreateContractClientenstop1795930000000 implements MigrationInterface {
  name = 'CreateContractClientenstop1795930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_clientenstop (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL,
        soort varchar(16) NOT NULL,
        melding_datum date NOT NULL,
        begindatum date NOT NULL,
        einddatum date NULL,
        scope_categorieen varchar(2)[] NOT NULL DEFAULT '{}',
        scope_product_codes varchar(8)[] NOT NULL DEFAULT '{}',
        toestemming_datum date NULL,
        redenen_gegeven boolean NOT NULL,
        voorstellen_gegeven boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_contract_clientenstop PRIMARY KEY (id),
        CONSTRAINT fk_contract_clientenstop_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE,
        CONSTRAINT ck_contract_clientenstop_soort CHECK (soort IN ('aanbieder', 'bestedingsruimte', 'opdrachtgever')),
        CONSTRAINT ck_contract_clientenstop_periode CHECK (einddatum IS NULL OR einddatum >= begindatum)
      )`);
    // The CS-ACTIEF detector looks up the stops running on a day.
    await q.query(`CREATE INDEX ix_contract_clientenstop_contract ON contract_clientenstop (contract_id, begindatum)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_clientenstop`);
  }
}
