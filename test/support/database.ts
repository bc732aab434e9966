import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, runPendingMigrations } from '../../src/platform/database';

/**
 * Test databases on the local PostgreSQL (style.md "Tests"): global setup migrates a template once,
 * each test file clones its own from it. Every database created, migrated or dropped here must
 * have "test" in its name.
 */

/** Maintenance connection used only for CREATE/DROP DATABASE. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function assertTestDatabase(name: string): void {
  if (!name.includes('test')) throw new Error(`refusing to use database '${name}': its name does not contain "test"`);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name '${name}': only [a-z0-9_] allowed`);
}

export function databaseUrl(name: string): string {
  assertTestDatabase(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createEmptyDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
}

export async function createTemplateDatabase(name: string): Promise<void> {
  await createEmptyDatabase(name);
  const ds = createDataSource(databaseUrl(name));
  await ds.initialize();
  try {
    await runPendingMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

export async function cloneDatabase(template: string, name: string): Promise<void> {
  assertTestDatabase(template);
  assertTestDatabase(name);
  // Parallel clones of one template can briefly see each other as "other users" of it.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      return;
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Drops every database of this run (clones a crashed test file left behind, and the template). */
export async function dropRunDatabases(runId: string): Promise<void> {
  const names = await admin(async (c) => {
    const r = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`istd_test_%${runId}%`]);
    return r.rows.map((row) => row.datname);
  });
  // Clones first: the template cannot be dropped while a clone is being made from it.
  for (const n of names.sort((a, b) => Number(a.includes('template')) - Number(b.includes('template')))) await dropDatabase(n);
}

/** Runs SQL against a test database with a short-lived client (assertions, fixtures). */
export async function sql<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const dbName = new URL(url).pathname.slice(1);
  assertTestDatabase(dbName);
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Runs SQL on the maintenance connection (e.g. ALTER DATABASE on a test database). */
export async function adminSql(text: string): Promise<void> {
  await admin((c) => c.query(text));
}
