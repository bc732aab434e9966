/**
 * End-to-end benchmark of one large declaratie (issue 4): a WMO323 with N prestaties (default
 * 100,000, ~81 MB) POSTed to /api/berichten of the built service, judged against a register of N
 * toewijzingen and a contract, until the processing transaction (register, counters,
 * bestedingsruimte, 325 built and checked, signals) has committed. Reference in the same run:
 * `xmllint --noout --schema` on the same file.
 *
 *   npm run bench:declaratie [-- --prestaties 100000 --runs 1 --no-xmllint --log-sql-ms 20]
 *
 * BENCH_NODE_ARGS (space separated) goes to the service's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 * Needs the local PostgreSQL and RabbitMQ (the service connects; the signal relay is off);
 * makes and drops its own database (name contains 'bench').
 *
 * The service caps MAX_BERICHT_BYTES at 25 MB (MAX_BERICHT_BYTES_LIMIT, the GGK envelope limit).
 * Above that this file starts the service itself (`--als-service`): it raises the cap in this
 * process only, then loads dist/src/main.js unchanged. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { DEFAULT_OUT, repoRoot, writeDeclaratie, writeDeclaratieFile } from './generate';
import { ADMIN_URL, admin, serviceEnv, vrijePoort } from './omgeving';
import { defaultXsdDir } from './validate-child';

const KOPPELING = 'bench-koppeling-token';
const CONTRACTMANAGER = 'bench-contractmanager-token';
const AANBIEDER = '12345678';
const GEMEENTE = '0384';
/** The contract's tarief per ProductCode (the generator's codes 01A01..01A20). */
const TARIEVEN = [1250, 1500, 2475, 3100, 6500];
/** Budget so that the declaratie spends 75 % of it: the 70 % threshold fires, 90 % does not. */
const BESTEED_PROCENT = 75;
const GROOT_LIMIET = 25 * 1024 * 1024;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function tariefVan(productCode: string): number {
  return TARIEVEN[(Number(productCode.slice(3)) - 1) % TARIEVEN.length];
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The generator's WMO323 with one change: ProductTarief is the contract's tarief for its
 * ProductCode (the generator draws it at random), Bedrag = volume x tarief and TotaalBedrag the
 * sum again, so every prestatie can pass TR418 (0611) against one contract. Two passes: the
 * header with the total comes first.
 */
function schrijfBestand(file: string, n: number): void {
  const PRESTATIE = /<wmo323:ProductCode>(\w+)<\/wmo323:ProductCode>([\s\S]*?<wmo323:GeleverdVolume>)(\d+)(<\/wmo323:GeleverdVolume>[\s\S]*?<wmo323:ProductTarief>)\d+(<\/wmo323:ProductTarief>[\s\S]*?<iwmo:Bedrag>)\d+<\/iwmo:Bedrag>/g;
  let totaal = 0;
  const herschrijf = (chunk: string, tel: boolean) =>
    chunk.replace(PRESTATIE, (_m, code: string, a: string, volume: string, b: string, c: string) => {
      const tarief = tariefVan(code);
      if (tel) totaal += Number(volume) * tarief;
      return `<wmo323:ProductCode>${code}</wmo323:ProductCode>${a}${volume}${b}${tarief}${c}${Number(volume) * tarief}</iwmo:Bedrag>`;
    });
  writeDeclaratie({ standaard: 'iwmo', prestaties: n }, (chunk) => void herschrijf(chunk, true));
  let eerste = true;
  writeDeclaratieFile(file, { standaard: 'iwmo', prestaties: n }, (chunk) => {
    const c = herschrijf(chunk, false);
    if (!eerste) return c;
    eerste = false;
    return c.replace(/<iwmo:TotaalBedrag>\d+<\/iwmo:TotaalBedrag>/, `<iwmo:TotaalBedrag>${totaal}</iwmo:TotaalBedrag>`);
  });
}

interface Inhoud {
  nummers: string[];
  bsns: string[];
  codes: string[];
  totaalCenten: number;
  prestaties: number;
}

/** What the register must hold for this file: one toewijzing per prestatie (its number, BSN and product). */
function leesInhoud(xml: string): Inhoud {
  const uit: Inhoud = { nummers: [], bsns: [], codes: [], totaalCenten: 0, prestaties: 0 };
  const re = /<wmo323:Bsn>(\d+)<|<wmo323:ToewijzingNummer>(\w+)<|<wmo323:ProductCode>(\w+)</g;
  let bsn = '';
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) bsn = m[1];
    else if (m[2]) {
      uit.nummers.push(m[2]);
      uit.bsns.push(bsn);
    } else uit.codes.push(m[3]);
  }
  uit.prestaties = uit.nummers.length;
  uit.totaalCenten = Number(/<iwmo:TotaalBedrag>(\d+)</.exec(xml)?.[1] ?? 0);
  return uit;
}

