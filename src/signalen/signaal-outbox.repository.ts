import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { leaseClaimSql } from '../platform/database/lease-claim';

/** A relay's claim on one signal; `attempts` fences it against a later claim by another relay. */
export interface SignaalClaim {
  id: string;
  attempts: number;
  dedupKey: string;
  type: string;
  body: string;
}

const TABLE = 'signaal_outbox';
const CLAIM_SQL = leaseClaimSql(TABLE, 'o.id, o.attempts, o.dedup_key AS "dedupKey", o.type, o.body');

/** All SQL on signaal_outbox. The insert takes the caller's EntityManager (its transaction). */
export class SignaalOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the row is new; a dedupKey already in the outbox (a replay) writes nothing. */
  async insert(m: EntityManager, s: { dedupKey: string; type: string; body: string }): Promise<boolean> {
    const r = await sql<{ id: string }>(
      m,
      `INSERT INTO ${TABLE} (dedup_key, type, body) VALUES ($1, $2, $3) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [s.dedupKey, s.type, s.body],
    );
    return r.rows.length === 1;
  }

  /**
   * Claims up to `limit` due signals under a lease (leaseClaimSql); a relay that dies mid-publish
   * leaves them due again, and they are published again with the same message_id.
   */
  async claim(limit: number, leaseMs: number): Promise<SignaalClaim[]> {
    const r = await sql<SignaalClaim>(this.dataSource.manager, CLAIM_SQL, [limit, leaseMs]);
    return r.rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Confirmed by the broker. Only the holder of the current claim records it. */
  async verzonden(claims: readonly SignaalClaim[]): Promise<number> {
    if (claims.length === 0) return 0;
    const r = await sql(
      this.dataSource.manager,
      `UPDATE ${TABLE} o SET status = 'verzonden', sent_at = now(), next_attempt_at = NULL, last_error = NULL
         FROM unnest($1::bigint[], $2::int[]) AS c(id, attempts)
        WHERE o.id = c.id AND o.attempts = c.attempts AND o.status = 'te_verzenden'`,
      [claims.map((c) => c.id), claims.map((c) => c.attempts)],
    );
    return r.affected;
  }

  /** Not confirmed: due again at `opnieuwOp`. */
  async opnieuw(claims: readonly SignaalClaim[], opnieuwOp: Date, fout: string): Promise<void> {
    if (claims.length === 0) return;
    await sql(
      this.dataSource.manager,
      `UPDATE ${TABLE} o SET next_attempt_at = $3, last_error = $4
         FROM unnest($1::bigint[], $2::int[]) AS c(id, attempts)
        WHERE o.id = c.id AND o.attempts = c.attempts AND o.status = 'te_verzenden'`,
      [claims.map((c) => c.id), claims.map((c) => c.attempts), opnieuwOp, fout.slice(0, 500)],
    );
  }

  async aantalTeVerzenden(): Promise<number> {
    const r = await sql<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM ${TABLE} WHERE status = 'te_verzenden'`, []);
    return Number(r.rows[0].n);
  }
}
