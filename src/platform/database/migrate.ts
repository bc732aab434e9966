/**
 * `npm run migration:run | migration:revert | migration:show` (after `npm run build`).
 * Needs only DATABASE_URL.
 */
import { createDataSource } from './data-source';
import { runPendingMigrations } from './run-migrations';

async function main(command: string | undefined): Promise<number> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    process.stderr.write('DATABASE_URL is required\n');
    return 2;
  }
  if (command !== 'run' && command !== 'revert' && command !== 'show') {
    process.stderr.write('usage: migrate.js run|revert|show\n');
    return 2;
  }
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    if (command === 'run') {
      const done = await runPendingMigrations(ds);
      process.stdout.write(done.length > 0 ? `ran: ${done.join(', ')}\n` : 'no pending migrations\n');
    } else if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else {
      const pending = await ds.showMigrations();
      process.stdout.write(pending ? 'there are pending migrations\n' : 'no pending migrations\n');
      return pending ? 1 : 0;
    }
    return 0;
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
