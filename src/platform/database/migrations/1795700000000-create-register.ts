import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register the rules across berichten read (src/verwerking/register, RegisterLezer), per
 * wettelijk domein: every toewijzing version (IV013), start/stop deliveries per IV008 key space,
 * verzoeken by ReferentieAanbieder, and the BerichtIdentificaties of approved berichten (TR056).
 * Written only from approved berichten, in their processing transaction. The first three hold BSNs,
 * hence the client_ prefix (architecture.md §5); register_bericht_identificatie holds none.
 */
export class CreateRegister1795700000000 implements MigrationInterface {
  name = 'CreateRegister1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_register_toewijzing (
        id bigserial NOT NULL,
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        toewijzing_nummer varchar(16) NOT NULL,
        aanbieder varchar(16) NOT NULL,
        bsn varchar(16) NOT NULL,
        referentie_aanbieder varchar(36) NULL,
        product jsonb NULL,
        toewijzingsdatum date NOT NULL,
        toewijzingstijd varchar(16) NOT NULL,
        ingangsdatum date NOT NULL,
        einddatum date NULL,
        reden_wijziging varchar(4) NULL,
        omvang jsonb NULL,
        budget_centen bigint NULL,
        inbound_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_client_register_toewijzing PRIMARY KEY (id),
        CONSTRAINT ck_client_register_toewijzing_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT fk_client_register_toewijzing_inbound FOREIGN KEY (inbound_id) REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
    // IV013: a version is its decision moment; a resend with the same moment replaces it.
    await q.query(`
      CREATE UNIQUE INDEX uq_client_register_toewijzing_versie
        ON client_register_toewijzing (domein, gemeente, toewijzing_nummer, toewijzingsdatum, toewijzingstijd)`);
    await q.query(`CREATE INDEX ix_client_register_toewijzing_client ON client_register_toewijzing (domein, gemeente, aanbieder, bsn)`);

    await q.query(`
      CREATE TABLE client_register_levering (
        id bigserial NOT NULL,
        domein varchar(8) NOT NULL,
        gemeente varchar(8) NOT NULL,
        toewijzing_nummer varchar(16) NULL,
        aanbieder varchar(16) NOT NULL,
        bsn varchar(16) NOT NULL,
        soort varchar(5) NOT NULL,
        sleutel text NOT NULL,
        start_sleutel text NOT NULL,
        product jsonb NULL,
        toewijzing_ingangsdatum date NULL,
        begindatum date NOT NULL,
        reden_beeindiging varchar(4) NULL,
        einddatum date NULL,
        status varchar(10) NOT NULL,
        inbound_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_client_register_levering PRIMARY KEY (id),
        CONSTRAINT ck_client_register_levering_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_client_register_levering_soort CHECK (soort IN ('start', 'stop')),
        CONSTRAINT ck_client_register_levering_status CHECK (status IN ('actueel', 'verwijderd')),
        CONSTRAINT fk_client_register_levering_inbound FOREIGN KEY (inbound_id) REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
    // The two key spaces of LeveringScope, in arrival order (id).
    await q.query(`
      CREATE INDEX ix_client_register_levering_toewijzing
        ON client_register_levering (domein, gemeente, toewijzing_nummer, id) WHERE toewijzing_nummer IS NOT NULL`);
    await q.query(`
      CREATE INDEX ix_client_register_levering_client
        ON client_register_levering (domein, gemeente, aanbieder, bsn, id) WHERE toewijzing_nummer IS NULL`);

    await q.query(`
      CREATE TABLE client_register_verzoek (
        domein varchar(8) NOT NULL,
        aanbieder varchar(16) NOT NULL,
        referentie_aanbieder varchar(36) NOT NULL,
        gemeente varchar(8) NOT NULL,
        bsn varchar(16) NOT NULL,
        bericht_nummer varchar(3) NOT NULL,
        status varchar(10) NOT NULL,
        in_onderzoek boolean NOT NULL DEFAULT false,
        inbound_id uuid NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_client_register_verzoek PRIMARY KEY (domein, aanbieder, referentie_aanbieder),
        CONSTRAINT ck_client_register_verzoek_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_client_register_verzoek_status CHECK (status IN ('open', 'afgewezen', 'toegewezen')),
        CONSTRAINT fk_client_register_verzoek_inbound FOREIGN KEY (inbound_id) REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE INDEX ix_client_register_verzoek_open
        ON client_register_verzoek (domein, gemeente, aanbieder, bsn) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE register_bericht_identificatie (
        domein varchar(8) NOT NULL,
        berichtcode varchar(8) NOT NULL,
        afzender varchar(16) NOT NULL,
        identificatie varchar(16) NOT NULL,
        dagtekening date NOT NULL,
        inbound_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_register_bericht_identificatie PRIMARY KEY (domein, berichtcode, afzender, identificatie),
        CONSTRAINT ck_register_bericht_identificatie_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT fk_register_bericht_identificatie_inbound FOREIGN KEY (inbound_id) REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_bericht_identificatie`);
    await q.query(`DROP TABLE client_register_verzoek`);
    await q.query(`DROP TABLE client_register_levering`);
    await q.query(`DROP TABLE client_register_toewijzing`);
  }
}
