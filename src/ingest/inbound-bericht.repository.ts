import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { InboundBericht, type EindStatus, type InboundStatus, type Kanaal } from './inbound-bericht.entity';
import type { AntwoordSamenvatting, BerichtIdentiteit, StoredVerdict } from './inbound-bericht.types';
import { sql } from '../platform/database/sql';
import { RecenteBytes } from './recente-bytes';

export interface NieuwBericht {
  kanaal: Kanaal;
  raw: Buffer;
  contentSha256: string;
  envelope: string | null;
  /** Null when the bericht could not be identified (possible on the GGK kanaal only). */
  identiteit: BerichtIdentiteit | null;
  correlationId: string;
}

/** A bericht from /ggk: its envelope identifies the delivery (zender + referentienummer). */
export interface NieuwGgkBericht extends Omit<NieuwBericht, 'kanaal' | 'envelope'> {
  envelope: string;
  ggkZender: string;
  ggkReferentienummer: string;
  /** The functie of the envelope ('WMO305'), kept when the Header could not be identified. */
  bericht: string;
}

export type BewaarResultaat =
  | { soort: 'opgeslagen'; id: string; status: InboundStatus }
  /** The same bytes were stored before. */
  | { soort: 'herhaald'; id: string; status: InboundStatus }
  /** A different bericht already uses this (domein, berichtcode, afzender, identificatie): TR056. */
  | { soort: 'dubbele-identificatie'; bestaandId: string };

export type GgkBewaarResultaat =
  /** Stored; `duplicaatVan` is set when its BerichtIdentificatie was received before (answered 9056). */
  | { soort: 'opgeslagen'; id: string; status: InboundStatus; ontvangenOp: Date; duplicaatVan: string | null }
  /** This envelope (zender + referentienummer, same payload) was stored before: nothing stored. */
  | { soort: 'herhaald'; id: string; status: InboundStatus; ontvangenOp: Date }
  /** The zender used this referentienummer before for another payload (IB216). */
  | { soort: 'referentie-hergebruikt'; bestaandId: string };

/** A worker's claim on a bericht; `attempts` fences it against a later claim by another worker. */
export interface Claim {
  id: string;
  attempts: number;
  /** The stored fields except the bytes, as the claim read them (claim() always sets it). */
  bericht?: InboundBericht;
}

/** A claimed bericht with its raw bytes and envelope, as the processing pipeline gets it. */
export type TeVerwerkenBericht = InboundBericht & { raw: Buffer };

export interface VerwerkingUitkomst {
  status: EindStatus;
  verdict: StoredVerdict;
  /** What was sent for it; recorded in the same statement as the status (IV028: one answer). */
  antwoord?: AntwoordSamenvatting | null;
}

const TABLE = 'client_inbound_bericht';

interface Rij {
  kanaal: Kanaal;
  raw: Buffer;
  contentSha256: string;
  envelope: string | null;
  identiteit: BerichtIdentiteit | null;
  bericht: string | null;
  correlationId: string;
  ggkZender: string | null;
  ggkReferentienummer: string | null;
  duplicaatVan: string | null;
}

type Ingevoegd = { id: string; status: InboundStatus; received_at: Date };

/**
 * All SQL on client_inbound_bericht. Methods take an optional EntityManager so a caller's
 * transaction (e.g. the worker's, with the outbox) covers them.
 */
