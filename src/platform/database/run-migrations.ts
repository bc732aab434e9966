import type { DataSource } from 'typeorm';

/** Any constant shared by every gateway process: the advisory lock serialising migrations. */
const MIGRATION_LOCK = 0x15d_6a7e;

/**
 * Runs pending migrations, one transaction each. Several gateway processes may start at once: a
 * session advisory lock lets one migrate while the others wait, then find nothing to do.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
