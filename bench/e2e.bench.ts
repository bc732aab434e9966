/**
 * End-to-end benchmark of the gateway (issue "The gateway service", figures): small WMO305 berichten
 * sent as SOAP Di01 to POST /ggk of the built service, until their answer (a WMO306 in a Du01) is
 * committed in the outbox. Reference in the same run: a no-op HTTP round trip (GET /health/live)
 * at the same concurrency, on the same server. Then a closed-loop latency probe: while a background
 * load runs at a fixed rate below capacity (`--rate`, default 80% of the measured throughput), single
 * WMO305 berichten are sent one at a time (`--probes`, default 200), each timed from send until its
 * answer's commit is seen (LISTEN/NOTIFY from a trigger the bench adds to its own database).
 *
 *   npm run bench:e2e [-- --count 2000 --concurrency 16 --rate 250 --probes 200]
 *
 * BENCH_NODE_ARGS (space separated) goes to the service's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 *
 * Needs the local PostgreSQL; makes and drops its own database (name contains 'bench').
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildDi01 } from '../src/ggk/envelop';
import { ADMIN_URL, admin, serviceEnv, vrijePoort } from './omgeving';
import { repoRoot, wmo305Xml } from './generate';

const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** CPU seconds (user + system) of a process from /proc (Linux); 0 where it cannot be read. */
function cpuSeconden(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const velden = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(velden[11]) + Number(velden[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on Linux x86_64 and arm64

/**
 * A request over a keep-alive agent: undici's fetch costs the load generator about twice the CPU per
 * request, CPU the gateway and PostgreSQL on the same 2 cores then miss.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function verzoek(url: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fout) => {
    const req = httpRequest(
      url,
      { agent, method: body === undefined ? 'GET' : 'POST', headers: body === undefined ? {} : { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const delen: Buffer[] = [];
        res.on('data', (d: Buffer) => delen.push(d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(delen).toString('utf8') }));
        res.on('error', fout);
      },
    );
    req.on('error', fout);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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
  const probes = arg('probes', 200);
  const berichten = Array.from({ length: count + 200 }, (_, i) => wmo305Xml(i));
  const gemeente = /<wmo305:Ontvanger>(\d{4})</.exec(berichten[0])?.[1] ?? '0363';
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // --workers N: N processing-only processes (npm run start:worker) beside the HTTP process, which
  // then only receives (--main-verwerkt 1 lets it process too).
  const workers = arg('workers', 0);
  const mainVerwerkt = workers === 0 || arg('main-verwerkt', 0) === 1;
  const env = {
    ...serviceEnv(dbUrl),
    GEMEENTE_CODES: gemeente,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    VERWERKING_POLL_MS: '20',
    VERWERKING_BATCH_SIZE: '20',
  };
  const start = (script: string, extra: Record<string, string> = {}) =>
    spawn(process.execPath, [...nodeArgs, join(repoRoot(), 'dist', 'src', script)], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  const proc = start('main.js', mainVerwerkt ? {} : { VERWERKING_ENABLED: 'false' });
  const workerProcs = Array.from({ length: workers }, () => start('worker.js', { SIGNALEN_RELAY_ENABLED: 'false', DETECTOREN_ENABLED: 'false' }));
  const url = `http://127.0.0.1:${port}`;
  const pg = new Client({ connectionString: dbUrl });
  const luisteraar = new Client({ connectionString: dbUrl });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await verzoek(`${url}/health/live`)).status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (i > 300) throw new Error('gateway did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await pg.connect();
    const envelop = (i: number) =>
      buildDi01({ zender: { organisatie: 'GGK', applicatie: 'GGk' }, ontvanger: gemeente, functie: 'WMO305', parameters: PARAMETERS, bericht: berichten[i] ?? wmo305Xml(i) });
    const post = async (xml: string) => {
      const r = await verzoek(`${url}/ggk`, xml);
      if (r.status !== 200) throw new Error(`POST /ggk answered ${r.status}`);
    };
    // Warm-up: schemas, JIT, connection pools.
    await pool(200, concurrency, (i) => post(envelop(count + i).xml));

    // Reference: a no-op round trip at the same concurrency.
    const referentieLatenties: number[] = [];
    const referentieMs = await pool(count, concurrency, async () => {
      const t0 = performance.now();
      await verzoek(`${url}/health/live`);
      referentieLatenties.push(performance.now() - t0);
    });

    // The gateway: send, then wait until each answer row is committed. CPU of every process in
    // the run is read around this phase, so the report can say where the time of a bericht goes.
    const backendPids = async () =>
      (await pg.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid);
    const gatewayPids = [proc.pid, ...workerProcs.map((w) => w.pid)];
    const pgVoor = new Map((await backendPids()).map((pid) => [pid, cpuSeconden(pid)]));
    const gatewayVoor = gatewayPids.reduce<number>((a, pid) => a + cpuSeconden(pid), 0);
    const clientVoor = process.cpuUsage();
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
    const gatewayCpu = gatewayPids.reduce<number>((a, pid) => a + cpuSeconden(pid), 0) - gatewayVoor;
    const pgCpu = (await backendPids()).reduce((a, pid) => a + cpuSeconden(pid) - (pgVoor.get(pid) ?? 0), 0);
    const c = process.cpuUsage(clientVoor);
    const clientCpu = (c.user + c.system) / 1e6;
    const msPer = (sec: number) => ((sec * 1000) / count).toFixed(2);
    const perSecGemeten = (count / wallMs) * 1000;

    // Closed-loop probe under a background load at a fixed rate below capacity.
    const rate = arg('rate', Math.round(0.6 * perSecGemeten));
    const probeRegels: string[] = [];
    if (probes > 0) {
      await pg.query(`CREATE FUNCTION bench_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('bench_outbox', NEW.cross_refnummer); RETURN NULL; END $$`);
      await pg.query(`CREATE TRIGGER bench_outbox_notify AFTER INSERT ON client_outbound_bericht FOR EACH ROW EXECUTE FUNCTION bench_outbox_notify()`);
      await luisteraar.connect();
      await luisteraar.query('LISTEN bench_outbox');
      const wachtend = new Map<string, () => void>();
      let achtergrondBeantwoord = 0;
      luisteraar.on('notification', (n) => {
        const klaar = n.payload ? wachtend.get(n.payload) : undefined;
        if (klaar) klaar();
        else achtergrondBeantwoord++;
      });
      let volgende = count + 200;
      let stoppen = false;
      let achtergrondVerzonden = 0;
      let achtergrondFouten = 0;
      let eersteFout = '';
      // Open loop, but never more than 50 unanswered: above capacity the queue would grow without
      // bound and the probe would measure the queue. Skipped sends are reported.
      let achtergrondOvergeslagen = 0;
      const inVlucht = new Set<Promise<void>>();
      const achtergrond = (async () => {
        const begin = performance.now();
        for (let k = 0; !stoppen; k++) {
          const wacht = begin + (k * 1000) / rate - performance.now();
          if (wacht > 0) await new Promise((r) => setTimeout(r, wacht));
          if (achtergrondVerzonden - achtergrondBeantwoord > 50) {
            achtergrondOvergeslagen++;
            continue;
          }
          const p = post(envelop(volgende++).xml).then(
            () => undefined,
            (e: unknown) => {
              if (achtergrondFouten++ === 0) eersteFout = e instanceof Error ? e.message : String(e);
            },
          );
          achtergrondVerzonden++;
          inVlucht.add(p);
          void p.finally(() => inVlucht.delete(p));
        }
      })();
      await new Promise((r) => setTimeout(r, 2000)); // let the load settle
      const probeLatenties: number[] = [];
      const probeBasis = 1_000_000;
      const probeStart = performance.now();
      for (let j = 0; j < probes && performance.now() - probeStart < 180_000; j++) {
        const e = envelop(probeBasis + j);
        const t = performance.now();
        const beantwoord = new Promise<void>((ok) => wachtend.set(e.referentienummer, ok));
        await post(e.xml);
        await Promise.race([beantwoord, new Promise((_, fout) => setTimeout(() => fout(new Error('probe not answered in 30 s')), 30_000))]);
        probeLatenties.push(performance.now() - t);
        wachtend.delete(e.referentienummer);
      }
      const probeMs = performance.now() - probeStart;
      stoppen = true;
      await achtergrond;
      await Promise.all(inVlucht);
      probeLatenties.sort((a, b) => a - b);
      probeRegels.push(
        '',
        `Closed-loop probe: ${probeLatenties.length} single WMO305 one at a time, send → WMO306 Du01 commit seen, under a background load of ${rate}/s ` +
          `(sent ${achtergrondVerzonden}, ${achtergrondFouten} failed${eersteFout ? ` (first: ${eersteFout.slice(0, 120)})` : ''}, ${achtergrondOvergeslagen} skipped at 50 unanswered, ${achtergrondBeantwoord} answers seen; ${((achtergrondVerzonden / (probeMs + 2000)) * 1000).toFixed(0)}/s offered over the probe window):`,
        '',
        '| probe | p50 ms | p90 ms | p99 ms | max ms |',
        '|---|---:|---:|---:|---:|',
        `| single WMO305 at ${rate}/s background | ${percentile(probeLatenties, 50).toFixed(1)} | ${percentile(probeLatenties, 90).toFixed(1)} | ${percentile(probeLatenties, 99).toFixed(1)} | ${probeLatenties[probeLatenties.length - 1].toFixed(1)} |`,
      );
    }

    latenties.sort((a, b) => a - b);
    referentieLatenties.sort((a, b) => a - b);
    const perSec = (count / wallMs) * 1000;
    const refPerSec = (count / referentieMs) * 1000;
    const lines = [
      `End-to-end, ${count} WMO305 over SOAP, concurrency ${concurrency}, node ${process.version}, ${workers === 0 ? "one process (HTTP + processing)" : `HTTP process${mainVerwerkt ? " (also processing)" : ""} + ${workers} worker process(es)`}:`,
      '',
      '| path | berichten/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|',
      `| POST /ggk → stored → processed → WMO306 Du01 committed | ${perSec.toFixed(0)} | ${percentile(latenties, 50)} | ${percentile(latenties, 99)} |`,
      `| reference: GET /health/live round trip | ${refPerSec.toFixed(0)} | ${percentile(referentieLatenties, 50).toFixed(1)} | ${percentile(referentieLatenties, 99).toFixed(1)} |`,
      '',
      `CPU per bericht in this phase (ms): gateway processes ${msPer(gatewayCpu)}, PostgreSQL backends ${msPer(pgCpu)}, load generator ${msPer(clientCpu)}; ` +
        `total ${msPer(gatewayCpu + pgCpu + clientCpu)} ms on ${cpus().length} cores (a ceiling of ${((cpus().length * count) / (gatewayCpu + pgCpu + clientCpu)).toFixed(0)} berichten/s at this cost).`,
      '',
      `ratio gateway / no-op round trip throughput: ${(perSec / refPerSec).toFixed(3)} (target: at least 300 berichten/s, p99 under 100 ms)`,
      ...probeRegels,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await pg.end().catch(() => undefined);
    await luisteraar.end().catch(() => undefined);
    agent.destroy();
    for (const p of [proc, ...workerProcs]) {
      p.kill('SIGTERM');
      await new Promise((r) => p.once('exit', r));
    }
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
