import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The part of node-pg's client this module uses. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const namen = new Map<string, string>();

function naamVoor(text: string): string {
  let naam = namen.get(text);
  if (naam === undefined) {
    naam = `istd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    namen.set(text, naam);
  }
  return naam;
}

/**
 * Runs one statement in the manager's transaction (or on a pooled connection of its own) as a
 * named prepared statement, returning rows and the affected count alike for SELECT, INSERT and
 * UPDATE. PostgreSQL then parses it once per connection and can reuse a generic plan: as unnamed
 * statements, parse and bind took ~40 % of PostgreSQL's time on the per-bericht statements
 * (bench/README.md). Errors are node-pg's (with `code`), not wrapped by TypeORM.
 */
export async function sql<T>(m: EntityManager, text: string, values: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const client = (await qr.connect()) as PgClient;
    const r = await client.query({ name: naamVoor(text), text, values });
    return { rows: r.rows as T[], affected: r.rowCount ?? 0 };
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}
