import type { EntityManager } from 'typeorm';
import type { ContractActiviteit } from './geen-levering.detector';
import type { ContractLooptijd } from './verlenging.detector';
import type { DeclaratieMaand } from './declaratie-uitval.detector';
import type { ToewijzingWachttijd } from './wachttijd.detector';

/**
 * The detectors' reads: aggregates and dates only. The client_ tables are read inside the queries
 * (BSN only as a join column), never returned.
 */

/** GEEN-ACTIVITEIT-12M: running contracts with the latest activity of their aanbieder up to vandaag. */
export async function leesContractActiviteit(m: EntityManager, vandaag: string): Promise<ContractActiviteit[]> {
  return (await m.query(
    `SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder, c.uitvoeringsvariant,
            c.looptijd_van::text AS "looptijdVan", c.looptijd_tot::text AS "looptijdTot",
            GREATEST(
              (SELECT max(LEAST(p.periode_eind, $1::date)) FROM client_register_prestatie p
                WHERE p.domein = c.domein AND p.aanbieder = c.aanbieder AND p.gemeente = ANY(c.gemeenten::text[])
                  AND p.debet_credit = 'D' AND p.status = 'goedgekeurd' AND p.periode_begin <= $1::date),
              (SELECT max(LEAST(COALESCE(stop.einddatum, $1::date), $1::date)) FROM client_register_levering s
                 LEFT JOIN LATERAL (
                   SELECT max(x.einddatum) AS einddatum FROM client_register_levering x
                    WHERE x.domein = s.domein AND x.gemeente = s.gemeente AND x.aanbieder = s.aanbieder AND x.bsn = s.bsn
                      AND x.soort = 'stop' AND x.status = 'actueel' AND x.start_sleutel = s.start_sleutel) stop ON true
                WHERE s.domein = c.domein AND s.aanbieder = c.aanbieder AND s.gemeente = ANY(c.gemeenten::text[])
                  AND s.soort = 'start' AND s.status = 'actueel' AND s.begindatum <= $1::date),
              (SELECT max(d.bericht_dagtekening) FROM register_declaratie d
                WHERE d.domein = c.domein AND d.aanbieder = c.aanbieder AND d.gemeente = ANY(c.gemeenten::text[]) AND d.bericht_dagtekening <= $1::date)
            )::text AS "laatsteActiviteit"
       FROM contract c
      WHERE c.looptijd_van <= $1::date AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= $1::date) AND c.uitvoeringsvariant <> 'taakgericht'`,
    [vandaag],
  )) as ContractActiviteit[];
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

/** DECLARATIE-UITVAL: per (domein, gemeente, aanbieder) the 323s answered from van to tot (Dutch calendar days). */
export async function leesDeclaratieMaand(m: EntityManager, van: string, tot: string): Promise<DeclaratieMaand[]> {
  const rijen = (await m.query(
    `SELECT d.domein, d.gemeente, d.aanbieder,
            count(DISTINCT d.id) AS declaraties,
            count(DISTINCT d.id) FILTER (WHERE d.oordeel <> 'prestaties') AS "declaratiesAfgewezen",
            count(p.id) FILTER (WHERE p.status IN ('goedgekeurd', 'gecrediteerd')) AS "prestatiesGoedgekeurd",
            count(p.id) FILTER (WHERE p.status = 'afgewezen') AS "prestatiesAfgewezen",
            COALESCE(sum(abs(p.bedrag_centen)) FILTER (WHERE p.status IN ('goedgekeurd', 'gecrediteerd')), 0) AS "goedgekeurdCenten",
            COALESCE(sum(abs(p.bedrag_centen)) FILTER (WHERE p.status = 'afgewezen'), 0) AS "afgewezenCenten"
       FROM register_declaratie d
       LEFT JOIN client_register_prestatie p ON p.declaratie_id = d.id AND p.debet_credit = 'D'
      WHERE (d.created_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date
      GROUP BY d.domein, d.gemeente, d.aanbieder`,
    [van, tot],
  )) as Array<Record<string, string>>;
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
  }));
}
