import type { EntityManager } from 'typeorm';
import type { Declaratie, Domein } from '../../istandaarden';
import { normaliseerNummer, type ToewijzingVersie } from '../regels';
import type { DeclaratieStand, NieuwePrestatie, Teller } from './beoordeel-declaratie';
import { debetSleutel, type BekendePrestatie } from './declaratie.regels';

/**
 * The declaratie register on PostgreSQL (migrations/1795800000000-create-declaratie-register),
 * inside the 323's transaction. Every read and write is one statement per declaratie (arrays and
 * unnest), never one per prestatie, so a 20,000-prestatie declaratie stays linear.
 */

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

/** Loads what the prestatie rules need, in four statements; locks the counters of the toewijzingen involved. */
export async function laadStand(m: EntityManager, s: DeclaratieSleutel, declaratie: Declaratie): Promise<DeclaratieStand> {
  const alle = declaratie.clienten.flatMap((c) => c.prestaties);
  const rns = [...new Set(alle.flatMap((p) => (p.vorigReferentieNummer === null ? [p.referentieNummer] : [p.referentieNummer, p.vorigReferentieNummer])))];
  const prestaties = new Map<string, BekendePrestatie>();
  const bekend = (await m.query(
    `SELECT referentienummer, debet_credit, status, toewijzing_nummer, periode_begin::text AS pb, periode_eind::text AS pe, product_categorie, product_code,
            volume_basis::text AS vb, abs(bedrag_centen)::text AS bedrag, contract_id
       FROM client_register_prestatie WHERE domein = $1 AND aanbieder = $2 AND referentienummer = ANY($3::varchar[])`,
    [s.domein, s.aanbieder, rns],
  )) as Array<Record<string, string | null>>;
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

  const nummers = [...new Set(alle.map((p) => normaliseerNummer(p.toewijzingNummer)))];
  const toewijzingen = new Map<string, ToewijzingVersie>();
  // IV013: the actual version is the one with the latest Toewijzingsdatum + Toewijzingstijd.
  const versies = (await m.query(
    `SELECT DISTINCT ON (toewijzing_nummer) gemeente, toewijzing_nummer, aanbieder, bsn, referentie_aanbieder, product, toewijzingsdatum::text AS td,
            toewijzingstijd, ingangsdatum::text AS ingang, einddatum::text AS eind, reden_wijziging, omvang, budget_centen::text AS budget
       FROM client_register_toewijzing WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = ANY($3::varchar[])
      ORDER BY toewijzing_nummer, toewijzingsdatum DESC, toewijzingstijd COLLATE "C" DESC`,
    [s.domein, s.gemeente, nummers],
  )) as Array<Record<string, unknown>>;
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

  // Counters of every toewijzing a prestatie or a credited debit touches, created if new, then row-locked.
  const tellerNummers = [...new Set([...nummers, ...[...prestaties.values()].map((p) => p.toewijzingNummer)])].sort();
  await m.query(
    `INSERT INTO register_toewijzing_teller (domein, gemeente, toewijzing_nummer) SELECT $1, $2, n FROM unnest($3::varchar[]) AS n ON CONFLICT DO NOTHING`,
    [s.domein, s.gemeente, tellerNummers],
  );
  const tellerRijen = (await m.query(
    `SELECT toewijzing_nummer, volume_basis::text AS v, bedrag_centen::text AS b FROM register_toewijzing_teller
      WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = ANY($3::varchar[]) ORDER BY toewijzing_nummer FOR UPDATE`,
    [s.domein, s.gemeente, tellerNummers],
  )) as Array<{ toewijzing_nummer: string; v: string; b: string }>;
  const tellers = new Map<string, Teller>(tellerRijen.map((r) => [r.toewijzing_nummer, { volumeBasis: Number(r.v), bedragCenten: Number(r.b) }]));

  // TR389: approved, not credited debits with the same key as a debit in this message.
  const debets = alle.filter((p) => p.ingediendBedrag.debetCredit === 'D');
  const open = (await m.query(
    `SELECT p.toewijzing_nummer, p.periode_begin::text AS pb, p.periode_eind::text AS pe, p.product_categorie, p.product_code
       FROM client_register_prestatie p
       JOIN (SELECT DISTINCT * FROM unnest($3::varchar[], $4::date[], $5::date[], $6::varchar[], $7::varchar[])) AS k(t, b, e, c, pc)
         ON p.toewijzing_nummer = k.t AND p.periode_begin = k.b AND p.periode_eind = k.e AND p.product_categorie = k.c AND p.product_code = k.pc
      WHERE p.domein = $1 AND p.gemeente = $2 AND p.status = 'goedgekeurd' AND p.debet_credit = 'D'`,
    [
      s.domein, s.gemeente,
      debets.map((p) => normaliseerNummer(p.toewijzingNummer)), debets.map((p) => p.productPeriode.begindatum), debets.map((p) => p.productPeriode.einddatum),
      debets.map((p) => p.productCategorie), debets.map((p) => p.productCode),
    ],
  )) as Array<Record<string, string>>;
  const openDebetSleutels = new Set(open.map((r) => debetSleutel({ toewijzingNummer: r.toewijzing_nummer, productPeriode: { begindatum: r.pb, einddatum: r.pe }, productCategorie: r.product_categorie, productCode: r.product_code })));
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
}

