import { createServer } from 'node:net';
import { Client } from 'pg';

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
