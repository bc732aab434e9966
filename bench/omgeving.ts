import { createServer } from 'node:net';
import { Client } from 'pg';
import { defaultXsdDir } from './validate-child';

/** The local PostgreSQL the benches make their own database on (BENCH_DATABASE_ADMIN_URL). */
export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** One statement on the admin database (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A TCP port free on 127.0.0.1 at this moment, for the service under test. */
export function vrijePoort(): Promise<number> {
  return new Promise((ok, fout) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fout(new Error('no port'))));
    });
  });
}

/**
 * The environment of a service a bench starts on its own database: the local broker, the schemas,
 * and a GGK that is never reached (the relay to it off). Each bench adds its own settings.
 */
export function serviceEnv(dbUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: dbUrl,
    AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    ISTANDAARDEN_XSD_DIR: process.env.ISTANDAARDEN_XSD_DIR ?? defaultXsdDir(),
    GGK_ENDPOINT_URL: 'http://127.0.0.1:9/ggk',
    GGK_RELAY_ENABLED: 'false',
  };
}
