import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, TOKENS, type TestApp } from '../../support/app';
import { adminSql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';

describe('GET /health', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  describe('with the database and RabbitMQ up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(db.url, { VERWERKING_ENABLED: 'false' });
    });
    afterAll(() => t?.close());

    it('is ready (200) once the broker connection is up', async () => {
      const body = await eventually(async () => {
        const r = await t.http().get('/health');
        return r.status === 200 ? r.body : undefined;
      }, 'readiness');
      expect(body).toEqual({ status: 'ok', live: true, ready: true, checks: { database: { status: 'up' }, broker: { status: 'up', state: 'connected' } } });
    });

    it('answers liveness without checks', async () => {
      expect((await t.http().get('/health/live')).body).toEqual({ status: 'ok' });
    });

    it('needs no token for /health and /metrics', async () => {
      expect((await t.http().get('/metrics')).status).toBe(200);
    });

    it('serves the OpenAPI document at /api/docs', async () => {
      const doc = await t.http().get('/api/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/berichten', '/api/berichten/{id}', '/health']));
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect((await t.http().get('/api/docs/')).status).toBe(200);
    });

    it('reports the database down (503) and answers API calls with a generic 500 while it is', async () => {
      // Refuse new connections and cut the pool's existing ones.
      await adminSql(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS false`);
      await adminSql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}'`);
      try {
        const down = await t.http().get('/health');
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'unavailable', ready: false, checks: { database: { status: 'down' } } });

        const api = await t.http().get('/api/berichten/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${TOKENS.backoffice}`);
        expect(api.status).toBe(500);
        expect(api.body).toEqual({ code: 'PLATFORM.INTERNAL', message: expect.stringContaining(api.body.errorId), errorId: expect.any(String) });
        const logged = t.logs.map((l) => JSON.parse(l) as { errorId?: string; err?: { message: string } }).find((l) => l.errorId === api.body.errorId);
        expect(logged?.err?.message).toBeTruthy();
      } finally {
        await adminSql(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`);
      }
      const back = await eventually(async () => {
        const r = await t.http().get('/health');
        return r.status === 200 ? r.body : undefined;
      }, 'the database to be back');
      expect(back.checks.database).toEqual({ status: 'up' });
    });
  });

  describe('with RabbitMQ unreachable', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(db.url, { VERWERKING_ENABLED: 'false', AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    });
    afterAll(() => t?.close());

    it('is live but not ready (503), naming the broker', async () => {
      const r = await eventually(async () => {
        const res = await t.http().get('/health');
        return res.body.checks?.broker?.error ? res : undefined;
      }, 'a broker connection failure');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: 'unavailable', live: true, ready: false, checks: { database: { status: 'up' }, broker: { status: 'down', state: 'disconnected' } } });
      expect(JSON.stringify(r.body)).not.toContain('guest');
    });
  });
});
