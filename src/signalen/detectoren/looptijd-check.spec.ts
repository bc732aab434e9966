import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerLooptijd, type GeregistreerdContract } from './looptijd-check.detector';

const NU = '2026-02-01T04:00:00.000Z';
const C = '3f0c8a52-1c7e-4b7a-9e55-123456789012';
const contract: GeregistreerdContract = {
  contractId: C, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', looptijdVan: '2026-01-01', looptijdTot: '2027-12-31', verlengopties: [{ maanden: 12 }], motivatie: false,
};

describe('LOOPTIJD-CHECK (HR §14): contract.looptijd', () => {
  it('a term with extensions other than 4 years and no motivation: one signal with the figures', () => {
    const [s, ...meer] = detecteerLooptijd([contract], NU);
    expect(meer).toEqual([]);
    expect(s).toEqual({
      type: 'contract.looptijd', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: C, regel: 'HR §14',
      periode: { van: '2026-01-01', tot: '2028-12-31' },
      cijfers: { looptijdVan: '2026-01-01', looptijdTot: '2027-12-31', verlengMaandenTotaal: 12, totMetVerlenging: '2028-12-31', maandenTotaal: 36, normMaanden: 48 },
      waargenomenOp: NU, dedupKey: `contract-looptijd:${C}:2026-01-01:2028-12-31`, ernst: 'info',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
    expect(detecteerLooptijd([{ ...contract, looptijdTot: null }], NU)[0]).toMatchObject({ periode: null, cijfers: { looptijdTot: 'open', maandenTotaal: 'open' } });
    expect(detecteerLooptijd([{ ...contract, verlengopties: [{ maanden: 24 }, { maanden: 12 }] }], NU)[0].cijfers.maandenTotaal).toBe(60);
  });

  it('near misses: 4 years exactly (with or without options, also from a mid-month start), or a motivation recorded', () => {
    expect(detecteerLooptijd([{ ...contract, verlengopties: [{ maanden: 12 }, { maanden: 12 }] }], NU)).toEqual([]);
    expect(detecteerLooptijd([{ ...contract, looptijdTot: '2029-12-31', verlengopties: [] }], NU)).toEqual([]);
    expect(detecteerLooptijd([{ ...contract, looptijdVan: '2026-03-15', looptijdTot: '2030-03-14', verlengopties: [] }], NU)).toEqual([]);
    expect(detecteerLooptijd([{ ...contract, motivatie: true }], NU)).toEqual([]);
  });
});
