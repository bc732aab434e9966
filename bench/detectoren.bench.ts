/**
 * The scheduled detectors on a register of realistic size: how long each one's read and judgement
 * take per run (they run hourly, each in its own transaction), against a sequential scan of the
 * inbox in the same run as the reference. Own database (made and dropped), data by generate_series.
 *
 *   npm run build && node dist/bench/detectoren.bench.js [--berichten 1000000] [--runs 3] [--vandaag 2026-07-01] [--bewaar] [--database NAME]
 *
 * Nothing here is a test: it prints figures, it never fails on them.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDataSource, runPendingMigrations } from '../src/platform/database';
import { loadConfig } from '../src/platform/config';
import { standaardDetectoren } from '../src/signalen/detectoren';
import { admin, ADMIN_URL, serviceEnv } from './omgeving';

function arg(naam: string, standaard: string): string {
  const i = process.argv.indexOf(`--${naam}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : standaard;
}

const BERICHTEN = Number(arg('berichten', '1000000'));
const RUNS = Number(arg('runs', '3'));
const VANDAAG = arg('vandaag', '2026-07-01');
const AANBIEDERS = 200;

/**
 * The register of one gemeente over two years (2025-2026), scaled by the number of inbound
 * berichten N: N inbound (305/307/315/317/323 from aanbieders and the 302s on our 301s, 1 in 10 our
 * own 301 over REST), N outbound, N toewijzingen, N/2 leveringen, 2N prestaties in N/100 declaraties,
 * 200 contracts with a bestedingsruimte per year, article 1.5/1.6/1.7, an inzet norm and a stop.
 */
