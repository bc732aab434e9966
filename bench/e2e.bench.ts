/**
 * End-to-end benchmark of the gateway (issue "The gateway service", figures): small WMO305 berichten
 * sent as SOAP Di01 to POST /ggk of the built service, until their answer (a WMO306 in a Du01) is
 * committed in the outbox. Reference in the same run: a no-op HTTP round trip (GET /health/live)
 * at the same concurrency, on the same server.
 *
 *   npm run bench:e2e [-- --count 2000 --concurrency 16]
 *
 * Needs the local PostgreSQL; makes and drops its own database (name contains 'bench').
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildDi01 } from '../src/ggk/envelop';
import { defaultXsdDir } from './validate-child';
import { repoRoot, wmo305Xml } from './generate';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function vrijePoort(): Promise<number> {
  return new Promise((ok, fout) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fout(new Error('no port'))));
    });
  });
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs `count` tasks with at most `concurrency` in flight; returns the wall time in ms. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - start;
}

async function main(): Promise<void> {
  const count = arg('count', 2000);
  const concurrency = arg('concurrency', 16);
  const db = `istd_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${db}`);
  const dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  const port = await vrijePoort();
  const berichten = Array.from({ length: count + 200 }, (_, i) => wmo305Xml(i));
  const gemeente = /<wmo305:Ontvanger>(\d{4})</.exec(berichten[0])?.[1] ?? '0363';
  const proc = spawn(process.execPath, [join(repoRoot(), 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      ISTANDAARDEN_XSD_DIR: process.env.ISTANDAARDEN_XSD_DIR ?? defaultXsdDir(),
      GGK_ENDPOINT_URL: 'http://127.0.0.1:9/ggk',
      GGK_RELAY_ENABLED: 'false',
      GEMEENTE_CODES: gemeente,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      VERWERKING_POLL_MS: '20',
      VERWERKING_BATCH_SIZE: '20',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const pg = new Client({ connectionString: dbUrl });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health/live`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (i > 300) throw new Error('gateway did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await pg.connect();
    const envelop = (i: number) =>
      buildDi01({ zender: { organisatie: 'GGK', applicatie: 'GGk' }, ontvanger: gemeente, functie: 'WMO305', parameters: PARAMETERS, bericht: berichten[i] });
    const post = async (xml: string) => {
      const r = await fetch(`${url}/ggk`, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: xml });
      await r.text();
      if (r.status !== 200) throw new Error(`POST /ggk answered ${r.status}`);
    };
    // Warm-up: schemas, JIT, connection pools.
    await pool(200, concurrency, (i) => post(envelop(count + i).xml));

    // Reference: a no-op round trip at the same concurrency.
    const referentieLatenties: number[] = [];
    const referentieMs = await pool(count, concurrency, async () => {
      const t0 = performance.now();
      await (await fetch(`${url}/health/live`)).text();
      referentieLatenties.push(performance.now() - t0);
    });

    // The gateway: send, then wait until each answer row is committed.
    const verzonden = new Map<string, number>();
    const t0 = Date.now();
    const start = performance.now();
    const envelops = Array.from({ length: count }, (_, i) => envelop(i));
    await pool(count, concurrency, async (i) => {
      verzonden.set(envelops[i].referentienummer, Date.now());
      await post(envelops[i].xml);
    });
    const latenties: number[] = [];
    let laatste = 0;
    for (;;) {
      const rows = await pg.query<{ ref: string; t: Date }>(
        `SELECT i.ggk_referentienummer AS ref, o.created_at AS t FROM client_outbound_bericht o JOIN client_inbound_bericht i ON i.id = o.inbound_id WHERE o.created_at >= $1`,
        [new Date(t0)],
      );
      const klaar = rows.rows.filter((r) => verzonden.has(r.ref));
      if (klaar.length >= count) {
        for (const r of klaar) {
          const t = r.t.getTime();
          latenties.push(t - (verzonden.get(r.ref) as number));
          laatste = Math.max(laatste, t);
        }
        break;
      }
      if (performance.now() - start > 600_000) throw new Error(`only ${klaar.length} of ${count} answered`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const wallMs = laatste - t0;
    latenties.sort((a, b) => a - b);
    referentieLatenties.sort((a, b) => a - b);
    const perSec = (count / wallMs) * 1000;
    const refPerSec = (count / referentieMs) * 1000;
    const lines = [
      `End-to-end, ${count} WMO305 over SOAP, concurrency ${concurrency}, node ${process.version}:`,
      '',
      '| path | berichten/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|',
      `| POST /ggk → stored → processed → WMO306 Du01 committed | ${perSec.toFixed(0)} | ${percentile(latenties, 50)} | ${percentile(latenties, 99)} |`,
      `| reference: GET /health/live round trip | ${refPerSec.toFixed(0)} | ${percentile(referentieLatenties, 50).toFixed(1)} | ${percentile(referentieLatenties, 99).toFixed(1)} |`,
      '',
      `ratio gateway / no-op round trip throughput: ${(perSec / refPerSec).toFixed(3)} (target: at least 300 berichten/s, p99 under 100 ms)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await pg.end().catch(() => undefined);
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
