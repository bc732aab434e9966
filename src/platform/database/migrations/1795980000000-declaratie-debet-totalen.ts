import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * register_declaratie keeps, per answered 323, how many of its debit prestaties were approved and
 * rejected and their amounts, written with the row (the step knows them). The monthly uitval
 * detector (HR §16) reads these instead of joining every prestatie on declaratie_id, which has no
 * index (migration 1795970000000) and so scanned the whole prestatie table on each run. A debit
 * credited later still counts as approved, as it was when the 325 went out; a rejected debit whose
 * ReferentieNummer was used before (8021) counts as rejected, though it has no row of its own.
 * Existing rows are filled from the prestaties they stored (without such 8021 rejections, which the
 * join never saw either). per_retourcode holds {"<retourcode>": {"aantal", "centen"}} of the 325
 * (the figures of its declaratie.uitval signal) for the monthly figures by retourcode (HR §16:
 * DECLARATIE-UITVAL, TARIEF-AFWIJKING, VOLUME-OVERSCHRIJDING); empty for rows answered before.
 */
export class DeclaratieDebetTotalen1795980000000 implements MigrationInterface {
  name = 'DeclaratieDebetTotalen1795980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_declaratie
      ADD COLUMN debet_goedgekeurd integer NOT NULL DEFAULT 0,
      ADD COLUMN debet_afgewezen integer NOT NULL DEFAULT 0,
      ADD COLUMN debet_goedgekeurd_centen bigint NOT NULL DEFAULT 0,
      ADD COLUMN debet_afgewezen_centen bigint NOT NULL DEFAULT 0,
      ADD COLUMN per_retourcode jsonb NOT NULL DEFAULT '{}',
      ADD CONSTRAINT ck_register_declaratie_debet_totalen
        CHECK (debet_goedgekeurd >= 0 AND debet_afgewezen >= 0 AND debet_goedgekeurd_centen >= 0 AND debet_afgewezen_centen >= 0)`);
    await q.query(`UPDATE register_declaratie d
        SET debet_goedgekeurd = p.goedgekeurd, debet_afgewezen = p.afgewezen,
            debet_goedgekeurd_centen = p.goedgekeurd_centen, debet_afgewezen_centen = p.afgewezen_centen
       FROM (SELECT declaratie_id,
                    count(*) FILTER (WHERE status IN ('goedgekeurd', 'gecrediteerd')) AS goedgekeurd,
                    count(*) FILTER (WHERE status = 'afgewezen') AS afgewezen,
                    COALESCE(sum(abs(bedrag_centen)) FILTER (WHERE status IN ('goedgekeurd', 'gecrediteerd')), 0) AS goedgekeurd_centen,
                    COALESCE(sum(abs(bedrag_centen)) FILTER (WHERE status = 'afgewezen'), 0) AS afgewezen_centen
               FROM client_register_prestatie WHERE debet_credit = 'D' GROUP BY declaratie_id) p
      WHERE p.declaratie_id = d.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_declaratie
      DROP CONSTRAINT ck_register_declaratie_debet_totalen,
      DROP COLUMN debet_goedgekeurd, DROP COLUMN debet_afgewezen, DROP COLUMN debet_goedgekeurd_centen, DROP COLUMN debet_afgewezen_centen,
      DROP COLUMN per_retourcode`);
  }
}