/** Records the answered 323; the unique index refuses a second answer to the same 323. Returns its id. */
export async function schrijfDeclaratie(m: EntityManager, d: DeclaratieRij): Promise<string> {
  const [r] = (await m.query(
    `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                      oordeel, retourcodes, totaal_ingediend_centen, totaal_toegekend_centen, inbound_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text AS id`,
    [d.domein, d.gemeente, d.aanbieder, d.declaratieNummer, d.periode.begindatum, d.periode.einddatum, d.identificatie, d.dagtekening, d.oordeel, d.retourcodes,
      d.totaalIngediendCenten, d.totaalToegekendCenten, d.inboundId],
  )) as Array<{ id: string }>;
  return r.id;
}

export async function markeerBeantwoord(m: EntityManager, declaratieId: string, outboxId: string | null): Promise<void> {
  await m.query(`UPDATE register_declaratie SET beantwoord = $2, antwoord_outbox_id = $3 WHERE id = $1`, [declaratieId, outboxId !== null, outboxId]);
}

/** Stores the judged prestaties, marks the credited debits and writes the counters, one statement each. */
export async function schrijfPrestaties(
  m: EntityManager,
  s: DeclaratieSleutel,
  declaratieId: string,
  rijen: readonly NieuwePrestatie[],
  gecrediteerd: readonly string[],
  tellers: ReadonlyMap<string, Teller>,
): Promise<void> {
  const kol = <K extends keyof NieuwePrestatie>(k: K) => rijen.map((r) => r[k]);
  if (rijen.length > 0) {
    await m.query(
      `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, declaratie_id, referentienummer, vorig_referentienummer, toewijzing_nummer, bsn,
              product_categorie, product_code, periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, contract_id)
       SELECT $1, $2, $3, $4::bigint, * FROM unnest($5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::date[], $12::date[],
              $13::bigint[], $14::varchar[], $15::bigint[], $16::bigint[], $17::char[], $18::varchar[], $19::varchar[])`,
      [s.domein, s.gemeente, s.aanbieder, declaratieId, kol('referentienummer'), kol('vorigReferentienummer'), kol('toewijzingNummer'), kol('bsn'),
        kol('productCategorie'), kol('productCode'), kol('periodeBegin'), kol('periodeEind'), kol('volume'), kol('eenheid'), kol('volumeBasis'),
        kol('bedragCenten'), kol('debetCredit'), kol('status'), kol('contractId')],
    );
  }
  if (gecrediteerd.length > 0) {
    await m.query(
      `UPDATE client_register_prestatie SET status = 'gecrediteerd' WHERE domein = $1 AND aanbieder = $2 AND referentienummer = ANY($3::varchar[]) AND status = 'goedgekeurd'`,
      [s.domein, s.aanbieder, gecrediteerd],
    );
  }
  if (tellers.size > 0) {
    const n = [...tellers.keys()];
    await m.query(
      `UPDATE register_toewijzing_teller t SET volume_basis = u.v, bedrag_centen = u.b, updated_at = now()
         FROM unnest($3::varchar[], $4::bigint[], $5::bigint[]) AS u(n, v, b)
        WHERE t.domein = $1 AND t.gemeente = $2 AND t.toewijzing_nummer = u.n`,
      [s.domein, s.gemeente, n, n.map((k) => tellers.get(k)?.volumeBasis ?? 0), n.map((k) => tellers.get(k)?.bedragCenten ?? 0)],
    );
  }
}
