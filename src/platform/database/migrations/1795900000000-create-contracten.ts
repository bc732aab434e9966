import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract master data (src/contracten, contractstandaard-signals.md §1-2): aanbieders, contracts per
 * domein with looptijd and optional articles, contracted products with a tarief per validity period
 * (indexering), and bestedingsruimtes per contract period and addendum version with their running
 * total and the crossing state per threshold. No client data in any of them.
 */
export class CreateContracten1795900000000 implements MigrationInterface {
  name = 'CreateContracten1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_aanbieder (
        agb varchar(8) NOT NULL,
        naam varchar(200) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_contract_aanbieder PRIMARY KEY (agb),
        CONSTRAINT ck_contract_aanbieder_agb CHECK (agb ~ '^[0-9]{8}$')
      )`);
    await q.query(`
      CREATE TABLE contract (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kenmerk varchar(64) NOT NULL,
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        gemeenten varchar(4)[] NOT NULL,
        aanbieder varchar(8) NOT NULL,
        uitvoeringsvariant varchar(20) NOT NULL,
        looptijd_van date NOT NULL,
        looptijd_tot date NULL,
        verlengopties jsonb NOT NULL DEFAULT '[]',
        besluitdatum date NULL,
        artikelen varchar(8)[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_contract PRIMARY KEY (id),
        CONSTRAINT uq_contract_kenmerk UNIQUE (domein, gemeente, kenmerk),
        CONSTRAINT fk_contract_aanbieder FOREIGN KEY (aanbieder) REFERENCES contract_aanbieder (agb),
        CONSTRAINT ck_contract_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_contract_variant CHECK (uitvoeringsvariant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')),
        CONSTRAINT ck_contract_looptijd CHECK (looptijd_tot IS NULL OR looptijd_tot >= looptijd_van),
        CONSTRAINT ck_contract_gemeenten CHECK (cardinality(gemeenten) > 0)
      )`);
    await q.query(`CREATE INDEX ix_contract_aanbieder ON contract (domein, aanbieder)`);

    await q.query(`
      CREATE TABLE contract_product (
        id bigserial NOT NULL,
        contract_id uuid NOT NULL,
        product_code varchar(8) NOT NULL,
        eenheid varchar(4) NOT NULL,
        tarief_centen bigint NOT NULL,
        geldig_van date NOT NULL,
        geldig_tot date NULL,
        CONSTRAINT pk_contract_product PRIMARY KEY (id),
        CONSTRAINT fk_contract_product_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE,
        CONSTRAINT ck_contract_product_tarief CHECK (tarief_centen >= 0),
        CONSTRAINT ck_contract_product_geldig CHECK (geldig_tot IS NULL OR geldig_tot >= geldig_van)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_contract_product_van ON contract_product (contract_id, product_code, geldig_van)`);

    // besteed_centen is the running total, updated under the row lock in the declaratie's
    // transaction; drempel_staat holds {"70": {"staat": "armed"|"fired", "keer": n}, ...}.
    await q.query(`
      CREATE TABLE bestedingsruimte (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL,
        periode_van date NOT NULL,
        periode_tot date NOT NULL,
        versie integer NOT NULL,
        budget_centen bigint NOT NULL,
        besteed_centen bigint NOT NULL DEFAULT 0,
        meetgrondslag varchar(16) NOT NULL DEFAULT 'realisatie',
        monitoring varchar(16) NOT NULL DEFAULT 'gemeente',
        drempel_staat jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bestedingsruimte PRIMARY KEY (id),
        CONSTRAINT fk_bestedingsruimte_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE,
        CONSTRAINT uq_bestedingsruimte_versie UNIQUE (contract_id, periode_van, versie),
        CONSTRAINT ck_bestedingsruimte_budget CHECK (budget_centen > 0),
        CONSTRAINT ck_bestedingsruimte_periode CHECK (periode_tot >= periode_van),
        CONSTRAINT ck_bestedingsruimte_versie CHECK (versie >= 1),
        CONSTRAINT ck_bestedingsruimte_grondslag CHECK (meetgrondslag IN ('realisatie', 'verplichting')),
        CONSTRAINT ck_bestedingsruimte_monitoring CHECK (monitoring IN ('gemeente', 'aanbieder'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bestedingsruimte`);
    await q.query(`DROP TABLE contract_product`);
    await q.query(`DROP TABLE contract`);
    await q.query(`DROP TABLE contract_aanbieder`);
  }
}
