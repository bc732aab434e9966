import { describe, expect, it } from 'vitest';
import { CENSOR, censorClientData } from './redaction';

describe('censorClientData', () => {
  it('returns the same object when there is nothing to censor (no copy)', () => {
    const o = { a: 1, b: { c: [1, { d: 'x' }] } };
    expect(censorClientData(o)).toBe(o);
  });

  it('copies on write and never changes the input', () => {
    const o = { a: 1, b: { Bsn: '999900006', c: 2 }, e: [{ postcode: '1234AB' }] };
    const c = censorClientData(o);
    expect(c).toEqual({ a: 1, b: { Bsn: CENSOR, c: 2 }, e: [{ postcode: CENSOR }] });
    expect(o.b.Bsn).toBe('999900006');
    expect(o.e[0].postcode).toBe('1234AB');
    expect(c.a).toBe(1);
  });

  it('censors raw XML and secrets, and replaces what lies beyond the depth limit', () => {
    expect(censorClientData({ xml: '<Bsn>1</Bsn>', token: 't' })).toEqual({ xml: CENSOR, token: CENSOR });
    let diep: Record<string, unknown> = { bsn: '999900006' };
    for (let i = 0; i < 20; i++) diep = { n: diep };
    expect(JSON.stringify(censorClientData(diep))).not.toContain('999900006');
  });
});
