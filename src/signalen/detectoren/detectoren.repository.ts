import type { EntityManager } from 'typeorm';
import type { ClientenstopDag } from './clientenstop-actief.detector';
import type { BestedingsruimteStop } from './clientenstop-opheffen.detector';
import type { EenzijdigeBeeindiging } from './beeindiging-aanbieder.detector';
import type { VerwerktHeenbericht } from './bericht-uitval.detector';
import type { AflopendContract } from './einde-lopende-zorg.detector';
import type { ContractBestedingsruimtes } from './bestedingsruimte-besluit.detector';
import type { GeregistreerdContract } from './looptijd-check.detector';
import type { LopendeBestedingsruimte } from './bestedingsruimte-dreigt.detector';
import type { NieuweWmoToewijzing } from './wmo-voor-18.detector';
import type { ContractActiviteit } from './geen-levering.detector';
import type { ContractLooptijd } from './verlenging.detector';
import type { DeclaratieMaand } from './declaratie-uitval.detector';
import { eersteVanMaand } from './kalender';
import type { ContractInzet } from './onvoldoende-inzet.detector';
import type { JeugdigeBijAanbieder } from './plan-16-5.detector';
import type { OpenTermijn } from './termijn.detector';
import type { StartStopMelding } from './termijn-aanbieder.detector';
import type { VerzondenHeenbericht } from './termijn-aanbieder-retour.detector';
import type { ContractWachttijdNorm, ToewijzingWachttijd } from './wachttijd.detector';

/**
 * The detectors' reads: aggregates and dates only. The client_ tables are read inside the queries
 * (BSN only as a join column), never returned; the one exception is the birth date PLAN-16-5
 * computes with, which never reaches a signal.
 */

/**
 * `kolom` (a timestamptz) on a Dutch calendar day from `van` to `tot` (SQL date expressions), as a
 * range on the column itself.
 */
