import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox towards the GGK: every envelope we send, written in the transaction of the state change
 * that causes it and delivered afterwards by the relay (src/uitgaand). The envelope carries the
 * base64 bericht (BSNs), hence the client_ prefix (architecture.md §5). last_error never holds
 * payload text.
 */
export class CreateClientOutboundBericht1795500000000 implements MigrationInterface {
  name = 'CreateClientOutboundBericht1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_outbound_bericht (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        soort varchar(4) NOT NULL,
        functie varchar(8) NULL,
        referentienummer varchar(40) NOT NULL,
        cross_refnummer varchar(40) NULL,
        envelop text NOT NULL,
        byte_size integer NOT NULL,
        inbound_id uuid NULL,
        correlation_id varchar(64) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'te_verzenden',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NULL DEFAULT now(),
        claimed_at timestamptz NULL,
        sent_at timestamptz NULL,
        last_http_status integer NULL,
        last_error varchar(500) NULL,
        antwoord_refnummer varchar(40) NULL,
        CONSTRAINT pk_client_outbound_bericht PRIMARY KEY (id),
        CONSTRAINT ck_client_outbound_bericht_soort CHECK (soort IN ('Di01', 'Du01', 'Fo01')),
        CONSTRAINT ck_client_outbound_bericht_status CHECK (status IN ('te_verzenden', 'verzonden', 'uitval')),
        CONSTRAINT ck_client_outbound_bericht_due CHECK (status <> 'te_verzenden' OR next_attempt_at IS NOT NULL),
        CONSTRAINT fk_client_outbound_bericht_inbound FOREIGN KEY (inbound_id)
          REFERENCES client_inbound_bericht (id) ON DELETE SET NULL
      )`);
    // One envelope per referentienummer (spec §2.4; the GGK refuses a repeat with IB216).
    await q.query(`CREATE UNIQUE INDEX uq_client_outbound_bericht_referentienummer ON client_outbound_bericht (referentienummer)`);
    // The relay's claim query only looks at envelopes still to send, by due time.
    await q.query(`
      CREATE INDEX ix_client_outbound_bericht_te_verzenden
        ON client_outbound_bericht (next_attempt_at, id)
        WHERE status = 'te_verzenden'`);
    // "What did we send for this bericht" (GET /api/berichten/:id antwoord, uitval review).
    await q.query(`CREATE INDEX ix_client_outbound_bericht_inbound ON client_outbound_bericht (inbound_id) WHERE inbound_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_outbound_bericht`);
  }
}
