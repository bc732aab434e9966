import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerEindeLopendeZorg, type AflopendContract } from './einde-lopende-zorg.detector';

const NU = '2026-07-01T04:00:00.000Z';
const C = '3f0c8a52-1c7e-4b7a-9e55-123456789012';
const rij: AflopendContract = { contractId: C, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', einddatum: '2026-12-31', toewijzingen: 4, starts: 3 };

describe('EINDE-MET-LOPENDE-ZORG (TCW art. 3.19.6, HR §21): contract.einde-lopende-zorg', () => {
  it('from 6 months before the end: the zorg that runs past it, once per (contract, end, month)', () => {
    const [s] = detecteerEindeLopendeZorg([rij], '2026-07-01', NU);
    expect(s).toEqual({
      type: 'contract.einde-lopende-zorg', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: C, regel: 'CS Wmo art. 3.19.6',
      periode: { van: '2026-07-01', tot: '2026-12-31' }, cijfers: { einddatum: '2026-12-31', dagenTotEinde: 183, toewijzingenNaEinde: 4, startsNaEinde: 3 },
      waargenomenOp: NU, dedupKey: `einde-lopende-zorg:${C}:2026-12-31:2026-07`, ernst: 'waarschuwing',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
    expect(detecteerEindeLopendeZorg([rij], '2026-08-03', NU)[0].dedupKey).toBe(`einde-lopende-zorg:${C}:2026-12-31:2026-08`);
    expect(detecteerEindeLopendeZorg([{ ...rij, domein: 'jeugd' }], '2026-07-01', NU)[0].regel).toBe('HR §21');
  });

  it('near misses: more than 6 months ahead, after the end, or no zorg past it', () => {
    expect(detecteerEindeLopendeZorg([rij], '2026-06-29', NU)).toEqual([]);
    expect(detecteerEindeLopendeZorg([rij], '2026-06-30', NU)).toHaveLength(1);
    expect(detecteerEindeLopendeZorg([rij], '2026-12-31', NU)).toHaveLength(1);
    expect(detecteerEindeLopendeZorg([rij], '2027-01-01', NU)).toEqual([]);
    expect(detecteerEindeLopendeZorg([{ ...rij, toewijzingen: 0, starts: 0 }], '2026-07-01', NU)).toEqual([]);
  });
});
