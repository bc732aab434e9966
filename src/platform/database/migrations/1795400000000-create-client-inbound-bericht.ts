import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox: every received bericht, byte for byte, before anyone is told it arrived. Client data
 * (BSNs in the raw bericht), hence the client_ prefix (architecture.md §5).
 */
export class CreateClientInboundBericht1795400000000 implements MigrationInterface {
  name = 'CreateClientInboundBericht1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_inbound_bericht (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        received_at timestamptz NOT NULL DEFAULT now(),
        kanaal varchar(8) NOT NULL,
        raw bytea NOT NULL,
        byte_size integer NOT NULL,
        content_sha256 char(64) NOT NULL,
        envelope text NULL,
        bericht varchar(8) NULL,
        domein varchar(8) NULL,
        berichtcode varchar(64) NULL,
        afzender varchar(64) NULL,
        ontvanger varchar(64) NULL,
        identificatie varchar(64) NULL,
        dagtekening date NULL,
        status varchar(16) NOT NULL DEFAULT 'ontvangen',
        verdict jsonb NULL,
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz NULL,
        processed_at timestamptz NULL,
        correlation_id varchar(64) NOT NULL,
        CONSTRAINT pk_client_inbound_bericht PRIMARY KEY (id),
        CONSTRAINT ck_client_inbound_bericht_kanaal CHECK (kanaal IN ('rest', 'ggk')),
        CONSTRAINT ck_client_inbound_bericht_domein CHECK (domein IN ('wmo', 'jeugd')),
        CONSTRAINT ck_client_inbound_bericht_status
          CHECK (status IN ('ontvangen', 'in_verwerking', 'verwerkt', 'afgekeurd', 'uitval'))
      )`);
    // TR056: BerichtIdentificatie is unique per afzender and berichtsoort. Rows whose header could
    // not be read have NULLs here and never conflict.
    await q.query(`
      CREATE UNIQUE INDEX uq_client_inbound_bericht_identificatie
        ON client_inbound_bericht (domein, berichtcode, afzender, identificatie)`);
    // The same bytes are stored once, whichever channel delivers them again.
    await q.query(`CREATE UNIQUE INDEX uq_client_inbound_bericht_content_sha256 ON client_inbound_bericht (content_sha256)`);
    // The worker's claim query only looks at unfinished rows.
    await q.query(`
      CREATE INDEX ix_client_inbound_bericht_open
        ON client_inbound_bericht (received_at, id)
        WHERE status IN ('ontvangen', 'in_verwerking')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_inbound_bericht`);
  }
}
