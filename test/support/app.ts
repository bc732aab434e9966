import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/platform/config';
import { xsdDir } from './istandaarden';

export const TOKENS = {
  koppeling: 'test-koppeling-token',
  backoffice: 'test-backoffice-token',
  contractmanager: 'test-contractmanager-token',
} as const;

/** Small, so the 413 test needs no 25 MB body. */
export const TEST_MAX_BERICHT_BYTES = 64 * 1024;

export const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AMQP_URL,
    ISTANDAARDEN_XSD_DIR: xsdDir(),
    GGK_ENDPOINT_URL: 'http://127.0.0.1:9/ggk',
    GEMEENTE_CODES: '0363',
    MAX_BERICHT_BYTES: String(TEST_MAX_BERICHT_BYTES),
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${token}:${role}`).join(','),
    LOG_LEVEL: 'info',
    VERWERKING_POLL_MS: '200',
    // No signal relay unless a test asks for it: it would declare SIGNALEN_EXCHANGE on the shared broker.
    SIGNALEN_RELAY_ENABLED: 'false',
    // Detectors run only when a test calls runAll(vandaag) itself.
    DETECTOREN_ENABLED: 'false',
    ...overrides,
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Every log line written so far (JSON text). */
  logs: string[];
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real application on a test database, initialised (migrations, worker) but not listening. */
export async function startTestApp(databaseUrl: string, overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig(testEnv(databaseUrl, overrides));
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const { app } = await createApp(config, { logDestination });
  await app.init();
  return {
    app,
    config,
    logs,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. No fixed sleeps. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
}
