import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { UitgaandSoort } from './outbound-bericht.entity';
import type { UitgaandBericht } from './outbox.port';
import { sql } from '../platform/database/sql';
import { leaseClaimSql } from '../platform/database/lease-claim';

/** A relay's claim on one envelope; `attempts` fences it against a later claim by another relay. */
export interface UitgaandClaim {
  id: string;
  attempts: number;
  soort: UitgaandSoort;
  functie: string | null;
  referentienummer: string;
  correlationId: string;
  byteSize: number;
}

export type InsertResultaat = { soort: 'nieuw'; id: string } | { soort: 'bestaand'; id: string } | { soort: 'conflict' };

const TABLE = 'client_outbound_bericht';
const CLAIM_SQL = leaseClaimSql(TABLE, 'o.id, o.attempts, o.soort, o.functie, o.referentienummer, o.correlation_id AS "correlationId", o.byte_size AS "byteSize"');

/** All SQL on client_outbound_bericht. Writes take the caller's EntityManager where a transaction matters. */
@Injectable()
export class OutboundBerichtRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Inserts an envelope due now. The same referentienummer with the same envelope again (a caller
   * that repeats itself) is the existing row; with a different envelope it is a conflict.
   */
  async insert(m: EntityManager, b: UitgaandBericht): Promise<InsertResultaat> {
    const inserted = await sql<{ id: string }>(
      m,
      `INSERT INTO ${TABLE} (soort, functie, referentienummer, cross_refnummer, envelop, byte_size, inbound_id, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (referentienummer) DO NOTHING
       RETURNING id`,
      [b.soort, b.functie, b.referentienummer, b.crossRefnummer, b.envelop, Buffer.byteLength(b.envelop, 'utf8'), b.inboundId, b.correlationId],
    );
    if (inserted.rows.length === 1) return { soort: 'nieuw', id: inserted.rows[0].id };
    const same = await sql<{ id: string }>(m, `SELECT id FROM ${TABLE} WHERE referentienummer = $1 AND envelop = $2 AND soort = $3`, [
      b.referentienummer,
      b.envelop,
      b.soort,
    ]);
    return same.rows.length === 1 ? { soort: 'bestaand', id: same.rows[0].id } : { soort: 'conflict' };
  }

  /** Claims up to `limit` due envelopes under a lease (leaseClaimSql). */
  async claim(limit: number, leaseMs: number): Promise<UitgaandClaim[]> {
    const r = await sql<UitgaandClaim>(this.dataSource.manager, CLAIM_SQL, [limit, leaseMs]);
    return r.rows;
  }

  /** The envelope text of a claimed row (read per delivery, so a batch never holds them all). */
  async envelop(id: string): Promise<string | null> {
    const r = await sql<{ envelop: string }>(this.dataSource.manager, `SELECT envelop FROM ${TABLE} WHERE id = $1`, [id]);
    return r.rows[0]?.envelop ?? null;
  }

  /** Delivered. Only the holder of the current claim can record it; false when it no longer is. */
  async verzonden(claim: UitgaandClaim, httpStatus: number, antwoordRefnummer: string | null): Promise<boolean> {
    return this.afsluiten(
      claim,
      `status = 'verzonden', sent_at = now(), next_attempt_at = NULL, last_http_status = $3, antwoord_refnummer = $4`,
      [httpStatus, antwoordRefnummer],
    );
  }

  /** Not delivered; try again at `opnieuwOp`. */
  async opnieuw(claim: UitgaandClaim, opnieuwOp: Date, httpStatus: number | null, fout: string): Promise<boolean> {
    return this.afsluiten(claim, `next_attempt_at = $3, last_http_status = $4, last_error = $5`, [opnieuwOp, httpStatus, fout]);
  }

  /** Given up: uitval with its reason. */
  async uitval(claim: UitgaandClaim, httpStatus: number | null, reden: string): Promise<boolean> {
    return this.afsluiten(claim, `status = 'uitval', next_attempt_at = NULL, last_http_status = $3, last_error = $4`, [httpStatus, reden]);
  }

  /** Envelopes still to send (the metrics gauge). */
  async aantalTeVerzenden(): Promise<number> {
    const r = await sql<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM ${TABLE} WHERE status = 'te_verzenden'`, []);
    return Number(r.rows[0].n);
  }

  private async afsluiten(claim: UitgaandClaim, set: string, params: unknown[]): Promise<boolean> {
    const r = await sql(
      this.dataSource.manager,
      `UPDATE ${TABLE} SET ${set} WHERE id = $1 AND attempts = $2 AND status = 'te_verzenden'`,
      [claim.id, claim.attempts, ...params],
    );
    return r.affected === 1;
  }
}
