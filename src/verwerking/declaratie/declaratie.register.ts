import type { EntityManager } from 'typeorm';
import type { Declaratie, Domein } from '../../istandaarden';
import type { ToewijzingVersie } from '../regels';
import type { DebetTotalen, DeclaratieStand, NieuwePrestatie, Teller } from './beoordeel-declaratie';
import { debetSleutel, nummerVan, type BekendePrestatie } from './declaratie.regels';
import { copyIn, copyVeld, CopyStroom } from '../../platform/database/copy';

/**
 * The declaratie register on PostgreSQL (migrations/1795800000000-create-declaratie-register),
 * inside the 323's transaction. Every read and write is one statement per declaratie (arrays and
 * unnest for reads and updates, COPY for new rows), never one per prestatie, so a 100,000-prestatie
 * declaratie stays linear.
 */

/** A counter to create was created by another transaction after laadStand: roll back, the bericht is processed again. */
export class TellerConflictError extends Error {
  constructor() {
    super('a toewijzing counter of this declaratie was created by another transaction meanwhile; rolled back to be processed again');
    this.name = 'TellerConflictError';
  }
}

const ESCAPE = /[\\"]/;

/**
 * A PostgreSQL array literal (every element quoted, backslash and double quote escaped; null is
 * NULL), passed as one text parameter. The same text pg builds from a JS array, at a third of its
 * cost: at 100,000 prestaties x 15 columns pg's per-element conversion took ~0.3 s.
 */
export function arrayLiteral(waarden: ReadonlyArray<string | number | null>): string {
  let s = '{';
  for (let i = 0; i < waarden.length; i++) {
    const v = waarden[i];
    if (i > 0) s += ',';
    if (v === null || v === undefined) s += 'NULL';
    else if (typeof v === 'number') s += `"${v}"`;
    else s += ESCAPE.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  }
  return s + '}';
}

export interface DeclaratieSleutel {
  domein: Domein;
  gemeente: string;
  aanbieder: string;
}

/** True when this 323 (BerichtIdentificatie = Identificatie + Dagtekening) was answered before. */
export async function alBeantwoord(m: EntityManager, s: DeclaratieSleutel, identificatie: string, dagtekening: string): Promise<boolean> {
  const rows = (await m.query(
    `SELECT 1 FROM register_declaratie WHERE domein = $1 AND aanbieder = $2 AND bericht_identificatie = $3 AND bericht_dagtekening = $4`,
    [s.domein, s.aanbieder, identificatie, dagtekening],
  )) as unknown[];
  return rows.length > 0;
}

/** TR333 and TR318: whether the DeclaratieNummer counted before, and the latest period this aanbieder submitted here. */
export async function eerdereDeclaraties(m: EntityManager, s: DeclaratieSleutel, declaratieNummer: string): Promise<{ nummers: Set<string>; laatstePeriodeBegin: string | null }> {
  const [r] = (await m.query(
    `SELECT EXISTS (SELECT 1 FROM register_declaratie WHERE domein = $1 AND aanbieder = $2 AND declaratienummer = $4 AND oordeel = 'prestaties') AS bestaat,
            (SELECT max(periode_begin)::text FROM register_declaratie WHERE domein = $1 AND gemeente = $3 AND aanbieder = $2 AND oordeel = 'prestaties') AS laatste`,
    [s.domein, s.aanbieder, s.gemeente, declaratieNummer],
  )) as Array<{ bestaat: boolean; laatste: string | null }>;
  return { nummers: new Set(r.bestaat ? [declaratieNummer] : []), laatstePeriodeBegin: r.laatste };
}

/**
 * Lets a statement go out before the caller does its own work: TypeORM hands it to pg a few
 * microtasks after query() returns. One statement at a time (pg deprecates queueing on a client),
 * but this process works while the database runs it. The caller awaits `q` later.
 */
async function onderweg(q: Promise<unknown>): Promise<void> {
  q.catch(() => undefined); // a failure is reported where `q` is awaited, not as unhandled
  await new Promise((r) => setImmediate(r));
}

/**
 * Loads what the prestatie rules need, in four statements, each one's rows turned into objects
 * while the database runs the next; locks the counters of the toewijzingen involved.
 */
export async function laadStand(m: EntityManager, s: DeclaratieSleutel, declaratie: Declaratie): Promise<DeclaratieStand> {
  const alle = declaratie.clienten.flatMap((c) => c.prestaties);
  const rns = new Set<string>();
  const nummerSet = new Set<string>();
  const begins = new Set<string>();
  for (const p of alle) {
    rns.add(p.referentieNummer);
    if (p.vorigReferentieNummer !== null) rns.add(p.vorigReferentieNummer);
    nummerSet.add(nummerVan(p.toewijzingNummer));
    if (p.ingediendBedrag.debetCredit === 'D') begins.add(p.productPeriode.begindatum);
  }
  const rnLijst = arrayLiteral([...rns]);
  const nummers = arrayLiteral([...nummerSet]);

  const bekend = (await m.query(
    `SELECT referentienummer, debet_credit, status, toewijzing_nummer, periode_begin::text AS pb, periode_eind::text AS pe, product_categorie, product_code,
            volume_basis::text AS vb, abs(bedrag_centen)::text AS bedrag, contract_id
       FROM client_register_prestatie WHERE domein = $1 AND aanbieder = $2 AND referentienummer = ANY($3::varchar[])`,
    [s.domein, s.aanbieder, rnLijst],
  )) as Array<Record<string, string | null>>;

  // IV013: the actual version is the one with the latest Toewijzingsdatum + Toewijzingstijd.
  const versiesQ = m.query(
    `SELECT DISTINCT ON (toewijzing_nummer) gemeente, toewijzing_nummer, aanbieder, bsn, referentie_aanbieder, product, toewijzingsdatum::text AS td,
            toewijzingstijd, ingangsdatum::text AS ingang, einddatum::text AS eind, reden_wijziging, omvang, budget_centen::text AS budget
       FROM client_register_toewijzing WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = ANY($3::varchar[])
      ORDER BY toewijzing_nummer, toewijzingsdatum DESC, toewijzingstijd COLLATE "C" DESC`,
    [s.domein, s.gemeente, nummers],
  ) as Promise<Array<Record<string, unknown>>>;
  await onderweg(versiesQ);
  const prestaties = new Map<string, BekendePrestatie>();
  for (const r of bekend) {
    const rn = r.referentienummer as string;
    prestaties.set(rn, {
      referentienummer: rn,
      debetCredit: r.debet_credit as 'D' | 'C',
      status: r.status as BekendePrestatie['status'],
      toewijzingNummer: r.toewijzing_nummer as string,
      sleutel: debetSleutel({ toewijzingNummer: r.toewijzing_nummer as string, productPeriode: { begindatum: r.pb as string, einddatum: r.pe as string }, productCategorie: r.product_categorie as string, productCode: r.product_code as string }),
      volumeBasis: Number(r.vb),
      bedragCenten: Number(r.bedrag),
      contractId: r.contract_id,
    });
  }
  const versies = await versiesQ;

  // Counters of every toewijzing a prestatie or a known prestatie (a credited debit) touches: the
  // existing ones row-locked, in key order. A missing one is zero; schrijfPrestaties creates it with
  // its final value and notices one created meanwhile (TellerConflictError), so a counter is written
  // once instead of created empty here and updated there (a second write of every row).
  const tellerNummers = new Set(nummerSet);
  for (const p of prestaties.values()) tellerNummers.add(p.toewijzingNummer);
  const tellersQ = m.query(
    `SELECT toewijzing_nummer, volume_basis::text AS v, bedrag_centen::text AS b FROM register_toewijzing_teller
      WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = ANY($3::varchar[]) ORDER BY toewijzing_nummer FOR UPDATE`,
    [s.domein, s.gemeente, tellerNummers.size === nummerSet.size ? nummers : arrayLiteral([...tellerNummers])],
  ) as Promise<Array<{ toewijzing_nummer: string; v: string; b: string }>>;
  await onderweg(tellersQ);
  const toewijzingen = new Map<string, ToewijzingVersie>();
  for (const v of versies) {
    toewijzingen.set(v.toewijzing_nummer as string, {
      gemeente: v.gemeente as string,
      toewijzingNummer: v.toewijzing_nummer as string,
      aanbieder: v.aanbieder as string,
      bsn: v.bsn as string,
      referentieAanbieder: v.referentie_aanbieder as string | null,
      product: v.product as ToewijzingVersie['product'],
      toewijzingsdatum: v.td as string,
      toewijzingstijd: v.toewijzingstijd as string,
      ingangsdatum: v.ingang as string,
      einddatum: v.eind as string | null,
      redenWijziging: v.reden_wijziging as string | null,
      omvang: v.omvang as ToewijzingVersie['omvang'],
      budgetCenten: v.budget === null ? null : Number(v.budget),
    });
  }
  const tellerRijen = await tellersQ;

  // TR389: approved, not credited debits on these toewijzingen in the periods this message declares
  // debits in: every key a debit of the message can have (a key none has is never looked up).
  const openQ = m.query(
    `SELECT toewijzing_nummer, periode_begin::text AS pb, periode_eind::text AS pe, product_categorie, product_code
       FROM client_register_prestatie
      WHERE domein = $1 AND gemeente = $2 AND status = 'goedgekeurd' AND debet_credit = 'D'
        AND toewijzing_nummer = ANY($3::varchar[]) AND periode_begin = ANY($4::date[])`,
    [s.domein, s.gemeente, nummers, arrayLiteral([...begins])],
  ) as Promise<Array<Record<string, string>>>;
  await onderweg(openQ);
  const tellers = new Map<string, Teller>(tellerRijen.map((r) => [r.toewijzing_nummer, { volumeBasis: Number(r.v), bedragCenten: Number(r.b) }]));
  const openDebetSleutels = new Set((await openQ).map((r) => debetSleutel({ toewijzingNummer: r.toewijzing_nummer, productPeriode: { begindatum: r.pb, einddatum: r.pe }, productCategorie: r.product_categorie, productCode: r.product_code })));
  return { toewijzingen, prestaties, openDebetSleutels, tellers };
}

export interface DeclaratieRij extends DeclaratieSleutel {
  declaratieNummer: string;
  periode: { begindatum: string; einddatum: string };
  identificatie: string;
  dagtekening: string;
  oordeel: 'header' | 'declaratie' | 'prestaties';
  retourcodes: string[];
  totaalIngediendCenten: number;
  totaalToegekendCenten: number;
  inboundId: string | null;
  /** Its debit prestaties as judged (all zero when the 323 was rejected whole): the monthly uitval figure reads these. */
  debet: DebetTotalen;
  /** Per retourcode of the 325: prestaties and Σ IngediendBedrag (signed), as its declaratie.uitval signal has them. */
  perRetourcode: Record<string, { aantal: number; centen: number }>;
  /** The id drawn beforehand (PrestatieStroom); a new one when absent. */
  id?: string;
}

/** Records the answered 323; the unique index refuses a second answer to the same 323. Returns its id. */
export async function schrijfDeclaratie(m: EntityManager, d: DeclaratieRij): Promise<string> {
  const [r] = (await m.query(
    `INSERT INTO register_declaratie (id, domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                      oordeel, retourcodes, totaal_ingediend_centen, totaal_toegekend_centen, inbound_id,
                                      debet_goedgekeurd, debet_afgewezen, debet_goedgekeurd_centen, debet_afgewezen_centen, per_retourcode)
     VALUES (COALESCE($14::bigint, nextval(pg_get_serial_sequence('register_declaratie', 'id'))), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
             $15, $16, $17, $18, $19::jsonb)
     RETURNING id::text AS id`,
    [d.domein, d.gemeente, d.aanbieder, d.declaratieNummer, d.periode.begindatum, d.periode.einddatum, d.identificatie, d.dagtekening, d.oordeel, d.retourcodes,
      d.totaalIngediendCenten, d.totaalToegekendCenten, d.inboundId, d.id ?? null,
      d.debet.goedgekeurd, d.debet.afgewezen, d.debet.goedgekeurdCenten, d.debet.afgewezenCenten, JSON.stringify(d.perRetourcode)],
  )) as Array<{ id: string }>;
  return r.id;
}

export async function markeerBeantwoord(m: EntityManager, declaratieId: string, outboxId: string | null): Promise<void> {
  await m.query(`UPDATE register_declaratie SET beantwoord = $2, antwoord_outbox_id = $3 WHERE id = $1`, [declaratieId, outboxId !== null, outboxId]);
}

/** The columns of a prestatie row, in COPY order. */
const PRESTATIE_KOLOMMEN = `domein, gemeente, aanbieder, declaratie_id, referentienummer, vorig_referentienummer, toewijzing_nummer, bsn,
  product_categorie, product_code, periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, contract_id`;

function* prestatieRijen(s: DeclaratieSleutel, declaratieId: string, rijen: readonly NieuwePrestatie[]): Generator<string> {
  const vast = `${copyVeld(s.domein)}\t${copyVeld(s.gemeente)}\t${copyVeld(s.aanbieder)}\t${copyVeld(declaratieId)}`;
  for (const r of rijen) {
    yield `${vast}\t${copyVeld(r.referentienummer)}\t${copyVeld(r.vorigReferentienummer)}\t${copyVeld(r.toewijzingNummer)}\t${copyVeld(r.bsn)}\t${copyVeld(r.productCategorie)}\t${copyVeld(r.productCode)}\t${copyVeld(r.periodeBegin)}\t${copyVeld(r.periodeEind)}\t${r.volume}\t${copyVeld(r.eenheid)}\t${r.volumeBasis}\t${r.bedragCenten}\t${r.debetCredit}\t${r.status}\t${copyVeld(r.contractId)}\n`;
  }
}

function* tellerRijen(s: DeclaratieSleutel, tellers: ReadonlyArray<[string, Teller]>): Generator<string> {
  const vast = `${copyVeld(s.domein)}\t${copyVeld(s.gemeente)}`;
  for (const [nummer, t] of tellers) yield `${vast}\t${copyVeld(nummer)}\t${t.volumeBasis}\t${t.bedragCenten}\n`;
}

const COPY_PRESTATIES = `COPY client_register_prestatie (${PRESTATIE_KOLOMMEN}) FROM STDIN`;

/**
 * Stores the judged prestaties, marks the credited debits and writes the counters (see
 * werkTellersBij). DeclaratieStap streams the prestaties with PrestatieStroom instead.
 */
export async function schrijfPrestaties(
  m: EntityManager,
  s: DeclaratieSleutel,
  declaratieId: string,
  rijen: readonly NieuwePrestatie[],
  gecrediteerd: readonly string[],
  tellers: ReadonlyMap<string, Teller>,
  bestaand: ReadonlyMap<string, Teller>,
): Promise<void> {
  if (rijen.length > 0) await copyIn(m, COPY_PRESTATIES, prestatieRijen(s, declaratieId, rijen));
  await werkTellersBij(m, s, gecrediteerd, tellers, bestaand);
}

/**
 * The prestaties of one declaratie stored while they are judged: the database stores the rows of
 * one step of beoordeelPrestatiesStapsgewijs while this process judges the next (100,000
 * prestaties: judging ~1 s and storing ~1.5 s overlap instead of following each other). The
 * declaratie's id is drawn first, as the rows carry it; its register_declaratie row follows once
 * the 325 is known (schrijfDeclaratie with that id). Behind a savepoint, so `trekIn` takes the rows
 * back when the 325 turns out not to be sendable, while the rest of the transaction stays.
 *
 * While it is open the transaction's connection runs nothing else: `sluit` (or `trekIn`) comes
 * before any other statement.
 */
export class PrestatieStroom {
  private constructor(
    readonly declaratieId: string,
    private readonly m: EntityManager,
    private readonly s: DeclaratieSleutel,
    private readonly copy: CopyStroom,
  ) {}

  static async open(m: EntityManager, s: DeclaratieSleutel): Promise<PrestatieStroom> {
    const [{ id }] = (await m.query(`SELECT nextval(pg_get_serial_sequence('register_declaratie', 'id'))::text AS id`)) as Array<{ id: string }>;
    await m.query('SAVEPOINT declaratie_prestaties');
    return new PrestatieStroom(id, m, s, await CopyStroom.open(m, COPY_PRESTATIES));
  }

  /** Adds judged rows; a promise when the database should catch up first. */
  schrijf(rijen: readonly NieuwePrestatie[]): Promise<void> | undefined {
    let tekst = '';
    for (const r of prestatieRijen(this.s, this.declaratieId, rijen)) tekst += r;
    return this.copy.schrijf(tekst);
  }

  /** No more rows; the database finishes them while the caller goes on (its next statement waits for it). */
  sluit(): void {
    this.copy.sluit();
  }

  /** Resolves once every row is stored; rejects with the database's error. */
  async opgeslagen(): Promise<void> {
    await this.copy.resultaat();
  }

  /** Takes back every row written (cancelling the COPY if it is still open). */
  async trekIn(reden: Error): Promise<void> {
    await this.copy.breekAf(reden);
    await this.m.query('ROLLBACK TO SAVEPOINT declaratie_prestaties');
  }
}

/**
 * Marks the credited debits and writes the counters: `tellers` are the final values, `bestaand`
 * the counters laadStand found (and locked); the others are created here, by COPY.
 */
export async function werkTellersBij(
  m: EntityManager,
  s: DeclaratieSleutel,
  gecrediteerd: readonly string[],
  tellers: ReadonlyMap<string, Teller>,
  bestaand: ReadonlyMap<string, Teller>,
): Promise<void> {
  if (gecrediteerd.length > 0) {
    await m.query(
      `UPDATE client_register_prestatie SET status = 'gecrediteerd' WHERE domein = $1 AND aanbieder = $2 AND referentienummer = ANY($3::varchar[]) AND status = 'goedgekeurd'`,
      [s.domein, s.aanbieder, arrayLiteral(gecrediteerd)],
    );
  }
  const oud: Array<[string, Teller]> = [];
  const nieuw: Array<[string, Teller]> = [];
  for (const e of tellers) (bestaand.has(e[0]) ? oud : nieuw).push(e);
  if (oud.length > 0) {
    await m.query(
      `UPDATE register_toewijzing_teller t SET volume_basis = u.v, bedrag_centen = u.b, updated_at = now()
         FROM unnest($3::varchar[], $4::bigint[], $5::bigint[]) AS u(n, v, b)
        WHERE t.domein = $1 AND t.gemeente = $2 AND t.toewijzing_nummer = u.n`,
      [s.domein, s.gemeente, arrayLiteral(oud.map((e) => e[0])), arrayLiteral(oud.map((e) => e[1].volumeBasis)), arrayLiteral(oud.map((e) => e[1].bedragCenten))],
    );
  }
  if (nieuw.length > 0) {
    // Key order, as the locks: two transactions creating the same counters wait, they do not deadlock.
    nieuw.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    try {
      await copyIn(m, `COPY register_toewijzing_teller (domein, gemeente, toewijzing_nummer, volume_basis, bedrag_centen) FROM STDIN`, tellerRijen(s, nieuw));
    } catch (e) {
      // Created by another transaction since laadStand looked (its key is taken now).
      if ((e as { code?: string; constraint?: string }).constraint === 'pk_register_toewijzing_teller') throw new TellerConflictError();
      throw e;
    }
  }
}
