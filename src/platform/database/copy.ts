import { once } from 'node:events';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** The part of node-pg's client this module uses. */
interface PgClient {
  query(stream: CopyStreamQuery): CopyStreamQuery;
}

/** Text handed to the database per write; the next part is built while it stores this one. */
const DEEL_CHARS = 1 << 20;

const SPECIAAL = /[\\\t\n\r]/;

/**
 * One field in COPY's text format: null is \N; backslash, tab, newline and carriage return are
 * escaped, so no value can end a field or a row early.
 */
export function copyVeld(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return SPECIAAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

/**
 * COPY ... FROM STDIN in the manager's transaction: `rijen` yields rows in COPY's text format
 * (fields made with copyVeld, joined by tabs, each ending in a newline). Returns the number of rows
 * stored. For bulk writes only: COPY skips the executor's per-row work of an INSERT ... SELECT
 * unnest(...) and the parameter arrays' parsing (100,000 prestaties: ~1.4 s instead of ~2.3 s,
 * bench/README.md). A failing row fails the statement (and so the transaction) with node-pg's
 * error, `code` included.
 */
export async function copyIn(m: EntityManager, statement: string, rijen: Iterable<string>): Promise<number> {
  const qr = m.queryRunner;
  if (!qr) throw new Error('copyIn needs a transaction: a half-finished COPY must roll back with it');
  const client = (await qr.connect()) as PgClient;
  const stream = client.query(copyFrom(statement));
  const klaar = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  klaar.catch(() => undefined); // reported where `klaar` is awaited
  try {
    let deel = '';
    for (const rij of rijen) {
      deel += rij;
      if (deel.length >= DEEL_CHARS) {
        if (!stream.write(deel)) await Promise.race([once(stream, 'drain'), klaar]);
        deel = '';
      }
    }
    stream.end(deel);
  } catch (e) {
    stream.destroy(e as Error);
    throw e;
  }
  await klaar;
  return stream.rowCount;
}
