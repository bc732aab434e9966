import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerDreigendeOverschrijding, type LopendeBestedingsruimte } from './bestedingsruimte-dreigt.detector';

const NU = '2026-07-02T04:00:00.000Z';
const ID = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';
const maanden = (...centen: number[]) => centen.map((c, i) => ({ maand: `2026-0${i + 1}-01`, centen: String(c) }));
const br: LopendeBestedingsruimte = {
  bestedingsruimteId: ID, contractId: '3f0c8a52-1c7e-4b7a-9e55-123456789012', domein: 'wmo', gemeente: '0363', aanbieder: '12345678',
  periodeVan: '2026-01-01', periodeTot: '2026-12-31', versie: 1, budgetCenten: '12000000', besteedCenten: '7000000',
  // January-June booked, 1,000,000 a month at first and 1,500,000 in April-June; 1,000,000 already for July.
  maanden: [...maanden(1_000_000, 1_000_000, 1_000_000, 1_500_000, 1_500_000, 1_500_000), { maand: '2026-07-01', centen: '-500000' }],
};

describe('BR-DREIGT (HR §10): bestedingsruimte.dreigt', () => {
  it('booked up to June plus the run-rate of April-June for July-December: above the amount, one signal', () => {
    const [s, ...meer] = detecteerDreigendeOverschrijding([br], '2026-07-02', NU);
    expect(meer).toEqual([]);
    // 7,500,000 up to June + 1,500,000 x 6 = 16,500,000 > 12,000,000.
    expect(s).toEqual({
      type: 'bestedingsruimte.dreigt', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: br.contractId, regel: 'HR §10',
      periode: { van: '2026-01-01', tot: '2026-12-31' },
      cijfers: {
        bestedingsruimteCenten: 12_000_000, besteedCenten: 7_000_000, prognoseCenten: 16_500_000, prognosePromille: 1375, runRateCenten: 1_500_000,
        maandenGemeten: 3, maandenResterend: 6, versie: 1,
      },
      waargenomenOp: NU, dedupKey: `bestedingsruimte-dreigt:${ID}`, ernst: 'waarschuwing',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('near misses: a prognosis within the amount, the amount reached already, no complete month of the period yet', () => {
    expect(detecteerDreigendeOverschrijding([{ ...br, budgetCenten: '16500000' }], '2026-07-02', NU)).toEqual([]);
    expect(detecteerDreigendeOverschrijding([{ ...br, besteedCenten: '12000000' }], '2026-07-02', NU)).toEqual([]);
    expect(detecteerDreigendeOverschrijding([{ ...br, periodeVan: '2026-07-01', maanden: [] }], '2026-07-20', NU)).toEqual([]);
  });

  it('early in the period the run-rate rests on the complete months there are', () => {
    const [s] = detecteerDreigendeOverschrijding([{ ...br, budgetCenten: '9000000', besteedCenten: '1000000', maanden: maanden(1_000_000) }], '2026-02-10', NU);
    // January alone: 1,000,000 + 1,000,000 x 11 = 12,000,000 > 9,000,000.
    expect(s.cijfers).toMatchObject({ maandenGemeten: 1, maandenResterend: 11, prognoseCenten: 12_000_000 });
  });
});
