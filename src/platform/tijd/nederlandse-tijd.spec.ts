import { describe, expect, it } from 'vitest';
import { vandaagInNederland, nederlandseTijd } from './nederlandse-tijd';

const iso = (d: Date) => d.toISOString().slice(0, 19);

describe('nederlandseTijd', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(iso(nederlandseTijd(new Date('2026-01-15T10:20:30Z')))).toBe('2026-01-15T11:20:30');
    expect(iso(nederlandseTijd(new Date('2026-07-01T22:00:00Z')))).toBe('2026-07-02T00:00:00');
  });

  it('switches exactly at 01:00 UTC on the last Sundays of March and October', () => {
    expect(iso(nederlandseTijd(new Date('2025-03-30T00:59:59Z')))).toBe('2025-03-30T01:59:59');
    expect(iso(nederlandseTijd(new Date('2025-03-30T01:00:00Z')))).toBe('2025-03-30T03:00:00');
    expect(iso(nederlandseTijd(new Date('2025-10-26T00:59:59Z')))).toBe('2025-10-26T02:59:59');
    expect(iso(nederlandseTijd(new Date('2025-10-26T01:00:00Z')))).toBe('2025-10-26T02:00:00');
  });

  it('gives the same answers in any order of asking (the hour cache)', () => {
    const momenten = ['2025-10-26T00:30:00Z', '2025-03-30T01:30:00Z', '2025-10-26T00:45:00Z', '2025-12-31T23:30:00Z', '2025-03-30T01:10:00Z'];
    const eerst = momenten.map((m) => iso(nederlandseTijd(new Date(m))));
    expect(eerst).toEqual(['2025-10-26T02:30:00', '2025-03-30T03:30:00', '2025-10-26T02:45:00', '2026-01-01T00:30:00', '2025-03-30T03:10:00']);
    expect([...momenten].reverse().map((m) => iso(nederlandseTijd(new Date(m))))).toEqual([...eerst].reverse());
  });
});

describe('vandaagInNederland', () => {
  it('is the Dutch date, which differs from the UTC date late in the evening', () => {
    expect(vandaagInNederland(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(vandaagInNederland(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
    expect(vandaagInNederland(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });
});
