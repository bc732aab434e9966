import { describe, expect, it } from 'vitest';
import { beoordeel, bereikt, percentage, type DrempelStaat } from './drempels';

describe('bestedingsruimte thresholds', () => {
  const budget = 10_000n;

  it('reaches 70 at exactly 70 % and overschreden only above 100 %', () => {
    expect(bereikt('70', 6_999n, budget)).toBe(false);
    expect(bereikt('70', 7_000n, budget)).toBe(true);
    expect(bereikt('100', 10_000n, budget)).toBe(true);
    expect(bereikt('overschreden', 10_000n, budget)).toBe(false);
    expect(bereikt('overschreden', 10_001n, budget)).toBe(true);
  });

  it('fires once per upward crossing and re-arms only below the threshold', () => {
    let staat: DrempelStaat = {};
    let r = beoordeel(staat, 7_100n, budget);
    expect(r.vuur).toEqual([{ drempel: '70', keer: 1 }]);
    staat = r.staat;
    r = beoordeel(staat, 7_500n, budget);
    expect(r.vuur).toEqual([]);
    expect(r.gewijzigd).toBe(false);
    r = beoordeel(r.staat, 6_000n, budget);
    expect(r.vuur).toEqual([]);
    expect(r.staat['70']).toEqual({ staat: 'armed', keer: 1 });
    r = beoordeel(r.staat, 7_000n, budget);
    expect(r.vuur).toEqual([{ drempel: '70', keer: 2 }]);
  });

  it('fires every threshold passed in one jump', () => {
    const r = beoordeel({}, 10_500n, budget);
    expect(r.vuur.map((v) => v.drempel)).toEqual(['70', '90', '100', 'overschreden']);
  });

  it('computes the percentage from integer cents', () => {
    expect(percentage(7_000n, budget)).toBe(70);
    expect(percentage(1n, 3n)).toBe(33.3);
  });
});