@Injectable()
export class InboundBerichtRepository {
  private kolomLijsten: { metRaw: string; zonderRaw: string } | undefined;
  /** Up to 256 MB of just-stored bytes for 2 minutes (RecenteBytes). */
  private readonly recent = new RecenteBytes(256 * 1024 * 1024, 120_000);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * REST: stores a bericht unless these bytes or this BerichtIdentificatie are already there. One
   * statement; ON CONFLICT waits for a concurrent insert of the same key to commit or roll back.
   */
  async bewaar(b: NieuwBericht, tx?: EntityManager): Promise<BewaarResultaat> {
    const m = tx ?? this.dataSource.manager;
    const i = b.identiteit;
    const inserted = await this.voegIn(m, { ...b, bericht: null, ggkZender: null, ggkReferentienummer: null, duplicaatVan: null });
    if (inserted) return { soort: 'opgeslagen', id: inserted.id, status: inserted.status };

    const same = await sql<{ id: string; status: InboundStatus }>(
      m,
      `SELECT id, status FROM ${TABLE} WHERE content_sha256 = $1 AND kanaal = 'rest'`,
      [b.contentSha256],
    );
    if (same.rows.length === 1) return { soort: 'herhaald', ...same.rows[0] };
    if (i) {
      const bestaand = await this.eersteMetIdentificatie(m, i);
      if (bestaand) return { soort: 'dubbele-identificatie', bestaandId: bestaand };
    }
    throw new Error('insert conflicted but no conflicting row was found');
  }

  /**
   * GGK: stores a bericht unless this envelope (zender + referentienummer) is already there. A new
   * envelope whose BerichtIdentificatie was received before is stored too, as a duplicate of the first
   * (architecture.md §2 step 1; processing answers it with 9056). Same bytes in a new envelope are a new
   * delivery: the sender made a new message and expects an answer to it.
   */
  async bewaarGgk(b: NieuwGgkBericht, tx?: EntityManager): Promise<GgkBewaarResultaat> {
    const m = tx ?? this.dataSource.manager;
    const rij: Rij = { ...b, kanaal: 'ggk', bericht: b.identiteit ? null : b.bericht, duplicaatVan: null };
    const inserted = await this.voegIn(m, rij);
    if (inserted) return { soort: 'opgeslagen', id: inserted.id, status: inserted.status, ontvangenOp: inserted.received_at, duplicaatVan: null };

    const herhaald = await this.zelfdeEnvelop(m, b);
    if (herhaald) return herhaald;
    const eerste = b.identiteit ? await this.eersteMetIdentificatie(m, b.identiteit) : null;
    if (eerste) {
      const duplicaat = await this.voegIn(m, { ...rij, duplicaatVan: eerste });
      if (duplicaat) return { soort: 'opgeslagen', id: duplicaat.id, status: duplicaat.status, ontvangenOp: duplicaat.received_at, duplicaatVan: eerste };
      // Lost a race with the same envelope: now it is there.
      const alsnog = await this.zelfdeEnvelop(m, b);
      if (alsnog) return alsnog;
    }
    throw new Error('insert conflicted but no conflicting row was found');
  }

  private async voegIn(m: EntityManager, r: Rij): Promise<Ingevoegd | null> {
    const i = r.identiteit;
    const inserted = await sql<Ingevoegd>(
      m,
      `INSERT INTO ${TABLE} (kanaal, raw, byte_size, content_sha256, envelope, bericht, domein, berichtcode,
                             afzender, ontvanger, identificatie, dagtekening, correlation_id,
                             ggk_zender, ggk_referentienummer, duplicaat_van)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT DO NOTHING
       RETURNING id, status, received_at`,
      [r.kanaal, r.raw, r.raw.length, r.contentSha256, r.envelope, i?.bericht ?? r.bericht, i?.domein ?? null,
        i?.berichtcode ?? null, i?.afzender ?? null, i?.ontvanger ?? null, i?.identificatie ?? null,
        i?.dagtekening ?? null, r.correlationId, r.ggkZender, r.ggkReferentienummer, r.duplicaatVan],
    );
    const rij = inserted.rows[0];
    if (!rij) return null;
    this.recent.bewaar(rij.id, r.raw);
    return rij;
  }

