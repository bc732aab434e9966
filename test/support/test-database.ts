import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { cloneDatabase, createEmptyDatabase, databaseUrl, dropDatabase } from './database';

// Kept apart from database.ts: global setup cannot import 'vitest' itself.
declare module 'vitest' {
  export interface ProvidedContext {
    istdTestRun: { runId: string; template: string };
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from this run's template. */
export async function testDatabase(): Promise<TestDatabase> {
  const { runId, template } = inject('istdTestRun');
  const name = `istd_test_${runId}_${randomBytes(4).toString('hex')}`;
  await cloneDatabase(template, name);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}


/** An empty database (no schema) of this run, for migration tests. */
export async function emptyTestDatabase(): Promise<TestDatabase> {
  const { runId } = inject('istdTestRun');
  const name = `istd_test_${runId}_leeg_${randomBytes(4).toString('hex')}`;
  await createEmptyDatabase(name);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}
