import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { copyIn, copyVeld } from '../../../src/platform/database/copy';
import { createDataSource } from '../../../src/platform/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';

/** copyIn against the real PostgreSQL: values arrive as written, and a failing COPY takes its transaction down with it. */
describe('copyIn: COPY FROM STDIN in a transaction', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    await ds.query(`CREATE TABLE copy_proef (k text PRIMARY KEY, v text NULL, n bigint NOT NULL)`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const rij = (k: string, v: string | null, n: number) => `${copyVeld(k)}\t${copyVeld(v)}\t${copyVeld(n)}\n`;

  it('stores every row, special characters and nulls intact, and counts them', async () => {
    const waarden = ['tab\there', 'new\nline', 'back\\slash', '\\N', 'cr\rhere'];
    // Enough rows to cross the 1 MB write boundary more than once.
    const veel = Array.from({ length: 60_000 }, (_, i) => rij(`k${i}`, 'x'.repeat(20), i));
    const n = await ds.transaction((tx) => copyIn(tx, 'COPY copy_proef (k, v, n) FROM STDIN', [...waarden.map((w, i) => rij(w, i === 0 ? null : w, -1 - i)), ...veel]));
    expect(n).toBe(waarden.length + veel.length);
    const terug = (await ds.query(`SELECT k, v, n::int AS n FROM copy_proef WHERE k NOT LIKE 'k%' ORDER BY n DESC`)) as Array<{ k: string; v: string | null; n: number }>;
    expect(terug).toEqual(waarden.map((w, i) => ({ k: w, v: i === 0 ? null : w, n: -1 - i })));
    expect(await ds.query(`SELECT count(*)::int AS n FROM copy_proef WHERE k LIKE 'k%'`)).toEqual([{ n: 60_000 }]);
  });

  it('a row that breaks a constraint fails with the pg error and nothing of the transaction stays', async () => {
    const poging = ds.transaction(async (tx) => {
      await tx.query(`INSERT INTO copy_proef (k, v, n) VALUES ('voor', NULL, 1)`);
      await copyIn(tx, 'COPY copy_proef (k, v, n) FROM STDIN', [rij('nieuw', null, 1), rij('k1', null, 2)]);
    });
    await expect(poging).rejects.toMatchObject({ code: '23505' });
    expect(await ds.query(`SELECT k FROM copy_proef WHERE k IN ('voor', 'nieuw')`)).toEqual([]);
  });

  it('a failure the database reports while rows are still being written stops the writing with that error, no crash', async () => {
    // The duplicate comes first; ~10 MB follow, so the error arrives while writes are under way.
    function* rijen() {
      yield rij('k1', null, 1);
      for (let i = 0; i < 300_000; i++) yield rij(`laat${i}`, 'y'.repeat(20), i);
    }
    await expect(ds.transaction((tx) => copyIn(tx, 'COPY copy_proef (k, v, n) FROM STDIN', rijen()))).rejects.toMatchObject({ code: '23505' });
    expect(await ds.query(`SELECT count(*)::int AS n FROM copy_proef WHERE k LIKE 'laat%'`)).toEqual([{ n: 0 }]);
  });

  it('a row source that throws halfway cancels the COPY; the connection is usable afterwards', async () => {
    function* rijen() {
      yield rij('half1', null, 1);
      throw new Error('bron kapot');
    }
    await expect(ds.transaction((tx) => copyIn(tx, 'COPY copy_proef (k, v, n) FROM STDIN', rijen()))).rejects.toThrow('bron kapot');
    expect(await ds.query(`SELECT k FROM copy_proef WHERE k = 'half1'`)).toEqual([]);
    // Every pooled connection still answers (none was left in COPY mode).
    const antwoorden = await Promise.all(Array.from({ length: 12 }, () => ds.query('SELECT 1 AS een')));
    expect(antwoorden.every((a) => (a as Array<{ een: number }>)[0].een === 1)).toBe(true);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(copyIn(ds.manager, 'COPY copy_proef (k, v, n) FROM STDIN', [])).rejects.toThrow(/needs a transaction/);
  });
});