  private async zelfdeEnvelop(m: EntityManager, b: NieuwGgkBericht): Promise<GgkBewaarResultaat | null> {
    const r = await sql<Ingevoegd & { content_sha256: string }>(
      m,
      `SELECT id, status, received_at, content_sha256 FROM ${TABLE} WHERE ggk_zender = $1 AND ggk_referentienummer = $2`,
      [b.ggkZender, b.ggkReferentienummer],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.content_sha256 !== b.contentSha256) return { soort: 'referentie-hergebruikt', bestaandId: row.id };
    return { soort: 'herhaald', id: row.id, status: row.status, ontvangenOp: row.received_at };
  }

  /** The first bericht with this TR056 key (duplicates point to it). */
  private async eersteMetIdentificatie(m: EntityManager, i: BerichtIdentiteit): Promise<string | null> {
    const key = await sql<{ id: string }>(
      m,
      `SELECT id FROM ${TABLE}
        WHERE domein = $1 AND berichtcode = $2 AND afzender = $3 AND identificatie = $4 AND duplicaat_van IS NULL`,
      [i.domein, i.berichtcode, i.afzender, i.identificatie],
    );
    return key.rows[0]?.id ?? null;
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
    const r = await sql<InboundBericht>(
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
        RETURNING ${this.kolommen().zonderRaw}`,
      [limit, leaseSeconds],
    );
    // The fields come with the claim: processing needs no statement of its own to read them.
    return r.rows.map((bericht) => ({ id: bericht.id, attempts: bericht.attempts, bericht }));
  }

  /**
   * The claimed bericht with its bytes: those this process stored a moment ago from memory, else
   * from the database. Null when the claim is no longer ours (another worker claimed it after the
   * lease ran out, or it was finished). There is no row lock: `finish` fences the claim, and a
   * processing transaction whose claim was lost meanwhile rolls back.
   */
  async laadGeclaimd(claim: Claim, tx: EntityManager): Promise<TeVerwerkenBericht | null> {
    const vers = this.recent.neem(claim.id);
    if (vers && claim.bericht) return { ...claim.bericht, raw: vers };
    const r = await sql<TeVerwerkenBericht>(
      tx,
      `SELECT ${this.kolommen().metRaw} FROM ${TABLE} WHERE id = $1 AND status = 'in_verwerking' AND attempts = $2`,
      [claim.id, claim.attempts],
    );
    return r.rows[0] ?? null;
  }

  /** The column list of the entity for plain SQL on the per-bericht path, dates as text as TypeORM hydrates them. */
  private kolommen(): { metRaw: string; zonderRaw: string } {
    const lijst = (raw: boolean) =>
      this.dataSource
        .getMetadata(InboundBericht)
        .columns.map((c) => (c.databaseName === 'raw' && !raw ? 'NULL AS raw' : `${c.databaseName}${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`))
        .join(', ');
    return (this.kolomLijsten ??= { metRaw: lijst(true), zonderRaw: lijst(false) });
  }

  /** Records the outcome; only the holder of the current claim can. Returns false if it was not. */
  async finish(claim: Claim, uitkomst: VerwerkingUitkomst, tx?: EntityManager): Promise<boolean> {
    const r = await sql(
      tx ?? this.dataSource.manager,
      `UPDATE ${TABLE} SET status = $3, verdict = $4, antwoord = $5, processed_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'in_verwerking'`,
      [claim.id, claim.attempts, uitkomst.status, JSON.stringify(uitkomst.verdict), uitkomst.antwoord ? JSON.stringify(uitkomst.antwoord) : null],
    );
    return r.affected === 1;
  }

  /** Gives unstarted claims back (graceful stop), as if never claimed. */
  async release(claims: readonly Claim[]): Promise<void> {
    for (const c of claims) {
      await sql(
        this.dataSource.manager,
        `UPDATE ${TABLE} SET status = 'ontvangen', claimed_at = NULL, attempts = attempts - 1
          WHERE id = $1 AND attempts = $2 AND status = 'in_verwerking'`,
        [c.id, c.attempts],
      );
    }
  }
}
