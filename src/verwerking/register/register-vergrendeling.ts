import type { EntityManager } from 'typeorm';
import { sql } from '../../platform/database/sql';
import { slotNummers } from './register-sloten.util';

/**
 * Takes the transaction-scoped advisory locks of these register parts, in ascending order; they are
 * released at commit or rollback. Must run inside the bericht's transaction. One round trip: the
 * aggregate takes them one by one in the order unnest yields the (ascending) array.
 */
export async function vergrendel(m: EntityManager, sloten: readonly string[]): Promise<void> {
  const nummers = slotNummers(sloten);
  if (nummers.length === 0) return;
  await sql(m, 'SELECT count(pg_advisory_xact_lock(n)) FROM unnest($1::bigint[]) AS n', [nummers.map(String)]);
}
