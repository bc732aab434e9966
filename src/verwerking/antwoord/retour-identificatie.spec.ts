import type { EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { RetourIdentificaties } from './retour-identificatie';

describe('RetourIdentificaties', () => {
  it('takes a block of 50 from the sequence in one query and hands each value out once, also to concurrent callers (each of which may fetch its own block)', async () => {
    let volgende = 1000;
    const queries: string[] = [];
    const tx = {
      query: async (sql: string) => {
        queries.push(sql);
        const n = Number(/generate_series\(1, (\d+)\)/.exec(sql)?.[1]);
        return Array.from({ length: n }, () => ({ n: String(volgende++) }));
      },
    } as unknown as EntityManager;
    const r = new RetourIdentificaties();
    const uitgegeven = await Promise.all(Array.from({ length: 120 }, () => r.volgende(tx)));
    expect(new Set(uitgegeven).size).toBe(120);
    expect(uitgegeven.every((id) => /^R\d+$/.test(id))).toBe(true);
    const daarna = await r.volgende(tx);
    expect(uitgegeven).not.toContain(daarna);
    expect(queries.every((q) => q.includes("nextval('retour_identificatie_seq')"))).toBe(true);
  });

  it('needs one query for 50 answers in a row', async () => {
    let queries = 0;
    const tx = { query: async () => (queries++, Array.from({ length: 50 }, (_, i) => ({ n: String(i + 1) }))) } as unknown as EntityManager;
    const r = new RetourIdentificaties();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await r.volgende(tx));
    expect(queries).toBe(1);
    expect(ids[0]).toBe('R1');
    expect(ids[49]).toBe('R50');
  });
});