/** Peak resident set (VmHWM) of a process, in MB. */
function piekRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function xmllint(schema: string, file: string): { ms: number; rssMb: number | null; ok: boolean } {
  const withTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(withTime ? '/usr/bin/time' : 'xmllint', [...(withTime ? ['-f', 'maxrss=%M', 'xmllint'] : []), '--noout', '--schema', schema, file], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const rss = /maxrss=(\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : null, ok: r.status === 0 };
}

interface LogRegel {
  /** ISO time (pino isoTime) of the line. */
  time: string;
  ms: number | Record<string, number>;
}

/** Where the time went, from the service's log lines (pino epoch ms), relative to the POST. */
function tijdlijnVan(logs: { verwerkt?: LogRegel; geschreven?: LogRegel }, t0: number, ontvangenMs: number, totaalMs: number, rss: ReadonlyArray<{ t: number; mb: number }>): string {
  const v = logs.verwerkt;
  const g = logs.geschreven;
  if (!v || typeof v.ms !== 'number' || !g || typeof g.ms !== 'object') return 'timeline: log lines missing';
  const vt = Date.parse(v.time);
  const gt = Date.parse(g.time);
  const start = vt - v.ms - t0;
  const fasen = Object.entries(g.ms);
  const stap = fasen.reduce((n, [, ms]) => n + ms, 0);
  const stapStart = gt - t0 - stap;
  const delen = [
    `to 202 ${fmt(ontvangenMs)}`,
    `claim ${fmt(start - ontvangenMs)}`,
    `load + validate ${fmt(stapStart - start)}`,
    ...fasen.map(([f, ms]) => `${f} ${fmt(ms)}`),
    `rest of the transaction ${fmt(vt - gt)}`,
    `commit seen ${fmt(totaalMs - (vt - t0))}`,
  ];
  const rssOp = (t: number) => fmt(rss.filter((r) => r.t <= t0 + t).reduce((a, r) => Math.max(a, r.mb), 0));
  return (
    `timeline (ms): ${delen.join(', ')}.\n` +
    `peak RSS so far (MB): at 202 ${rssOp(ontvangenMs)}, at the declaratie step ${rssOp(stapStart)}, after judging ${rssOp(stapStart + (g.ms.parse ?? 0) + (g.ms.laden ?? 0) + (g.ms.beoordelen ?? 0))}, ` +
    `at the end ${rssOp(totaalMs)}`
  );
}

interface Meting {
  tijdlijn: string;
  ontvangenMs: number;
  totaalMs: number;
  verwerkingMs: number | null;
  piekRssMb: number;
  status: string;
  goedgekeurd: number;
  afgewezen: number;
  toegekendCenten: number;
  ingediendCenten: number;
  signalen: string[];
  uitgaand: number;
}

async function meet(file: string, inhoud: Inhoud, groot: boolean): Promise<Meting> {
  const db = `istd_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${db}`);
  // --log-sql-ms N: the server log gets every statement of this database that took N ms or more (no parameters).
  const logMs = arg('log-sql-ms', -1);
  if (logMs >= 0) await admin(`ALTER DATABASE ${db} SET log_min_duration_statement = ${logMs}; ALTER DATABASE ${db} SET log_parameter_max_length = 0`);
  const dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  const port = await vrijePoort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const bytes = statSync(file).size;
  const entry = groot ? [__filename, '--als-service', String(bytes)] : [join(repoRoot(), 'dist', 'src', 'main.js')];
  const proc = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: {
      ...serviceEnv(dbUrl),
      // Committed in signaal_outbox is the end point; publishing is a separate, asynchronous step.
      SIGNALEN_RELAY_ENABLED: 'false',
      DETECTOREN_ENABLED: 'false',
      GEMEENTE_CODES: GEMEENTE,
      MAX_BERICHT_BYTES: String(Math.max(bytes + 1024, 1024 * 1024)),
      API_TOKENS: `${KOPPELING}:koppeling,${CONTRACTMANAGER}:contractmanager`,
      PORT: String(port),
      LOG_LEVEL: 'info',
      VERWERKING_POLL_MS: '50',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The service's own log lines: the processing transaction ("bericht processed", ms) and the declaratie step's phases.
  const logs: { verwerkt?: LogRegel; geschreven?: LogRegel } = {};
  createInterface({ input: proc.stdout }).on('line', (l) => {
    const soort = l.includes('"bericht processed"') ? 'verwerkt' : l.includes('"325 written"') ? 'geschreven' : null;
    if (!soort) return;
    try {
      logs[soort] = JSON.parse(l) as LogRegel;
    } catch {
      /* not JSON */
    }
  });
  // Resident set every 50 ms: when the peak happens says which part holds the memory.
  const rss: Array<{ t: number; mb: number }> = [];
  const bemonsteraar = setInterval(() => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) rss.push({ t: Date.now(), mb: Number(m[1]) / 1024 });
    } catch {
      /* gone */
    }
  }, 50);
  const url = `http://127.0.0.1:${port}`;
  const pg = new Client({ connectionString: dbUrl });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health/live`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (proc.exitCode !== null) throw new Error('gateway exited at start-up');
      if (i > 600) throw new Error('gateway did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await pg.connect();

    // The register: one actual toewijzing per prestatie, matching its number, BSN and product, for April 2025.
    const t = performance.now();
    for (let i = 0; i < inhoud.prestaties; i += 25_000) {
      const deel = (a: string[]) => a.slice(i, i + 25_000);
      await pg.query(
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, omvang)
         SELECT 'wmo', $1, n, $2, b, jsonb_build_object('categorie', '01', 'code', c), '2025-03-20', '12:00:00', '2025-01-01', '2025-12-31',
                '{"volume":10,"eenheid":"04","frequentie":"2"}'::jsonb
           FROM unnest($3::text[], $4::text[], $5::text[]) AS u(n, b, c)`,
        [GEMEENTE, AANBIEDER, deel(inhoud.nummers), deel(inhoud.bsns), deel(inhoud.codes)],
      );
    }
    await pg.query('ANALYZE client_register_toewijzing');
    const budget = Math.ceil((inhoud.totaalCenten * 100) / BESTEED_PROCENT);
    const contract = await fetch(`${url}/api/contracten`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${CONTRACTMANAGER}` },
      body: JSON.stringify({
        kenmerk: 'BENCH-2025', domein: 'wmo', gemeente: GEMEENTE, aanbieder: { agb: AANBIEDER, naam: 'Bench BV' }, uitvoeringsvariant: 'inspanningsgericht',
        looptijd: { van: '2025-01-01', tot: '2025-12-31' }, verlengopties: [], besluitdatum: null, artikelen: ['1.5'],
        producten: Array.from({ length: 20 }, (_, k) => {
          const productCode = `01A${String(k + 1).padStart(2, '0')}`;
          return { productCode, eenheid: '04', tariefCenten: tariefVan(productCode), geldigVan: '2025-01-01', geldigTot: null };
        }),
        bestedingsruimtes: [{ van: '2025-01-01', tot: '2025-12-31', budgetCenten: budget, versie: 1, meetgrondslag: 'realisatie', monitoring: 'gemeente' }],
      }),
    });
    if (contract.status !== 201) throw new Error(`POST /api/contracten answered ${contract.status}: ${await contract.text()}`);
    console.error(`register: ${fmt(inhoud.prestaties)} toewijzingen and a contract (budget ${fmt(budget)} cents) in ${fmt(performance.now() - t)} ms`);

    // A commit of the processing transaction is seen as a NOTIFY (delivered at commit, not before).
    await pg.query(`CREATE FUNCTION bench_klaar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('bench_klaar', NEW.id::text || ' ' || NEW.status); RETURN NULL; END $$`);
    await pg.query(`CREATE TRIGGER bench_klaar AFTER UPDATE OF status ON client_inbound_bericht FOR EACH ROW
      WHEN (NEW.status NOT IN ('ontvangen', 'in_verwerking')) EXECUTE FUNCTION bench_klaar()`);
    await pg.query('LISTEN bench_klaar');
    const klaar = new Promise<{ id: string; status: string; t: number }>((ok) =>
      pg.on('notification', (n) => {
        const [id, status] = (n.payload ?? '').split(' ');
        ok({ id, status, t: performance.now() });
      }),
    );

    const raw = readFileSync(file);
    const t0Wand = Date.now();
    const t0 = performance.now();
    const r = await fetch(`${url}/api/berichten`, { method: 'POST', headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${KOPPELING}` }, body: raw });
    const ontvangst = (await r.json()) as { id?: string };
    const ontvangenMs = performance.now() - t0;
    if (r.status !== 202 || !ontvangst.id) throw new Error(`POST /api/berichten answered ${r.status}: ${JSON.stringify(ontvangst)}`);
    let wekker: NodeJS.Timeout | undefined;
    const einde = await Promise.race([klaar, new Promise<never>((_, fout) => (wekker = setTimeout(() => fout(new Error('not processed within 15 minutes')), 900_000)))]);
    clearTimeout(wekker);
    const totaalMs = einde.t - t0;
    // Let the service's own log line arrive.
    await new Promise((ok) => setTimeout(ok, 200));
    const piek = piekRssMb(proc.pid as number);
    clearInterval(bemonsteraar);
    const tijdlijn = tijdlijnVan(logs, t0Wand, ontvangenMs, totaalMs, rss);
    console.error(tijdlijn);

    const [d] = (
      await pg.query<{ toegekend: string; ingediend: string }>(
        `SELECT totaal_toegekend_centen::text AS toegekend, totaal_ingediend_centen::text AS ingediend FROM register_declaratie WHERE inbound_id = $1`,
        [ontvangst.id],
      )
    ).rows;
    const telling = (await pg.query<{ status: string; n: string }>(`SELECT status, count(*)::text AS n FROM client_register_prestatie GROUP BY status`)).rows;
    const signalen = (await pg.query<{ type: string }>(`SELECT type FROM signaal_outbox ORDER BY id`)).rows.map((s) => s.type);
    const [{ n: uitgaand }] = (await pg.query<{ n: string }>(`SELECT count(*)::text AS n FROM client_outbound_bericht WHERE inbound_id = $1`, [ontvangst.id])).rows;
    const aantal = (s: string) => Number(telling.find((x) => x.status === s)?.n ?? 0);
    return {
      ontvangenMs, totaalMs, verwerkingMs: typeof logs.verwerkt?.ms === 'number' ? logs.verwerkt.ms : null, piekRssMb: piek, tijdlijn, status: einde.status, goedgekeurd: aantal('goedgekeurd'), afgewezen: aantal('afgewezen'),
      toegekendCenten: Number(d?.toegekend ?? 0), ingediendCenten: Number(d?.ingediend ?? 0), signalen, uitgaand: Number(uitgaand),
    };
  } finally {
    clearInterval(bemonsteraar);
    await pg.end().catch(() => undefined);
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const n = arg('prestaties', 100_000);
  const runs = arg('runs', 1);
  const metXmllint = !process.argv.includes('--no-xmllint');
  mkdirSync(DEFAULT_OUT, { recursive: true });
  const file = join(DEFAULT_OUT, `WMO323-contract-${n}.xml`);
  if (!existsSync(file)) {
    console.error(`generating ${file}`);
    schrijfBestand(file, n);
  }
  const bytes = statSync(file).size;
  const inhoud = leesInhoud(readFileSync(file, 'utf8'));
  const schema = join(process.env.ISTANDAARDEN_XSD_DIR ?? defaultXsdDir(), 'iwmo-3.2', 'xsd', 'WMO323.xsd');
  const load0 = loadavg()[0];
  const metingen: Meting[] = [];
  const lints: Array<ReturnType<typeof xmllint>> = [];
  for (let r = 0; r < runs; r++) {
    const m = await meet(file, inhoud, bytes > GROOT_LIMIET);
    metingen.push(m);
    console.error(`run ${r + 1}/${runs}: ${fmt(m.totaalMs)} ms end to end (${fmt(m.ontvangenMs)} ms to the 202), peak RSS ${fmt(m.piekRssMb)} MB`);
    if (metXmllint) {
      const l = xmllint(schema, file);
      if (!l.ok) throw new Error(`xmllint finds ${file} invalid`);
      lints.push(l);
      console.error(`run ${r + 1}/${runs}: xmllint ${fmt(l.ms)} ms`);
    }
  }
  const load1 = loadavg()[0];
  const mb = bytes / 1024 / 1024;
  const rows = metingen.map((m, i) => {
    const l = lints[i];
    const perSec = (inhoud.prestaties / m.totaalMs) * 1000;
    const verdict = `${m.status}: ${fmt(m.goedgekeurd)} approved, ${fmt(m.afgewezen)} rejected; toegekend ${fmt(m.toegekendCenten)} of ${fmt(m.ingediendCenten)} cents; signals: ${m.signalen.join(', ') || 'none'}`;
    return (
      `| ${fmt(inhoud.prestaties)} | ${fmt(mb, 1)} | ${fmt(m.ontvangenMs)} | ${m.verwerkingMs === null ? '–' : fmt(m.verwerkingMs)} | ${fmt(m.totaalMs)} | ${fmt(perSec)} | ` +
      `${fmt(m.piekRssMb)} | ${fmt(m.piekRssMb / mb, 1)}x | ${l ? fmt(l.ms) : '–'} | ${l ? fmt(m.totaalMs / l.ms, 1) : '–'} | ${l?.rssMb ? fmt(l.rssMb) : '–'} | ${verdict} |`
    );
  });
  const lines = [
    `Declaratie end to end, ${new Date().toISOString().slice(0, 16)}Z: node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(1)} -> ${load1.toFixed(1)}.`,
    'POST /api/berichten → stored (202) → claimed, validated, judged against the register and the contract, 325 built and checked, prestaties, counters,',
    'bestedingsruimte and signals written → commit seen (NOTIFY). "service ms" = the worker\'s own figure for the processing transaction.',
    `Target: >= 20,000 prestaties/s end to end, peak RSS < 10x the file.${metingen[0]?.uitgaand === 0 ? ' Received over REST: the 325 is built and checked but not put in the outbox (no GGK envelope to answer).' : ''}`,
    ...(bytes > GROOT_LIMIET ? [`The file is over the 25 MB MAX_BERICHT_BYTES_LIMIT: the service ran with that limit raised to ${fmt(bytes + 1024)} bytes in its own process (--als-service).`] : []),
    '',
    '| prestaties | file MB | to 202 ms | service ms | end to end ms | prestaties/s | peak RSS MB | RSS / file | xmllint ms | ratio ours / xmllint | xmllint RSS MB | verdict |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    ...metingen.map((m) => m.tijdlijn),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** `--als-service BYTES`: the built service with the 25 MB cap raised to BYTES in this process only. */
function alsService(): void {
  const limiet = Number(process.argv[process.argv.indexOf('--als-service') + 1]) + 1024;
  // CommonJS exports are plain properties: loadConfig reads this one when main() calls it.
  const laad = createRequire(__filename);
  const appConfig = laad('../src/platform/config/app-config') as { MAX_BERICHT_BYTES_LIMIT: number };
  appConfig.MAX_BERICHT_BYTES_LIMIT = Math.max(limiet, appConfig.MAX_BERICHT_BYTES_LIMIT);
  laad('../src/main');
}

if (process.argv.includes('--als-service')) alsService();
else {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
