import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerBestedingsruimteBesluit, type ContractBestedingsruimtes } from './bestedingsruimte-besluit.detector';

const NU = '2026-06-05T04:00:00.000Z';
const C = '3f0c8a52-1c7e-4b7a-9e55-123456789012';
const contract: ContractBestedingsruimtes = {
  contractId: C, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', looptijdTot: '2027-12-31', perioden: [{ van: '2026-01-01', tot: '2026-12-31' }],
};
const types = (vandaag: string, c = contract) => detecteerBestedingsruimteBesluit([c], vandaag, 30, NU).map((s) => `${s.type} ${s.ernst} ${s.dedupKey.split(':').slice(2).join(':')}`);

describe('BR-ZIENSWIJZE and BR-BESLUIT (TCW art. 1.5.1/1.5.2): the next bestedingsruimte period', () => {
  it('zienswijze up to 6 months before the next start, the decision 3 months before, overdue after it', () => {
    const [z] = detecteerBestedingsruimteBesluit([contract], '2026-06-05', 30, NU);
    expect(z).toEqual({
      type: 'bestedingsruimte.zienswijze', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: C, regel: 'CS Wmo art. 1.5.1/1.5.2',
      periode: { van: '2026-06-05', tot: '2026-06-30' }, cijfers: { volgendePeriodeVan: '2027-01-01', zienswijzeUiterlijk: '2026-06-30', dagenTotZienswijze: 25 },
      waargenomenOp: NU, dedupKey: `bestedingsruimte-zienswijze:${C}:2027-01-01`, ernst: 'info',
    });
    expect(() => controleerSignaal(z)).not.toThrow();
    expect(vindPersoonsgegeven(z)).toBeNull();
    expect(types('2026-05-30')).toEqual([]); // more than 30 days before 30 June
    expect(types('2026-07-01')).toEqual([]); // between the two
    expect(types('2026-09-01')).toEqual(['bestedingsruimte.besluit waarschuwing 2027-01-01:bijna']); // 30 September is the last day
    expect(types('2026-09-30')).toEqual(['bestedingsruimte.besluit waarschuwing 2027-01-01:bijna']);
    expect(types('2026-10-01')).toEqual(['bestedingsruimte.besluit kritiek 2027-01-01:verlopen']);
    expect(types('2026-12-31')).toEqual(['bestedingsruimte.besluit kritiek 2027-01-01:verlopen']);
    expect(types('2027-01-01')).toEqual([]); // the period has started: no longer a deadline to watch
    const [b] = detecteerBestedingsruimteBesluit([contract], '2026-10-02', 30, NU);
    expect(b.cijfers).toEqual({ volgendePeriodeVan: '2027-01-01', besluitUiterlijk: '2026-09-30', dagenTotBesluit: -2, vorigePeriodeVan: '2026-01-01', vorigePeriodeTot: '2026-12-31' });
  });

  it('near misses: the next period registered, the contract ending with the period, Jeugd names HR §10', () => {
    expect(types('2026-09-15', { ...contract, perioden: [...contract.perioden, { van: '2027-01-01', tot: '2027-12-31' }] })).toEqual([]);
    expect(types('2026-09-15', { ...contract, looptijdTot: '2026-12-31' })).toEqual([]);
    // Open-ended contract: the next period is due as well.
    expect(types('2026-09-15', { ...contract, looptijdTot: null })).toHaveLength(1);
    expect(detecteerBestedingsruimteBesluit([{ ...contract, domein: 'jeugd' }], '2026-09-15', 30, NU)[0].regel).toBe('HR §10 (contractstandaard Jeugd, bestedingsruimte)');
  });
});
