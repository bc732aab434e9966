import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GGK endpoint and the answers (architecture.md §2 steps 1-2):
 * - client_inbound_bericht gets the envelope key (zender + referentienummer: a repeat is answered with
 *   the same Bv03, never stored twice; another payload under it is IB216), `duplicaat_van` for a new
 *   envelope whose BerichtIdentificatie was received before (stored, answered 9056 by processing), and
 *   `antwoord`, the summary of what was sent. The TR056 index skips duplicates and the content index
 *   applies to REST only: on /ggk the envelope, not the bytes, identifies a delivery.
 * - client_ggk_foutbericht: Fo01s the GGK sends about our envelopes. Free text from outside that may
 *   quote our payload, hence the client_ prefix.
 * - retour_identificatie_seq: IdentificatieRetour of the retourberichten we build.
 */
export class GgkIngestEnAntwoord1795600000000 implements MigrationInterface {
  name = 'GgkIngestEnAntwoord1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE client_inbound_bericht
        ADD COLUMN ggk_zender varchar(200) NULL,
        ADD COLUMN ggk_referentienummer varchar(40) NULL,
        ADD COLUMN duplicaat_van uuid NULL,
        ADD COLUMN antwoord jsonb NULL,
        ADD CONSTRAINT fk_client_inbound_bericht_duplicaat_van FOREIGN KEY (duplicaat_van) REFERENCES client_inbound_bericht (id),
        ADD CONSTRAINT ck_client_inbound_bericht_ggk
          CHECK ((kanaal = 'ggk') = (ggk_zender IS NOT NULL AND ggk_referentienummer IS NOT NULL)),
        ADD CONSTRAINT ck_client_inbound_bericht_duplicaat CHECK (duplicaat_van IS NULL OR kanaal = 'ggk')`);
    await q.query(`DROP INDEX uq_client_inbound_bericht_identificatie`);
    await q.query(`
      CREATE UNIQUE INDEX uq_client_inbound_bericht_identificatie
        ON client_inbound_bericht (domein, berichtcode, afzender, identificatie)
        WHERE duplicaat_van IS NULL`);
    await q.query(`DROP INDEX uq_client_inbound_bericht_content_sha256`);
    await q.query(`CREATE UNIQUE INDEX uq_client_inbound_bericht_content_sha256 ON client_inbound_bericht (content_sha256) WHERE kanaal = 'rest'`);
    await q.query(`
      CREATE UNIQUE INDEX uq_client_inbound_bericht_ggk_referentie
        ON client_inbound_bericht (ggk_zender, ggk_referentienummer)
        WHERE ggk_referentienummer IS NOT NULL`);
    await q.query(`CREATE INDEX ix_client_inbound_bericht_duplicaat_van ON client_inbound_bericht (duplicaat_van) WHERE duplicaat_van IS NOT NULL`);

    await q.query(`
      CREATE TABLE client_ggk_foutbericht (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        received_at timestamptz NOT NULL DEFAULT now(),
        zender varchar(200) NOT NULL,
        referentienummer varchar(40) NOT NULL,
        cross_refnummer varchar(40) NOT NULL,
        code varchar(16) NOT NULL,
        plek varchar(8) NOT NULL,
        omschrijving varchar(200) NOT NULL,
        details varchar(1000) NULL,
        outbound_id uuid NULL,
        correlation_id varchar(64) NOT NULL,
        CONSTRAINT pk_client_ggk_foutbericht PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_client_ggk_foutbericht_referentie ON client_ggk_foutbericht (zender, referentienummer)`);
    await q.query(`CREATE INDEX ix_client_ggk_foutbericht_cross_refnummer ON client_ggk_foutbericht (cross_refnummer)`);
    await q.query(`CREATE SEQUENCE retour_identificatie_seq MINVALUE 1 MAXVALUE 99999999999 NO CYCLE`);
  }

  /** Fails when GGK duplicates exist (the old unique indexes cannot hold them): remove them first. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE retour_identificatie_seq`);
    await q.query(`DROP TABLE client_ggk_foutbericht`);
    await q.query(`DROP INDEX ix_client_inbound_bericht_duplicaat_van`);
    await q.query(`DROP INDEX uq_client_inbound_bericht_ggk_referentie`);
    await q.query(`DROP INDEX uq_client_inbound_bericht_content_sha256`);
    await q.query(`CREATE UNIQUE INDEX uq_client_inbound_bericht_content_sha256 ON client_inbound_bericht (content_sha256)`);
    await q.query(`DROP INDEX uq_client_inbound_bericht_identificatie`);
    await q.query(`
      CREATE UNIQUE INDEX uq_client_inbound_bericht_identificatie
        ON client_inbound_bericht (domein, berichtcode, afzender, identificatie)`);
    await q.query(`
      ALTER TABLE client_inbound_bericht
        DROP CONSTRAINT ck_client_inbound_bericht_duplicaat,
        DROP CONSTRAINT ck_client_inbound_bericht_ggk,
        DROP CONSTRAINT fk_client_inbound_bericht_duplicaat_van,
        DROP COLUMN antwoord,
        DROP COLUMN duplicaat_van,
        DROP COLUMN ggk_referentienummer,
        DROP COLUMN ggk_zender`);
  }
}
