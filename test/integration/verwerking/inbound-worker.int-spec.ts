import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { InboundBericht, InboundBerichtRepository, type TeVerwerkenBericht, type VerwerkingUitkomst } from '../../../src/ingest';
import { identificeerBericht } from '../../../src/ingest/utils/identificeer-bericht.util';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { createLogger } from '../../../src/platform/logging';
import { InboundWorker, ValidatieVerwerker, type BerichtVerwerker } from '../../../src/verwerking';
import { testEnv } from '../../support/app';
import { sql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';
import { testSchemas, vervang, voorbeeld } from '../../support/istandaarden';

const logger = createLogger('silent');
const WMO305 = voorbeeld('WMO305');
let volgnummer = 1;

describe('InboundWorker', () => {
  let db: TestDatabase;
  let dsA: DataSource;
  let dsB: DataSource;
  let validatie: ValidatieVerwerker;

  beforeAll(async () => {
    db = await testDatabase();
    dsA = await createDataSource(db.url, [InboundBericht]).initialize();
    dsB = await createDataSource(db.url, [InboundBericht]).initialize();
    validatie = new ValidatieVerwerker(await testSchemas(), loadConfig(testEnv(db.url)), []);
  });

  afterAll(async () => {
    await dsA?.destroy();
    await dsB?.destroy();
    await db?.drop();
  });

  async function bewaar(n: number): Promise<string[]> {
    const repo = new InboundBerichtRepository(dsA);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const xml = vervang(WMO305, '<iwmo:Identificatie>123456789013</iwmo:Identificatie>', `<iwmo:Identificatie>W${volgnummer++}</iwmo:Identificatie>`);
      const raw = Buffer.from(xml);
      const r = await repo.bewaar({
        kanaal: 'rest',
        raw,
        contentSha256: createHash('sha256').update(raw).digest('hex'),
        envelope: null,
        identiteit: identificeerBericht(raw, raw.length),
        correlationId: `worker-test-${i}`,
      });
      if (r.soort !== 'opgeslagen') throw new Error(`fixture not stored: ${r.soort}`);
      ids.push(r.id);
    }
    return ids;
  }

  function worker(ds: DataSource, verwerker: BerichtVerwerker, options: Partial<{ batchSize: number; maxAttempts: number; leaseSeconds: number }> = {}): InboundWorker {
    return new InboundWorker({
      dataSource: ds,
      repository: new InboundBerichtRepository(ds),
      verwerker,
      options: { batchSize: 3, parallel: 1, pollIntervalMs: 20, leaseSeconds: 300, maxAttempts: 5, ...options },
      logger,
    });
  }

  async function statusVan(ids: string[]): Promise<Map<string, { status: string; attempts: number }>> {
    const rows = await sql<{ id: string; status: string; attempts: number }>(db.url, 'SELECT id, status, attempts FROM client_inbound_bericht WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, { status: r.status, attempts: r.attempts }]));
  }

  it('two workers in parallel process every bericht exactly once', async () => {
    const ids = await bewaar(40);
    const calls = new Map<string, number>();
    const byWorker = { A: 0, B: 0 };
    // Neither worker proceeds past its first bericht until both hold one: they really overlap.
    let release!: () => void;
    const bothStarted = new Promise<void>((r) => (release = r));
    const started = new Set<string>();
    const counting = (name: 'A' | 'B'): BerichtVerwerker => ({
      async verwerk(b: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst> {
        calls.set(b.id, (calls.get(b.id) ?? 0) + 1);
        byWorker[name]++;
        started.add(name);
        if (started.size === 2) release();
        await Promise.race([bothStarted, new Promise((_, rej) => setTimeout(() => rej(new Error('the other worker never started')), 5000))]);
        return validatie.verwerk(b, tx, log);
      },
    });
    await Promise.all([worker(dsA, counting('A')).drain(), worker(dsB, counting('B')).drain()]);

    for (const id of ids) expect(calls.get(id), id).toBe(1);
    expect(byWorker.A + byWorker.B).toBe(40);
    expect(byWorker.A).toBeGreaterThan(0);
    expect(byWorker.B).toBeGreaterThan(0);
    const status = await statusVan(ids);
    for (const id of ids) expect(status.get(id)).toEqual({ status: 'verwerkt', attempts: 1 });
  });

  it('never processes a finished bericht again', async () => {
    const [id] = await bewaar(1);
    let calls = 0;
    const w = worker(dsA, { verwerk: (b, tx, log) => (calls++, validatie.verwerk(b, tx, log)) });
    await w.drain();
    expect(await w.runOnce()).toBe(0);
    // Even an old claim on it (a stale worker) cannot reopen it.
    expect(await new InboundBerichtRepository(dsA).finish({ id, attempts: 1 }, { status: 'uitval', verdict: { bericht: null, valid: false, xsd: [], regels: [] } })).toBe(false);
    expect(calls).toBe(1);
    expect((await statusVan([id])).get(id)?.status).toBe('verwerkt');
  });

  it('takes over a claim whose lease ran out, and the old claim can no longer finish', async () => {
    const [id] = await bewaar(1);
    const repoA = new InboundBerichtRepository(dsA);
    const [oud] = await repoA.claim(1, 300);
    expect(oud).toMatchObject({ id, attempts: 1, bericht: { id, attempts: 1, status: 'in_verwerking', bericht: 'WMO305', raw: null } });
    await sql(db.url, `UPDATE client_inbound_bericht SET claimed_at = now() - interval '1 hour' WHERE id = $1`, [id]);

    await worker(dsB, validatie).drain();
    expect((await statusVan([id])).get(id)).toEqual({ status: 'verwerkt', attempts: 2 });
    const stale = await dsA.transaction((tx) => new InboundBerichtRepository(dsA).laadGeclaimd(oud, tx));
    expect(stale).toBeNull();
  });

  it('rolls back a processing whose claim another worker took over meanwhile (finish fences the claim)', async () => {
    const [id] = await bewaar(1);
    const w = worker(dsA, {
      async verwerk(b, tx, log) {
        // What this processing writes, and what the other worker's claim does meanwhile.
        await sql(db.url, `UPDATE client_inbound_bericht SET attempts = attempts + 1 WHERE id = $1`, [id]);
        await tx.query(`UPDATE client_inbound_bericht SET correlation_id = 'geschreven-door-verloren-claim' WHERE id = $1`, [b.id]);
        return validatie.verwerk(b, tx, log);
      },
    });
    expect(await w.runOnce()).toBe(1);
    const [rij] = await sql<{ status: string; correlation_id: string }>(db.url, `SELECT status, correlation_id FROM client_inbound_bericht WHERE id = $1`, [id]);
    expect(rij.status).toBe('in_verwerking');
    expect(rij.correlation_id).not.toBe('geschreven-door-verloren-claim');
  });

  it('gives unstarted claims back when stopped', async () => {
    const ids = await bewaar(3);
    let entered!: () => void;
    const inVerwerking = new Promise<void>((r) => (entered = r));
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const w = worker(dsA, {
      async verwerk(b, tx, log) {
        entered();
        await gate;
        return validatie.verwerk(b, tx, log);
      },
    });
    w.start();
    await inVerwerking;
    const stopped = w.stop();
    open();
    await stopped;
    const status = [...(await statusVan(ids)).values()];
    expect(status.filter((s) => s.status === 'verwerkt')).toHaveLength(1);
    expect(status.filter((s) => s.status === 'ontvangen' && s.attempts === 0)).toHaveLength(2);
    await worker(dsA, validatie).drain();
  });

  it('sends a bericht that keeps failing to uitval after the maximum attempts', async () => {
    const [id] = await bewaar(1);
    const failing: BerichtVerwerker = {
      verwerk: () => Promise.reject(new Error('boom <Bsn>999900006</Bsn>')),
    };
    const w = worker(dsA, failing, { maxAttempts: 2 });
    await w.runOnce();
    expect((await statusVan([id])).get(id)).toEqual({ status: 'in_verwerking', attempts: 1 });
    await sql(db.url, `UPDATE client_inbound_bericht SET claimed_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    await w.runOnce();
    const [row] = await sql<{ status: string; verdict: { fout: { code: string; errorId: string } } }>(db.url, 'SELECT status, verdict FROM client_inbound_bericht WHERE id = $1', [id]);
    expect(row.status).toBe('uitval');
    expect(row.verdict.fout).toMatchObject({ code: 'VERWERKING.OPGEGEVEN', errorId: expect.any(String) });
  });
});
