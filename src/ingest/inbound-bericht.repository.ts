import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { InboundBericht, type EindStatus, type InboundStatus, type Kanaal } from './inbound-bericht.entity';
import type { BerichtIdentiteit, StoredVerdict } from './inbound-bericht.types';

export interface NieuwBericht {
  kanaal: Kanaal;
  raw: Buffer;
  contentSha256: string;
  envelope: string | null;
  /** Null when the bericht could not be identified (possible on the GGK kanaal only). */
  identiteit: BerichtIdentiteit | null;
  correlationId: string;
}

export type BewaarResultaat =
  | { soort: 'opgeslagen'; id: string; status: InboundStatus }
  /** The same bytes were stored before. */
  | { soort: 'herhaald'; id: string; status: InboundStatus }
  /** A different bericht already uses this (domein, berichtcode, afzender, identificatie): TR056. */
  | { soort: 'dubbele-identificatie'; bestaandId: string };

/** A worker's claim on a bericht; `attempts` fences it against a later claim by another worker. */
export interface Claim {
  id: string;
  attempts: number;
}

/** A claimed bericht with its raw bytes, as the processing pipeline gets it. */
export type TeVerwerkenBericht = Omit<InboundBericht, 'envelope'> & { raw: Buffer };

export interface VerwerkingUitkomst {
  status: EindStatus;
  verdict: StoredVerdict;
}

const TABLE = 'client_inbound_bericht';

/**
 * All SQL on client_inbound_bericht. Methods take an optional EntityManager so a caller's
 * transaction (e.g. the worker's, later with the outbox) covers them.
 */
@Injectable()
export class InboundBerichtRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a bericht unless these bytes or this BerichtIdentificatie are already there. One
   * statement; ON CONFLICT waits for a concurrent insert of the same key to commit or roll back.
   */
  async bewaar(b: NieuwBericht, tx?: EntityManager): Promise<BewaarResultaat> {
    const m = tx ?? this.dataSource.manager;
    const i = b.identiteit;
    const inserted = await run<{ id: string; status: InboundStatus }>(
      m,
      `INSERT INTO ${TABLE} (kanaal, raw, byte_size, content_sha256, envelope, bericht, domein, berichtcode,
                             afzender, ontvanger, identificatie, dagtekening, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING
       RETURNING id, status`,
      [b.kanaal, b.raw, b.raw.length, b.contentSha256, b.envelope, i?.bericht ?? null, i?.domein ?? null,
        i?.berichtcode ?? null, i?.afzender ?? null, i?.ontvanger ?? null, i?.identificatie ?? null,
        i?.dagtekening ?? null, b.correlationId],
    );
    if (inserted.rows.length === 1) return { soort: 'opgeslagen', ...inserted.rows[0] };

    const same = await run<{ id: string; status: InboundStatus }>(m, `SELECT id, status FROM ${TABLE} WHERE content_sha256 = $1`, [b.contentSha256]);
    if (same.rows.length === 1) return { soort: 'herhaald', ...same.rows[0] };
    if (i) {
      const key = await run<{ id: string }>(
        m,
        `SELECT id FROM ${TABLE} WHERE domein = $1 AND berichtcode = $2 AND afzender = $3 AND identificatie = $4`,
        [i.domein, i.berichtcode, i.afzender, i.identificatie],
      );
      if (key.rows.length === 1) return { soort: 'dubbele-identificatie', bestaandId: key.rows[0].id };
    }
    throw new Error('insert conflicted but no conflicting row was found');
  }

  /** Without raw bytes and envelope. */
  findById(id: string): Promise<InboundBericht | null> {
    return this.dataSource.getRepository(InboundBericht).findOne({ where: { id } });
  }

  /**
   * Claims up to `limit` open berichten, oldest first: new ones, and claims older than the lease
   * (their worker died). SKIP LOCKED lets any number of workers claim side by side.
   */
  async claim(limit: number, leaseSeconds: number): Promise<Claim[]> {
    const r = await run<Claim>(
      this.dataSource.manager,
      `UPDATE ${TABLE} b
          SET status = 'in_verwerking', claimed_at = now(), attempts = b.attempts + 1
        WHERE b.id IN (
              SELECT id FROM ${TABLE}
               WHERE status = 'ontvangen'
                  OR (status = 'in_verwerking' AND claimed_at < now() - make_interval(secs => $2))
               ORDER BY received_at, id
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
        RETURNING b.id, b.attempts`,
      [limit, leaseSeconds],
    );
    return r.rows;
  }

  /**
   * Locks a claimed bericht for its processing transaction. Null when the claim is no longer ours
   * (another worker claimed it after the lease ran out, or it was finished): then do nothing.
   */
  async lockClaimed(claim: Claim, tx: EntityManager): Promise<TeVerwerkenBericht | null> {
    const row = await tx
      .getRepository(InboundBericht)
      .createQueryBuilder('b')
      .addSelect('b.raw')
      .where('b.id = :id AND b.status = :status AND b.attempts = :attempts', { id: claim.id, status: 'in_verwerking', attempts: claim.attempts })
      .setLock('pessimistic_write')
      .getOne();
    return row ? (row as TeVerwerkenBericht) : null;
  }

  /** Records the outcome; only the holder of the current claim can. Returns false if it was not. */
  async finish(claim: Claim, uitkomst: VerwerkingUitkomst, tx?: EntityManager): Promise<boolean> {
    const r = await run(
      tx ?? this.dataSource.manager,
      `UPDATE ${TABLE} SET status = $3, verdict = $4, processed_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'in_verwerking'`,
      [claim.id, claim.attempts, uitkomst.status, JSON.stringify(uitkomst.verdict)],
    );
    return r.affected === 1;
  }

  /** Gives unstarted claims back (graceful stop), as if never claimed. */
  async release(claims: readonly Claim[]): Promise<void> {
    for (const c of claims) {
      await run(
        this.dataSource.manager,
        `UPDATE ${TABLE} SET status = 'ontvangen', claimed_at = NULL, attempts = attempts - 1
          WHERE id = $1 AND attempts = $2 AND status = 'in_verwerking'`,
        [c.id, c.attempts],
      );
    }
  }
}

/** Runs SQL and returns rows and affected count the same way for SELECT, INSERT and UPDATE. */
async function run<T>(m: EntityManager, sql: string, params: unknown[]): Promise<{ rows: T[]; affected: number }> {
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const r = await qr.query(sql, params, true);
    return { rows: r.records as T[], affected: r.affected ?? 0 };
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}
