import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The declaratie register (src/verwerking/declaratie): every answered 323 (register_declaratie, no
 * client data), every judged prestatie (client_register_prestatie, holds the BSN) and running totals
 * per toewijzing (register_toewijzing_teller), row-locked while a declaratie is judged so TR322/TR369
 * stay O(1) per prestatie. Per wettelijk domein; written only in the 323's processing transaction.
 */
export class CreateDeclaratieRegister1795800000000 implements MigrationInterface {
  name = 'CreateDeclaratieRegister1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_declaratie (
        id bigserial NOT NULL,
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        aanbieder varchar(16) NOT NULL,
        declaratienummer varchar(12) NOT NULL,
        periode_begin date NOT NULL,
        periode_eind date NOT NULL,
        bericht_identificatie varchar(12) NOT NULL,
        bericht_dagtekening date NOT NULL,
        oordeel varchar(12) NOT NULL,
        retourcodes text[] NOT NULL DEFAULT '{}',
        totaal_ingediend_centen bigint NOT NULL,
        totaal_toegekend_centen bigint NOT NULL,
        beantwoord boolean NOT NULL DEFAULT false,
        antwoord_outbox_id uuid NULL,
        inbound_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_register_declaratie PRIMARY KEY (id),
        CONSTRAINT ck_register_declaratie_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_register_declaratie_oordeel CHECK (oordeel IN ('header', 'declaratie', 'prestaties')),
        CONSTRAINT fk_register_declaratie_inbound FOREIGN KEY (inbound_id) REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
    // One 325 per 323 (its DeclaratieIdentificatie = the 323's BerichtIdentificatie), never twice.
    await q.query(`CREATE UNIQUE INDEX uq_register_declaratie_bericht ON register_declaratie (domein, aanbieder, bericht_identificatie, bericht_dagtekening)`);
    // OP349/TR333: DeclaratieNummer unique per aanbieder per domain among declaraties that counted.
    await q.query(`CREATE UNIQUE INDEX uq_register_declaratie_nummer ON register_declaratie (domein, aanbieder, declaratienummer) WHERE oordeel = 'prestaties'`);
    await q.query(`CREATE INDEX ix_register_declaratie_periode ON register_declaratie (domein, gemeente, aanbieder, periode_begin) WHERE oordeel = 'prestaties'`);

    await q.query(`
      CREATE TABLE client_register_prestatie (
        id bigserial NOT NULL,
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        aanbieder varchar(16) NOT NULL,
        referentienummer varchar(20) NOT NULL,
        vorig_referentienummer varchar(20) NULL,
        toewijzing_nummer varchar(16) NOT NULL,
        bsn varchar(16) NOT NULL,
        product_categorie varchar(4) NOT NULL,
        product_code varchar(8) NOT NULL,
        periode_begin date NOT NULL,
        periode_eind date NOT NULL,
        volume bigint NOT NULL,
        eenheid varchar(4) NOT NULL,
        volume_basis bigint NOT NULL,
        bedrag_centen bigint NOT NULL,
        debet_credit char(1) NOT NULL,
        status varchar(12) NOT NULL,
        contract_id varchar(64) NULL,
        declaratie_id bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_client_register_prestatie PRIMARY KEY (id),
        CONSTRAINT ck_client_register_prestatie_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_client_register_prestatie_status CHECK (status IN ('goedgekeurd', 'afgewezen', 'gecrediteerd')),
        CONSTRAINT ck_client_register_prestatie_dc CHECK (debet_credit IN ('D', 'C')),
        CONSTRAINT fk_client_register_prestatie_declaratie FOREIGN KEY (declaratie_id) REFERENCES register_declaratie (id)
      )`);
    // OP283/TR314: ReferentieNummer unique per aanbieder per domain across all messages.
    await q.query(`CREATE UNIQUE INDEX uq_client_register_prestatie_referentie ON client_register_prestatie (domein, aanbieder, referentienummer)`);
    // TR389 (approved debit per key), TR385 (approved prestaties per toewijzing).
    await q.query(`CREATE INDEX ix_client_register_prestatie_toewijzing ON client_register_prestatie (domein, gemeente, toewijzing_nummer, periode_begin) WHERE status = 'goedgekeurd' AND debet_credit = 'D'`);

    await q.query(`
      CREATE TABLE register_toewijzing_teller (
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        toewijzing_nummer varchar(16) NOT NULL,
        volume_basis bigint NOT NULL DEFAULT 0,
        bedrag_centen bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_register_toewijzing_teller PRIMARY KEY (domein, gemeente, toewijzing_nummer),
        CONSTRAINT ck_register_toewijzing_teller_domein CHECK (domein IN ('wmo', 'jeugd'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE register_toewijzing_teller');
    await q.query('DROP TABLE client_register_prestatie');
    await q.query('DROP TABLE register_declaratie');
  }
}
