import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testEnv } from '../../support/app';
import { wmo305 } from '../../support/berichten';
import { sql } from '../../support/database';
import { FakeGgk } from '../../support/fake-ggk';
import { testGgkSchemas } from '../../support/ggk';
import { testDatabase, type TestDatabase } from '../../support/test-database';

/**
 * Nothing lost, nothing doubled, with a real process killed by SIGKILL: a bericht stored (Bv03
 * given) but not yet processed is processed and answered exactly once after a restart.
 * Runs the built service (dist/, made by `npm install` through the prepare script).
 */
const MAIN = resolve(__dirname, '../../../dist/src/main.js');

function vrijePoort(): Promise<number> {
  return new Promise((ok, fout) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fout(new Error('no port'))));
    });
  });
}

async function startGateway(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await vrijePoort();
  const proc = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((ok) => proc.on('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (proc.exitCode !== null) throw new Error(`gateway exited early: ${stderr.slice(0, 2000)}`);
    try {
      const r = await fetch(`${url}/health/live`);
      return r.ok ? true : undefined;
    } catch {
      return undefined;
    }
  }, 'the gateway to listen', 30_000);
  return { proc, url, exited };
}

describe('a process killed between storing and processing', () => {
  let db: TestDatabase;
  let ggk: FakeGgk;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: run npm run build`);
    db = await testDatabase();
    ggk = await FakeGgk.start({ schemas: await testGgkSchemas() });
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await ggk?.stop();
    await db?.drop();
  });

  it('processes and answers the stored bericht exactly once after a restart', async () => {
    const env = testEnv(db.url, { GGK_ENDPOINT_URL: ggk.url, MAX_BERICHT_BYTES: String(25 * 1024 * 1024), GGK_RETRY_BASE_MS: '100', GGK_RETRY_MAX_MS: '500' });

    // 1. A gateway that stores but does not process: the Bv03 means the bericht is committed.
    const a = await startGateway({ ...env, VERWERKING_ENABLED: 'false', GGK_RELAY_ENABLED: 'false' });
    children.push(a.proc);
    const di01 = await ggk.stuurDi01(a.url, wmo305('KILL-1'));
    expect(di01.soort).toBe('Bv03');
    const stored = await sql<{ status: string }>(db.url, 'SELECT status FROM client_inbound_bericht WHERE ggk_referentienummer = $1', [di01.referentienummer]);
    expect(stored).toEqual([{ status: 'ontvangen' }]);

    // 2. Killed hard, with no chance to clean up.
    a.proc.kill('SIGKILL');
    await a.exited;

    // 3. A new process picks the bericht up, answers it, and delivers the answer to the GGK.
    const b = await startGateway(env);
    children.push(b.proc);
    const antwoord = await eventually(async () => ggk.ontvangen.find((e) => e.crossRefnummer === di01.referentienummer && e.geaccepteerd), 'the answer to arrive at the GGK', 30_000);
    expect(antwoord).toMatchObject({ kind: 'Du01', functie: 'WMO306' });
    await eventually(async () => {
      const rows = await sql<{ status: string }>(db.url, `SELECT o.status FROM client_outbound_bericht o JOIN client_inbound_bericht i ON o.inbound_id = i.id WHERE i.ggk_referentienummer = $1`, [di01.referentienummer]);
      return rows.length === 1 && rows[0].status === 'verzonden' ? rows : undefined;
    }, 'the outbound row to be marked sent');

    // Exactly once: one processing, one answer row, one delivery at the GGK.
    const inbound = await sql<{ status: string; attempts: number }>(db.url, 'SELECT status, attempts FROM client_inbound_bericht WHERE ggk_referentienummer = $1', [di01.referentienummer]);
    expect(inbound).toHaveLength(1);
    expect(inbound[0].status).not.toBe('ontvangen');
    expect(ggk.ontvangen.filter((e) => e.crossRefnummer === di01.referentienummer)).toHaveLength(1);
    expect(ggk.dubbele()).toEqual([]);
    b.proc.kill('SIGTERM');
    await b.exited;
  }, 90_000);
});
