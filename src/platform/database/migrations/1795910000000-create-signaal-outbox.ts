import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signal outbox (src/signalen): one row per signal, written in the transaction of the state
 * change that caused it, unique per dedup_key (replays write nothing), published to
 * SIGNALEN_EXCHANGE by the relay and marked verzonden only after the broker confirmed it.
 * Signals carry figures only, never client data.
 */
export class CreateSignaalOutbox1795910000000 implements MigrationInterface {
  name = 'CreateSignaalOutbox1795910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signaal_outbox (
        id bigserial NOT NULL,
        dedup_key varchar(200) NOT NULL,
        type varchar(100) NOT NULL,
        body text NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'te_verzenden',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NULL DEFAULT now(),
        claimed_at timestamptz NULL,
        sent_at timestamptz NULL,
        last_error varchar(500) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_signaal_outbox PRIMARY KEY (id),
        CONSTRAINT uq_signaal_outbox_dedup_key UNIQUE (dedup_key),
        CONSTRAINT ck_signaal_outbox_status CHECK (status IN ('te_verzenden', 'verzonden'))
      )`);
    await q.query(`CREATE INDEX ix_signaal_outbox_due ON signaal_outbox (next_attempt_at, id) WHERE status = 'te_verzenden'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signaal_outbox`);
  }
}