async function vul(db: string): Promise<void> {
  const ds = await createDataSource(db).initialize();
  try {
    await runPendingMigrations(ds);
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
    const agb = (expr: string) => `(30000000 + (${expr}) % ${AANBIEDERS})::text`;
    // A moment in 2025-2026, spread evenly over i.
    const moment = (expr: string, n: string) => `timestamptz '2025-01-01 08:00+01' + ((${expr})::float8 / ${n}) * interval '730 days'`;
    await q(`INSERT INTO contract_aanbieder (agb) SELECT ${agb('a')} FROM generate_series(0, ${AANBIEDERS - 1}) a`);
    await q(
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, looptijd_tot, verlengopties, artikelen, inzet_norm, created_at)
       SELECT 'K-' || a, 'wmo', '0363', '{0363}', ${agb('a')}, 'inspanningsgericht', '2025-01-01', '2026-12-31', '[{"maanden": 12}]', '{1.5,1.6,1.7}',
              '{"soort": "omzet", "waarde": 100000, "gepubliceerdOp": "2024-12-01", "vrijstelling": {"schaars": false, "uniek": false}, "ktoScore": null}',
              now() - interval '400 days'
         FROM generate_series(0, ${AANBIEDERS - 1}) a`,
    );
    await q(
      `INSERT INTO bestedingsruimte (contract_id, periode_van, periode_tot, versie, budget_centen, besteed_centen)
       SELECT c.id, j.van, (j.van + interval '1 year' - interval '1 day')::date, 1, 500000000, 300000000
         FROM contract c, (VALUES (date '2025-01-01'), (date '2026-01-01')) j(van)`,
    );
    await q(`INSERT INTO contract_clientenstop (contract_id, soort, melding_datum, begindatum, redenen_gegeven, voorstellen_gegeven)
             SELECT id, 'bestedingsruimte', '2026-05-01', '2026-05-15', true, true FROM contract WHERE kenmerk IN ('K-1', 'K-2')`);
    const n = BERICHTEN;
    await q(
      `INSERT INTO client_inbound_bericht (id, received_at, kanaal, raw, byte_size, content_sha256, ggk_zender, ggk_referentienummer, bericht, domein, berichtcode,
                                           afzender, ontvanger, identificatie, dagtekening, status, processed_at, antwoord, correlation_id)
       SELECT md5('in' || i)::uuid, ${moment('i', String(n))}, CASE WHEN i % 10 = 0 THEN 'rest' ELSE 'ggk' END, '\\x3c782f3e', 4,
              md5('a' || i) || md5('b' || i), CASE WHEN i % 10 = 0 THEN NULL ELSE 'GGK' END, CASE WHEN i % 10 = 0 THEN NULL ELSE 'R' || i END,
              s.bericht, 'wmo', s.code,
              CASE WHEN s.bericht IN ('WMO301', 'WMO302') THEN '0363' ELSE ${agb('i')} END, CASE WHEN s.bericht IN ('WMO301', 'WMO302') THEN ${agb('i')} ELSE '0363' END,
              CASE WHEN s.bericht = 'WMO302' THEN 'H' || (i - 1) ELSE 'H' || i END, (${moment('i', String(n))})::date,
              CASE WHEN i % 50 = 0 THEN 'afgekeurd' WHEN i % 997 = 0 THEN 'uitval' ELSE 'verwerkt' END, ${moment('i', String(n))} + interval '1 second',
              CASE WHEN i % 50 = 0 THEN '{"envelop": "Du01", "retourcodes": [{"locatie": "/Bericht/Header", "codes": ["0200"]}, {"locatie": "/Bericht/Client", "codes": ["9074"]}]}'::jsonb
                   ELSE '{"envelop": "Du01", "retourcodes": [{"locatie": "/Bericht/Header", "codes": ["0200"]}]}'::jsonb END,
              'bench'
         FROM generate_series(1, ${n}) i,
              LATERAL (SELECT (ARRAY['WMO301', 'WMO302', 'WMO305', 'WMO307', 'WMO315', 'WMO317', 'WMO305', 'WMO307', 'WMO305', 'WMO323'])[1 + i % 10] AS bericht) b0,
              LATERAL (SELECT b0.bericht, (ARRAY['414', '415', '418', '420', '440', '442', '418', '420', '418', '484'])[1 + i % 10] AS code) s`,
    );
    await q(
      `INSERT INTO client_outbound_bericht (soort, functie, referentienummer, envelop, byte_size, inbound_id, correlation_id, status, next_attempt_at, sent_at, created_at)
       SELECT CASE WHEN i % 10 = 0 THEN 'Di01' ELSE 'Du01' END, CASE WHEN i % 10 = 0 THEN 'WMO301' ELSE 'WMO306' END, 'O' || i, '<e/>', 4, md5('in' || i)::uuid, 'bench',
              CASE WHEN i % 1009 = 0 THEN 'uitval' ELSE 'verzonden' END, NULL, ${moment('i', String(n))} + interval '2 seconds', ${moment('i', String(n))}
         FROM generate_series(1, ${n}) i`,
    );
    await q(
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum,
                                              omvang, geboortedatum, created_at)
       SELECT 'wmo', '0363', (100000 + i)::text, ${agb('i')}, lpad((i % 1000000)::text, 9, '0'), '{"categorie": "07", "code": "07A01"}',
              (${moment('i', String(n))})::date, '10:00:00', (${moment('i', String(n))})::date + 14, NULL, '{"volume": 4, "eenheid": "04", "frequentie": "2"}',
              date '1950-01-01' + (i % 25000), ${moment('i', String(n))}
         FROM generate_series(1, ${n}) i`,
    );
    await q(
      `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, product, begindatum, einddatum,
                                            reden_beeindiging, status, created_at)
       SELECT 'wmo', '0363', (100000 + i)::text, ${agb('i')}, lpad((i % 1000000)::text, 9, '0'), CASE WHEN i % 2 = 0 THEN 'start' ELSE 'stop' END, 'L' || i,
              'L' || (i - i % 2), '{"categorie": "07", "code": "07A01"}', (${moment('i', String(n))})::date, CASE WHEN i % 2 = 1 THEN (${moment('i', String(n))})::date + 60 END,
              CASE WHEN i % 2 = 1 THEN (ARRAY['01', '22', '02'])[1 + i % 3] END, 'actueel', ${moment('i', String(n))}
         FROM generate_series(1, ${Math.floor(n / 2)}) i`,
    );
    const declaraties = Math.max(1, Math.floor(n / 100));
    await q(
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening, oordeel,
                                        totaal_ingediend_centen, totaal_toegekend_centen, debet_goedgekeurd, debet_afgewezen, debet_goedgekeurd_centen, debet_afgewezen_centen,
                                        per_retourcode, beantwoord, created_at)
       SELECT 'wmo', '0363', ${agb('d')}, 'DN' || d, date_trunc('month', ${moment('d', String(declaraties))})::date,
              (date_trunc('month', ${moment('d', String(declaraties))}) + interval '1 month' - interval '1 day')::date, 'D' || d, (${moment('d', String(declaraties))})::date,
              'prestaties', 1000000, 980000, 196, 4, 980000, 20000, '{"0611": {"aantal": 2, "centen": 10000}, "9322": {"aantal": 2, "centen": 10000}}', true,
              ${moment('d', String(declaraties))}
         FROM generate_series(1, ${declaraties}) d`,
    );
    await q(
      `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, declaratie_id, referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                              periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, contract_id)
       SELECT 'wmo', '0363', ${agb('i')}, 1 + i % ${declaraties}, 'P' || i, (100000 + i % ${n})::text, lpad((i % 1000000)::text, 9, '0'), '07', '07A01',
              (${moment('i', String(2 * n))})::date, (${moment('i', String(2 * n))})::date, 4, '04', 240, 5000, 'D',
              CASE WHEN i % 50 = 0 THEN 'afgewezen' ELSE 'goedgekeurd' END, NULL
         FROM generate_series(1, ${2 * n}) i`,
    );
    await q('ANALYZE');
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  // --database NAME measures an existing bench database again (kept with --bewaar) without filling it.
  const bestaand = arg('database', '');
  const naam = bestaand || `istd_bench_${randomBytes(4).toString('hex')}`;
  if (!bestaand) await admin(`CREATE DATABASE ${naam}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${naam}`);
  try {
    const t0 = performance.now();
    if (!bestaand) await vul(url);
    if (!bestaand) console.log(`register filled in ${Math.round(performance.now() - t0)} ms: ${BERICHTEN.toLocaleString('en')} inbound and outbound berichten and toewijzingen, ` +
      `${(BERICHTEN / 2).toLocaleString('en')} leveringen, ${(2 * BERICHTEN).toLocaleString('en')} prestaties, ${AANBIEDERS} contracts`);
    const config = loadConfig({ ...serviceEnv(url), GEMEENTE_CODES: '0363', DETECTOREN_ENABLED: 'false' });
    const detectoren = standaardDetectoren(config.detectoren);
    const ds = await createDataSource(url).initialize();
    try {
      const tijden = new Map<string, number[]>();
      const signalen = new Map<string, number>();
      const referentie: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        let t = performance.now();
        await ds.query('SELECT count(*) FROM client_inbound_bericht WHERE byte_size > 0');
        referentie.push(performance.now() - t);
        for (const d of detectoren) {
          t = performance.now();
          // As the runner does, minus the writes: its read and judgement in a transaction of its own.
          const uit = await ds.transaction((m) => d.detecteer(m, VANDAAG, new Date().toISOString()));
          tijden.set(d.naam, [...(tijden.get(d.naam) ?? []), performance.now() - t]);
          signalen.set(d.naam, uit.length);
        }
      }
      const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const ref = mediaan(referentie);
      console.log(`\nDetectors on ${VANDAAG}, median of ${RUNS} runs; reference: a sequential scan of client_inbound_bericht, ${Math.round(ref)} ms.\n`);
      console.log('| detector | ms | ratio to the scan | signals |');
      console.log('|---|---:|---:|---:|');
      let totaal = 0;
      for (const d of detectoren) {
        const ms = mediaan(tijden.get(d.naam) ?? [0]);
        totaal += ms;
        console.log(`| ${d.naam} | ${Math.round(ms).toLocaleString('en')} | ${(ms / ref).toFixed(2)} | ${signalen.get(d.naam)} |`);
      }
      console.log(`| all (one hourly round) | ${Math.round(totaal).toLocaleString('en')} | ${(totaal / ref).toFixed(2)} | |`);
    } finally {
      await ds.destroy();
    }
  } finally {
    if (process.argv.includes('--bewaar')) console.log(`\nkept: --database ${naam}`);
    else await admin(`DROP DATABASE IF EXISTS ${naam} WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