const OP_NL_DAGEN = (kolom: string, van: string, tot: string): string =>
  `${kolom} >= (${van}::timestamp AT TIME ZONE 'Europe/Amsterdam') AND ${kolom} < ((${tot} + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

/** Toewijzing row t is the first version of its ToewijzingNummer (the lowest register id). */
const EERSTE_VERSIE = `NOT EXISTS (SELECT 1 FROM client_register_toewijzing e
                                 WHERE e.domein = t.domein AND e.gemeente = t.gemeente AND e.toewijzing_nummer = t.toewijzing_nummer AND e.id < t.id)`;

/** Register rows (alias t) of contract c's aanbieder in its domein, for the gemeenten it covers. */
const VAN_CONTRACT = (t: string): string => `${t}.domein = c.domein AND ${t}.aanbieder = c.aanbieder AND ${t}.gemeente = ANY(c.gemeenten::text[])`;

/**
 * The CTE `stops`: the latest actual stop of every start (by its start_sleutel), in one pass over
 * the stops, which STOP_VAN_START joins by hash. A lookup per start had no index to use and made
 * the detectors quadratic in the leveringen (bench/detectoren.bench.ts: 158 s at 50,000).
 */
const STOPS = `stops AS MATERIALIZED (
       SELECT domein, gemeente, aanbieder, bsn, start_sleutel, max(einddatum) AS einddatum FROM client_register_levering
        WHERE soort = 'stop' AND status = 'actueel' GROUP BY domein, gemeente, aanbieder, bsn, start_sleutel)`;

/** `stop.einddatum`: the latest actual stop of the start s, NULL while it runs (needs the CTE STOPS). */
const STOP_VAN_START = `LEFT JOIN stops stop ON stop.domein = s.domein AND stop.gemeente = s.gemeente AND stop.aanbieder = s.aanbieder
                          AND stop.bsn = s.bsn AND stop.start_sleutel = s.start_sleutel`;

/** GEEN-ACTIVITEIT-12M: running contracts with the latest activity of their aanbieder up to vandaag. */
export async function leesContractActiviteit(m: EntityManager, vandaag: string): Promise<ContractActiviteit[]> {
  return (await m.query(
    `WITH ${STOPS},
     -- The last day covered by an actual start, per aanbieder and gemeente: one pass, then per contract a few rows.
     starts AS MATERIALIZED (
       SELECT s.domein, s.gemeente, s.aanbieder, max(LEAST(COALESCE(stop.einddatum, $1::date), $1::date)) AS laatste
         FROM client_register_levering s
         ${STOP_VAN_START}
        WHERE s.soort = 'start' AND s.status = 'actueel' AND s.begindatum <= $1::date
        GROUP BY s.domein, s.gemeente, s.aanbieder)
     SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.uitvoeringsvariant,
            c.looptijd_van::text AS "looptijdVan", c.looptijd_tot::text AS "looptijdTot",
            GREATEST(
              (SELECT max(LEAST(p.periode_eind, $1::date)) FROM client_register_prestatie p
                WHERE ${VAN_CONTRACT('p')}
                  AND p.debet_credit = 'D' AND p.status = 'goedgekeurd' AND p.periode_begin <= $1::date),
              (SELECT max(s.laatste) FROM starts s WHERE ${VAN_CONTRACT('s')}),
              (SELECT max(d.bericht_dagtekening) FROM register_declaratie d
                WHERE ${VAN_CONTRACT('d')} AND d.bericht_dagtekening <= $1::date)
            )::text AS "laatsteActiviteit"
       FROM contract c
      WHERE c.looptijd_van <= $1::date AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= $1::date) AND c.uitvoeringsvariant <> 'taakgericht'`,
    [vandaag],
  )) as ContractActiviteit[];
}

/**
 * ONVOLDOENDE-INZET: the contracts with an art. 1.6 norm running on vandaag, each with every
 * 12-month window from its start month up to the one ending before this month (the detector picks
 * the windows that count). Activity is found as GEEN-ACTIVITEIT-12M finds it (VAN_CONTRACT,
 * STOP_VAN_START), bucketed per calendar month: an approved prestatie by its ProductPeriode begin
 * (its amount, credits negative; client and toewijzing while the debit is not credited), and an
 * actual start for every month it covers a day of. Clients are counted by BSN and trajecten by
 * (gemeente, ToewijzingNummer) inside the query; only counts leave it. A start without
 * ToewijzingNummer counts as a client, not as a traject.
 */
export async function leesContractInzet(m: EntityManager, vandaag: string): Promise<ContractInzet[]> {
  return (await m.query(
    `WITH ${STOPS},
     c AS (
       SELECT id, domein, gemeente, gemeenten, aanbieder, looptijd_van, looptijd_tot, inzet_norm,
              date_trunc('month', looptijd_van::timestamp)::date AS start_maand, $2::date AS deze_maand
         FROM contract
        WHERE inzet_norm IS NOT NULL AND looptijd_van <= $1::date AND (looptijd_tot IS NULL OR looptijd_tot >= $1::date)),
     activiteit AS (
       SELECT c.id, date_trunc('month', p.periode_begin::timestamp)::date AS maand, p.bedrag_centen AS centen,
              CASE WHEN p.debet_credit = 'D' AND p.status = 'goedgekeurd' THEN p.bsn END AS client,
              CASE WHEN p.debet_credit = 'D' AND p.status = 'goedgekeurd' THEN p.gemeente || '/' || p.toewijzing_nummer END AS traject
         FROM c JOIN client_register_prestatie p ON ${VAN_CONTRACT('p')}
        WHERE p.status IN ('goedgekeurd', 'gecrediteerd') AND p.periode_begin >= c.start_maand AND p.periode_begin < c.deze_maand
       UNION ALL
       SELECT c.id, maand::date, 0, s.bsn, s.gemeente || '/' || s.toewijzing_nummer
         FROM c JOIN client_register_levering s ON ${VAN_CONTRACT('s')}
         ${STOP_VAN_START}
         CROSS JOIN LATERAL generate_series(GREATEST(date_trunc('month', s.begindatum::timestamp), c.start_maand::timestamp),
                                            date_trunc('month', LEAST(COALESCE(stop.einddatum, c.deze_maand - 1), c.deze_maand - 1)::timestamp), interval '1 month') maand
        WHERE s.soort = 'start' AND s.status = 'actueel' AND s.begindatum < c.deze_maand),
     venster AS (
       SELECT c.id, v::date AS van FROM c CROSS JOIN LATERAL generate_series(c.start_maand::timestamp, c.deze_maand - interval '12 months', interval '1 month') v),
     cijfers AS (
       SELECT v.id, v.van, COALESCE(sum(a.centen), 0) AS omzet, count(DISTINCT a.client) AS clienten, count(DISTINCT a.traject) AS trajecten
         FROM venster v LEFT JOIN activiteit a ON a.id = v.id AND a.maand >= v.van AND a.maand < v.van + interval '12 months'
        GROUP BY v.id, v.van)
     SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.looptijd_van::text AS "looptijdVan", c.looptijd_tot::text AS "looptijdTot",
            c.inzet_norm AS norm,
            COALESCE(json_agg(json_build_object('van', w.van, 'omzetCenten', w.omzet, 'clienten', w.clienten, 'trajecten', w.trajecten) ORDER BY w.van)
                       FILTER (WHERE w.van IS NOT NULL), '[]') AS vensters
       FROM c LEFT JOIN cijfers w ON w.id = c.id
      GROUP BY c.id, c.domein, c.gemeente, c.aanbieder, c.looptijd_van, c.looptijd_tot, c.inzet_norm`,
    [vandaag, eersteVanMaand(vandaag)],
  )) as ContractInzet[];
}

/** VERLENGING: contracts with an end date not yet passed and no besluitdatum. */
export async function leesContractLooptijden(m: EntityManager, vandaag: string): Promise<ContractLooptijd[]> {
  return (await m.query(
    `SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.looptijd_van::text AS "looptijdVan",
            c.looptijd_tot::text AS "looptijdTot", c.besluitdatum::text AS besluitdatum, c.verlengopties
       FROM contract c
      WHERE c.looptijd_tot IS NOT NULL AND c.looptijd_tot >= $1::date AND c.besluitdatum IS NULL`,
    [vandaag],
  )) as ContractLooptijd[];
}

/**
 * WACHTTIJD: the actual version (IV013: latest Toewijzingsdatum + tijd) of every toewijzing that
 * started on or before `tot`, with its first approved start, when that start is not before `van`
 * (earlier starts are outside the month measured).
 */
export async function leesToewijzingWachttijden(m: EntityManager, van: string, tot: string): Promise<ToewijzingWachttijd[]> {
  return (await m.query(
    `SELECT t.domein, t.gemeente, t.aanbieder, t.product ->> 'categorie' AS "productCategorie", t.product ->> 'code' AS "productCode",
            t.ingangsdatum::text AS ingangsdatum, t.einddatum::text AS einddatum, s.eerste::text AS "eersteStart"
       FROM (SELECT DISTINCT ON (domein, gemeente, toewijzing_nummer) domein, gemeente, toewijzing_nummer, aanbieder, product, ingangsdatum, einddatum
               FROM client_register_toewijzing
              ORDER BY domein, gemeente, toewijzing_nummer, toewijzingsdatum DESC, toewijzingstijd COLLATE "C" DESC) t
       LEFT JOIN LATERAL (
             SELECT min(l.begindatum) AS eerste FROM client_register_levering l
              WHERE l.domein = t.domein AND l.gemeente = t.gemeente AND l.toewijzing_nummer = t.toewijzing_nummer
                AND l.soort = 'start' AND l.status = 'actueel') s ON true
      WHERE t.ingangsdatum <= $2::date AND (s.eerste IS NULL OR s.eerste >= $1::date)`,
    [van, tot],
  )) as ToewijzingWachttijd[];
}

/**
 * WACHTTIJD: the own norms of the contracts running on any day from van to tot, one row per gemeente
 * the contract covers. Which norm applies is the detector's choice (kiesNorm).
 */
export async function leesContractWachttijdNormen(m: EntityManager, van: string, tot: string): Promise<ContractWachttijdNorm[]> {
  return (await m.query(
    `SELECT c.domein, g.gemeente, c.aanbieder, c.wachttijd_normen AS normen
       FROM contract c CROSS JOIN LATERAL unnest(c.gemeenten::text[]) AS g(gemeente)
      WHERE c.wachttijd_normen IS NOT NULL AND c.looptijd_van <= $2::date AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= $1::date)`,
    [van, tot],
  )) as ContractWachttijdNorm[];
}

/** DECLARATIE-UITVAL: per (domein, gemeente, aanbieder) the 323s answered from van to tot (Dutch calendar days). */
export async function leesDeclaratieMaand(m: EntityManager, van: string, tot: string): Promise<DeclaratieMaand[]> {
  const rijen = (await m.query(
    `SELECT d.domein, d.gemeente, d.aanbieder,
            count(*) AS declaraties,
            count(*) FILTER (WHERE d.oordeel <> 'prestaties') AS "declaratiesAfgewezen",
            sum(d.debet_goedgekeurd) AS "prestatiesGoedgekeurd",
            sum(d.debet_afgewezen) AS "prestatiesAfgewezen",
            sum(d.debet_goedgekeurd_centen) AS "goedgekeurdCenten",
            sum(d.debet_afgewezen_centen) AS "afgewezenCenten",
            (SELECT COALESCE(jsonb_object_agg(c.code, jsonb_build_object('aantal', c.aantal, 'centen', c.centen)), '{}')
               FROM (SELECT e.key AS code, sum((e.value ->> 'aantal')::bigint) AS aantal, sum((e.value ->> 'centen')::bigint) AS centen
                       FROM register_declaratie d2, jsonb_each(d2.per_retourcode) e
                      WHERE d2.domein = d.domein AND d2.gemeente = d.gemeente AND d2.aanbieder = d.aanbieder
                        AND (d2.created_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date
                      GROUP BY e.key) c) AS "perRetourcode"
       FROM register_declaratie d
      WHERE (d.created_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date
      GROUP BY d.domein, d.gemeente, d.aanbieder`,
    [van, tot],
  )) as Array<Record<string, string> & { perRetourcode: Record<string, { aantal: number; centen: number }> }>;
  return rijen.map((r) => ({
    domein: r.domein as DeclaratieMaand['domein'],
    gemeente: r.gemeente,
    aanbieder: r.aanbieder,
    declaraties: Number(r.declaraties),
    declaratiesAfgewezen: Number(r.declaratiesAfgewezen),
    prestatiesGoedgekeurd: Number(r.prestatiesGoedgekeurd),
    prestatiesAfgewezen: Number(r.prestatiesAfgewezen),
    goedgekeurdCenten: Number(r.goedgekeurdCenten),
    afgewezenCenten: Number(r.afgewezenCenten),
    perRetourcode: r.perRetourcode,
  }));
}

/**
 * PLAN-16-5: one row per (gemeente, aanbieder, jeugdige) with an actual iJw toewijzing on vandaag:
 * the latest version (IV013) not ended before vandaag and not deleted (Einddatum = Ingangsdatum with
 * RedenWijziging 01/13, OP087); a toewijzing that starts later counts too. The birth date belongs to
 * the jeugdige, not to a version: the newest of the jeugdige's versions at this aanbieder that
 * carries one. The reference is the id of the JW301 that wrote the jeugdige's newest actual
 * version, or that register row's id (12 digits, so it never reads as a BSN) when the bericht is
 * not there. The BSN is only joined and grouped on.
 */
export async function leesJeugdigenMetToewijzing(m: EntityManager, vandaag: string): Promise<JeugdigeBijAanbieder[]> {
  return (await m.query(
    `WITH actueel AS (
       SELECT DISTINCT ON (gemeente, toewijzing_nummer) id, gemeente, aanbieder, bsn, ingangsdatum, einddatum, reden_wijziging, inbound_id,
              toewijzingsdatum, toewijzingstijd
         FROM client_register_toewijzing
        WHERE domein = 'jeugd'
        ORDER BY gemeente, toewijzing_nummer, toewijzingsdatum DESC, toewijzingstijd COLLATE "C" DESC),
     jeugdige AS (
       SELECT DISTINCT ON (gemeente, aanbieder, bsn) id, gemeente, aanbieder, bsn, inbound_id
         FROM actueel
        WHERE (einddatum IS NULL OR einddatum >= $1::date)
          AND NOT COALESCE(einddatum = ingangsdatum AND reden_wijziging IN ('01', '13'), false)
        ORDER BY gemeente, aanbieder, bsn, toewijzingsdatum DESC, toewijzingstijd COLLATE "C" DESC)
     SELECT j.gemeente, j.aanbieder, g.geboortedatum::text AS geboortedatum, g.geboortedatum_gebruik AS "datumGebruik",
            COALESCE(j.inbound_id::text, 'toewijzing-' || lpad(j.id::text, 12, '0')) AS referentie
       FROM jeugdige j
       LEFT JOIN LATERAL (
             SELECT t.geboortedatum, t.geboortedatum_gebruik FROM client_register_toewijzing t
              WHERE t.domein = 'jeugd' AND t.gemeente = j.gemeente AND t.aanbieder = j.aanbieder AND t.bsn = j.bsn AND t.geboortedatum IS NOT NULL
              ORDER BY t.toewijzingsdatum DESC, t.toewijzingstijd COLLATE "C" DESC LIMIT 1) g ON true`,
    [vandaag],
  )) as JeugdigeBijAanbieder[];
}

/**
 * TERMIJN-GEMEENTE: what we still owe. (1) Heenberichten from aanbieders received over the GGK
 * (305, 307, 315, 317, 323) without an answer envelope that was sent and not refused by a GGK Fo01.
 * Candidates: inbound not finished or uitval, outbound not sent or uitval, outbound a Fo01 refused
 * (no index covers the uitval rows: both tables are scanned per run, see docs/signalen.md). Over REST
 * no retour is ever sent, so those berichten are left out. (2) Open verzoeken per received 315/317,
 * split into those without any answer and those "in onderzoek". Dates are Dutch calendar dates.
 */
export async function leesOpenTermijnen(m: EntityManager): Promise<OpenTermijn[]> {
  const rijen = (await m.query(
    `WITH kandidaat AS (
       SELECT id FROM client_inbound_bericht WHERE status IN ('ontvangen', 'in_verwerking', 'uitval')
       UNION
       SELECT inbound_id FROM client_outbound_bericht WHERE status IN ('te_verzenden', 'uitval') AND inbound_id IS NOT NULL
       UNION
       SELECT o.inbound_id FROM client_ggk_foutbericht f JOIN client_outbound_bericht o ON o.referentienummer = f.cross_refnummer
        WHERE o.inbound_id IS NOT NULL)
     SELECT 'heenbericht' AS soort, i.id::text AS referentie, i.domein, i.ontvanger AS gemeente, i.afzender AS aanbieder, i.bericht,
            (i.received_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS ontvangen, i.dagtekening::text AS dagtekening,
            CASE WHEN i.status IN ('ontvangen', 'in_verwerking') THEN 'in-verwerking'
                 WHEN NOT EXISTS (SELECT 1 FROM client_outbound_bericht o WHERE o.inbound_id = i.id) THEN 'uitval'
                 ELSE 'niet-bezorgd' END AS oorzaak,
            1 AS aantal
       FROM kandidaat k JOIN client_inbound_bericht i ON i.id = k.id
      WHERE i.kanaal = 'ggk' AND i.domein IS NOT NULL AND right(i.bericht, 3) IN ('305', '307', '315', '317', '323')
        AND NOT EXISTS (
              SELECT 1 FROM client_outbound_bericht o
               WHERE o.inbound_id = i.id AND o.status = 'verzonden'
                 AND NOT EXISTS (SELECT 1 FROM client_ggk_foutbericht f WHERE f.cross_refnummer = o.referentienummer))
     UNION ALL
     SELECT 'verzoek', i.id::text, v.domein, v.gemeente, v.aanbieder, i.bericht,
            (i.received_at AT TIME ZONE 'Europe/Amsterdam')::date::text, i.dagtekening::text,
            CASE WHEN v.in_onderzoek THEN 'in-onderzoek' ELSE 'geen-antwoord' END, count(*)
       FROM client_register_verzoek v JOIN client_inbound_bericht i ON i.id = v.inbound_id
      WHERE v.status = 'open'
      GROUP BY i.id, v.domein, v.gemeente, v.aanbieder, v.in_onderzoek`,
  )) as Array<Omit<OpenTermijn, 'aantal'> & { aantal: string | number }>;
  return rijen.map((r) => ({ ...r, aantal: Number(r.aantal) }));
}

/**
 * CS-ACTIEF: the cliëntenstops running on `dag`, each with the product (categorie, code) of every
 * ToewijzingNummer whose first version was registered on `dag` (Dutch date of created_at; earlier
 * versions of the number, by insertion order, make it not new) for the contract's aanbieder,
 * domein and gemeenten. Registration time rather than Toewijzingsdatum: a 301 decided yesterday
 * but processed today would be missed by the run that closes yesterday. The index on (domein,
 * gemeente, aanbieder, bsn) narrows the lookup per stop; only products leave the query.
 */
export async function leesClientenstopDag(m: EntityManager, dag: string): Promise<ClientenstopDag[]> {
  return (await m.query(
    `SELECT s.id::text AS "stopId", c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, s.soort,
            s.begindatum::text AS begindatum, s.einddatum::text AS einddatum,
            s.scope_categorieen AS "scopeCategorieen", s.scope_product_codes AS "scopeProductCodes",
            COALESCE(n.producten, '[]'::json) AS "nieuweToewijzingen"
       FROM contract_clientenstop s
       JOIN contract c ON c.id = s.contract_id
       LEFT JOIN LATERAL (
             SELECT json_agg(json_build_object('categorie', t.product ->> 'categorie', 'code', t.product ->> 'code')) AS producten
               FROM client_register_toewijzing t
              WHERE t.domein = c.domein AND t.gemeente = ANY (c.gemeenten::text[]) AND t.aanbieder = c.aanbieder
                AND ${OP_NL_DAGEN('t.created_at', '$1::date', '$1::date')}
                AND ${EERSTE_VERSIE}) n ON true
      WHERE s.begindatum <= $1::date AND (s.einddatum IS NULL OR s.einddatum >= $1::date)`,
    [dag],
  )) as ClientenstopDag[];
}

/**
 * TERMIJN-AANBIEDER: the actual starts and stops (StatusAanlevering 1, not deleted since) whose
 * 305/307 has a Dagtekening from van to tot. The Dagtekening is the stored bericht's
 * (client_inbound_bericht, via inbound_id): a levering whose bericht is gone (inbound_id NULL after
 * retention) cannot be measured and is left out. A start carries the first Toewijzingsdatum of its
 * ToewijzingNummer (unique index lookup); a stop whether an actual temporary stop (RedenBeeindiging
 * 20) of the same start came before it (in the stop's key space: ToewijzingNummer, or aanbieder + BSN
 * without one, as the register's two partial indexes). The BSN is only compared, never returned.
 */
export async function leesStartStopMeldingen(m: EntityManager, van: string, tot: string): Promise<StartStopMelding[]> {
  const rijen = (await m.query(
    `SELECT l.domein, l.gemeente, l.aanbieder, l.soort,
            (CASE WHEN l.soort = 'start' THEN l.begindatum ELSE l.einddatum END)::text AS datum,
            i.dagtekening::text AS dagtekening,
            (SELECT min(t.toewijzingsdatum) FROM client_register_toewijzing t
              WHERE l.soort = 'start' AND t.domein = l.domein AND t.gemeente = l.gemeente AND t.toewijzing_nummer = l.toewijzing_nummer)::text AS toewijzingsdatum,
            (l.soort = 'stop' AND COALESCE(l.reden_beeindiging, '') <> '20' AND EXISTS (
              SELECT 1 FROM client_register_levering x
               WHERE x.domein = l.domein AND x.gemeente = l.gemeente AND x.aanbieder = l.aanbieder AND x.bsn = l.bsn
                 AND (x.toewijzing_nummer = l.toewijzing_nummer OR (l.toewijzing_nummer IS NULL AND x.toewijzing_nummer IS NULL))
                 AND x.start_sleutel = l.start_sleutel AND x.soort = 'stop' AND x.reden_beeindiging = '20'
                 AND x.status = 'actueel' AND x.id < l.id)) AS "naTijdelijkeStop"
       FROM client_register_levering l
       JOIN client_inbound_bericht i ON i.id = l.inbound_id
      WHERE l.status = 'actueel' AND i.dagtekening BETWEEN $1::date AND $2::date
        AND (l.soort = 'start' OR l.einddatum IS NOT NULL)`,
    [van, tot],
  )) as Array<Omit<StartStopMelding, 'naTijdelijkeStop'> & { naTijdelijkeStop: boolean | null }>;
  return rijen.map((r) => ({ ...r, naTijdelijkeStop: r.naTijdelijkeStop === true }));
}

/**
 * BR-STOP-OPHEFFEN: the art. 1.5.9 cliëntenstops running on vandaag, each with its contract's
 * bestedingsruimte holding vandaag (newest version; none, no row). Contract master data only.
 */
export async function leesBestedingsruimteStops(m: EntityManager, vandaag: string): Promise<BestedingsruimteStop[]> {
  const rijen = (await m.query(
    `SELECT s.id::text AS "stopId", c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder,
            s.begindatum::text AS "stopBegindatum", s.einddatum::text AS "stopEinddatum",
            b.id::text AS "bestedingsruimteId", b.periode_van::text AS "periodeVan", b.periode_tot::text AS "periodeTot", b.versie,
            b.budget_centen::text AS "budgetCenten", b.besteed_centen::text AS "besteedCenten",
            COALESCE((b.drempel_staat -> '100' ->> 'keer')::int, 0) AS "keer100"
       FROM contract_clientenstop s
       JOIN contract c ON c.id = s.contract_id
       JOIN LATERAL (
             SELECT * FROM bestedingsruimte x
              WHERE x.contract_id = c.id AND x.periode_van <= $1::date AND x.periode_tot >= $1::date
              ORDER BY x.periode_van DESC, x.versie DESC LIMIT 1) b ON true
      WHERE s.soort = 'bestedingsruimte' AND s.begindatum <= $1::date AND (s.einddatum IS NULL OR s.einddatum >= $1::date)
      ORDER BY s.id`,
    [vandaag],
  )) as BestedingsruimteStop[];
  return rijen;
}

/**
 * TERMIJN-AANBIEDER (OP090): our 301/319s whose Di01 the GGK accepted from `van` to `tot` (Dutch
 * dates), each with the first 302/320 received for it. A retour copies the heenbericht's header
 * (istandaarden-3.2.md §3), so it is found by domein, Afzender (the gemeente), Ontvanger (the
 * aanbieder) and BerichtIdentificatie. Scans the outbox and the inbox of that window.
 */
export async function leesVerzondenHeenberichten(m: EntityManager, van: string, tot: string): Promise<VerzondenHeenbericht[]> {
  return (await m.query(
    `WITH heen AS (
       SELECT i.domein, i.afzender AS gemeente, i.ontvanger AS aanbieder, i.bericht, i.identificatie, i.dagtekening,
              left(i.bericht, -3) || CASE right(i.bericht, 3) WHEN '301' THEN '302' ELSE '320' END AS retour,
              (o.sent_at AT TIME ZONE 'Europe/Amsterdam')::date AS verzonden
         FROM client_outbound_bericht o
         JOIN client_inbound_bericht i ON i.id = o.inbound_id
        WHERE o.soort = 'Di01' AND o.status = 'verzonden' AND o.functie IN ('WMO301', 'JW301', 'WMO319', 'JW319')
          AND ${OP_NL_DAGEN('o.sent_at', '$1::date', '$2::date')}),
     retour AS (
       SELECT x.domein, x.afzender, x.ontvanger, x.bericht, x.identificatie, x.dagtekening, min(x.received_at) AS ontvangen
         FROM client_inbound_bericht x
        WHERE x.bericht IN ('WMO302', 'JW302', 'WMO320', 'JW320') AND x.received_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
        GROUP BY x.domein, x.afzender, x.ontvanger, x.bericht, x.identificatie, x.dagtekening)
     SELECT h.domein, h.gemeente, h.aanbieder, h.bericht, h.verzonden::text AS verzonden,
            (r.ontvangen AT TIME ZONE 'Europe/Amsterdam')::date::text AS "retourOntvangen"
       FROM heen h
       LEFT JOIN retour r ON r.domein = h.domein AND r.afzender = h.gemeente AND r.ontvanger = h.aanbieder AND r.bericht = h.retour
                         AND r.identificatie = h.identificatie AND r.dagtekening = h.dagtekening`,
    [van, tot],
  )) as VerzondenHeenbericht[];
}

/**
 * BEEINDIGING-AANBIEDER: actual stops with RedenBeeindiging "eenzijdig door aanbieder" (wmo 22,
 * jeugd 33) that the register learned of from `van` to `tot` (Dutch dates of created_at), per
 * (domein, gemeente, aanbieder). Scans the stops of that window.
 */
export async function leesEenzijdigeBeeindigingen(m: EntityManager, van: string, tot: string): Promise<EenzijdigeBeeindiging[]> {
  const rijen = (await m.query(
    `SELECT domein, gemeente, aanbieder, count(*)::int AS aantal,
            count(DISTINCT COALESCE(toewijzing_nummer, 'levering-' || id))::int AS toewijzingen
       FROM client_register_levering
      WHERE soort = 'stop' AND status = 'actueel'
        AND ((domein = 'wmo' AND reden_beeindiging = '22') OR (domein = 'jeugd' AND reden_beeindiging = '33'))
        AND ${OP_NL_DAGEN('created_at', '$1::date', '$2::date')}
      GROUP BY domein, gemeente, aanbieder
      ORDER BY domein, gemeente, aanbieder`,
    [van, tot],
  )) as EenzijdigeBeeindiging[];
  return rijen;
}

/**
 * BERICHT-UITVAL: the 305/307/315/317s processed from `van` to `tot` (Dutch dates of processed_at),
 * with every RetourCode of the retour recorded in `antwoord` (Header and classes). Gemeente is the
 * Ontvanger, aanbieder the Afzender. Scans the inbox of that window.
 */
export async function leesVerwerkteHeenberichten(m: EntityManager, van: string, tot: string): Promise<VerwerktHeenbericht[]> {
  return (await m.query(
    `SELECT i.domein, i.ontvanger AS gemeente, i.afzender AS aanbieder, i.status,
            COALESCE((SELECT array_agg(c.code) FROM jsonb_array_elements(COALESCE(i.antwoord -> 'retourcodes', '[]')) p,
                                                     jsonb_array_elements_text(p -> 'codes') AS c(code)), '{}') AS retourcodes
       FROM client_inbound_bericht i
      WHERE i.bericht IN ('WMO305', 'JW305', 'WMO307', 'JW307', 'WMO315', 'JW315', 'WMO317', 'JW317')
        AND i.status IN ('verwerkt', 'afgekeurd', 'uitval') AND i.domein IS NOT NULL
        AND ${OP_NL_DAGEN('i.processed_at', '$1::date', '$2::date')}`,
    [van, tot],
  )) as VerwerktHeenbericht[];
}

/**
 * EINDE-MET-LOPENDE-ZORG: contracts ending from vandaag to 6 months after it that no other contract
 * of the same domein and aanbieder, sharing a gemeente, continues (starting by the day after the end
 * and running past it), with the actual toewijzingen (IV013 version, not deleted) and the starts
 * without a stop of their aanbieder in their gemeenten that run past the end.
 */
export async function leesAflopendeContracten(m: EntityManager, vandaag: string): Promise<AflopendContract[]> {
  return (await m.query(
    `WITH ${STOPS},
     c AS (
       SELECT * FROM contract c
        WHERE c.looptijd_tot IS NOT NULL AND c.looptijd_tot >= $1::date AND c.looptijd_tot <= ($1::date + interval '6 months')::date),
     -- Per aanbieder, gemeente and end date (NULL: none), only for aanbieders with such a contract:
     -- the actual toewijzingen (not deleted) and the starts by the end of their stop. MATERIALIZED:
     -- computed once, not once per contract inside its subquery.
     actueel AS (
       SELECT DISTINCT ON (t.domein, t.gemeente, t.toewijzing_nummer) t.domein, t.gemeente, t.aanbieder, t.ingangsdatum, t.einddatum, t.reden_wijziging
         FROM client_register_toewijzing t
        WHERE (t.domein, t.aanbieder) IN (SELECT domein, aanbieder FROM c)
        ORDER BY t.domein, t.gemeente, t.toewijzing_nummer, t.toewijzingsdatum DESC, t.toewijzingstijd COLLATE "C" DESC),
     toewijzingen AS MATERIALIZED (
       SELECT domein, gemeente, aanbieder, einddatum, count(*) AS aantal FROM actueel
        WHERE NOT COALESCE(einddatum = ingangsdatum AND reden_wijziging IN ('01', '13'), false)
        GROUP BY domein, gemeente, aanbieder, einddatum),
     starts AS MATERIALIZED (
       SELECT s.domein, s.gemeente, s.aanbieder, stop.einddatum, count(*) AS aantal
         FROM client_register_levering s
         ${STOP_VAN_START}
        WHERE s.soort = 'start' AND s.status = 'actueel' AND (s.domein, s.aanbieder) IN (SELECT domein, aanbieder FROM c)
        GROUP BY s.domein, s.gemeente, s.aanbieder, stop.einddatum)
     SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.looptijd_tot::text AS einddatum,
            (SELECT COALESCE(sum(t.aantal), 0)::int FROM toewijzingen t WHERE ${VAN_CONTRACT('t')} AND (t.einddatum IS NULL OR t.einddatum > c.looptijd_tot)) AS toewijzingen,
            (SELECT COALESCE(sum(s.aantal), 0)::int FROM starts s WHERE ${VAN_CONTRACT('s')} AND (s.einddatum IS NULL OR s.einddatum > c.looptijd_tot)) AS starts
       FROM c
      WHERE NOT EXISTS (
              SELECT 1 FROM contract n
               WHERE n.id <> c.id AND n.domein = c.domein AND n.aanbieder = c.aanbieder AND n.gemeenten && c.gemeenten
                 AND n.looptijd_van <= c.looptijd_tot + 1 AND (n.looptijd_tot IS NULL OR n.looptijd_tot > c.looptijd_tot))`,
    [vandaag],
  )) as AflopendContract[];
}

/**
 * BR-ZIENSWIJZE/BR-BESLUIT: contracts with article 1.5 (not taakgericht) that have not ended before
 * vandaag, with the periods of their bestedingsruimtes (one per start, whatever its versions).
 */
export async function leesContractBestedingsruimtes(m: EntityManager, vandaag: string): Promise<ContractBestedingsruimtes[]> {
  return (await m.query(
    `SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.looptijd_tot::text AS "looptijdTot",
            json_agg(json_build_object('van', b.periode_van::text, 'tot', b.periode_tot::text) ORDER BY b.periode_van) AS perioden
       FROM contract c
       JOIN (SELECT DISTINCT contract_id, periode_van, periode_tot FROM bestedingsruimte) b ON b.contract_id = c.id
      WHERE '1.5' = ANY (c.artikelen) AND c.uitvoeringsvariant <> 'taakgericht' AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= $1::date)
      GROUP BY c.id`,
    [vandaag],
  )) as ContractBestedingsruimtes[];
}

/** LOOPTIJD-CHECK: the contracts registered in the 30 days up to vandaag (Dutch dates), with their term. */
export async function leesNieuweContracten(m: EntityManager, vandaag: string): Promise<GeregistreerdContract[]> {
  return (await m.query(
    `SELECT id::text AS "contractId", domein, gemeente, aanbieder, looptijd_van::text AS "looptijdVan", looptijd_tot::text AS "looptijdTot",
            verlengopties, looptijd_motivatie IS NOT NULL AS motivatie
       FROM contract
      WHERE ${OP_NL_DAGEN('created_at', '($1::date - 30)', '$1::date')}`,
    [vandaag],
  )) as GeregistreerdContract[];
}

/** BR-DREIGT: per contract the bestedingsruimte holding vandaag (newest version) with its period's monthly bookings. */
export async function leesLopendeBestedingsruimtes(m: EntityManager, vandaag: string): Promise<LopendeBestedingsruimte[]> {
  return (await m.query(
    `SELECT DISTINCT ON (b.contract_id) b.id::text AS "bestedingsruimteId", c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder,
            b.periode_van::text AS "periodeVan", b.periode_tot::text AS "periodeTot", b.versie,
            b.budget_centen::text AS "budgetCenten", b.besteed_centen::text AS "besteedCenten",
            COALESCE((SELECT json_agg(json_build_object('maand', x.maand::text, 'centen', x.centen::text) ORDER BY x.maand)
                        FROM bestedingsruimte_maand x WHERE x.contract_id = b.contract_id AND x.periode_van = b.periode_van), '[]') AS maanden
       FROM bestedingsruimte b JOIN contract c ON c.id = b.contract_id
      WHERE b.periode_van <= $1::date AND b.periode_tot >= $1::date
      ORDER BY b.contract_id, b.periode_van DESC, b.versie DESC`,
    [vandaag],
  )) as LopendeBestedingsruimte[];
}

/**
 * WMO-VOOR-18: the Wmo toewijzingen whose first version was registered from `van` to `tot` (Dutch
 * dates of created_at), under the contract with article 1.7 of their aanbieder covering the gemeente
 * on the Ingangsdatum (the latest starting), with the 301's birth date and whether an approval is
 * registered. The BSN stays in the query; the birth date is computed with, never signalled.
 */
export async function leesNieuweWmoToewijzingen(m: EntityManager, van: string, tot: string): Promise<NieuweWmoToewijzing[]> {
  return (await m.query(
    `WITH nieuw AS (
       SELECT t.id, t.gemeente, t.aanbieder, t.toewijzing_nummer, t.ingangsdatum, t.geboortedatum, t.geboortedatum_gebruik, t.inbound_id
         FROM client_register_toewijzing t
        WHERE t.domein = 'wmo'
          AND ${OP_NL_DAGEN('t.created_at', '$1::date', '$2::date')}
          AND ${EERSTE_VERSIE})
     SELECT n.gemeente, n.aanbieder, c.id::text AS "contractId", n.ingangsdatum::text AS ingangsdatum,
            n.geboortedatum::text AS geboortedatum, n.geboortedatum_gebruik AS "datumGebruik",
            EXISTS (SELECT 1 FROM contract_toestemming_voor_18 a
                     WHERE a.contract_id = c.id AND a.gemeente = n.gemeente AND a.toewijzing_nummer = n.toewijzing_nummer) AS toestemming,
            COALESCE(n.inbound_id::text, 'toewijzing-' || lpad(n.id::text, 12, '0')) AS referentie
       FROM nieuw n
       JOIN LATERAL (
             SELECT c.id FROM contract c
              WHERE c.domein = 'wmo' AND c.aanbieder = n.aanbieder AND n.gemeente = ANY (c.gemeenten) AND '1.7' = ANY (c.artikelen)
                AND c.looptijd_van <= n.ingangsdatum AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= n.ingangsdatum)
              ORDER BY c.looptijd_van DESC LIMIT 1) c ON true`,
    [van, tot],
  )) as NieuweWmoToewijzing[];
}
