import type { EntityManager } from 'typeorm';
import { slotNummers } from './register-sloten.util';

/**
 * Takes the transaction-scoped advisory locks of these register parts, in ascending order; they are
 * released at commit or rollback. Must run inside the bericht's transaction.
 */
export async function vergrendel(m: EntityManager, sloten: readonly string[]): Promise<void> {
  for (const n of slotNummers(sloten)) await m.query('SELECT pg_advisory_xact_lock($1::bigint)', [n.toString()]);
}
