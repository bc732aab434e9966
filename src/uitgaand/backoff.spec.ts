import { describe, expect, it } from 'vitest';
import { wachttijdMs } from './backoff';

describe('wachttijdMs', () => {
  it('doubles per attempt up to the maximum', () => {
    const hoogst = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((p) => wachttijdMs(p, 1000, 10_000, hoogst))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('jitters within the upper half', () => {
    expect(wachttijdMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(wachttijdMs(3, 1000, 60_000, () => 0.5)).toBe(3000);
    for (let i = 0; i < 100; i++) {
      const w = wachttijdMs(4, 1000, 60_000);
      expect(w).toBeGreaterThanOrEqual(4000);
      expect(w).toBeLessThanOrEqual(8000);
    }
  });

  it('stays finite for very many attempts', () => {
    expect(wachttijdMs(1000, 30_000, 1_800_000, () => 1)).toBe(1_800_000);
  });
});
