import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerBeeindigingAanbieder } from './beeindiging-aanbieder.detector';

const NU = '2026-07-01T04:00:00.000Z';

describe('BEEINDIGING-AANBIEDER (TCW art. 3.7): beeindiging.aanbieder', () => {
  it('one signal per (domein, gemeente, aanbieder) for the previous month with the count, no client data', () => {
    const [wmo, jeugd, ...meer] = detecteerBeeindigingAanbieder(
      [
        { domein: 'wmo', gemeente: '0363', aanbieder: '12345678', aantal: 3, toewijzingen: 2 },
        { domein: 'jeugd', gemeente: '0384', aanbieder: '12345678', aantal: 1, toewijzingen: 1 },
        { domein: 'wmo', gemeente: '0384', aanbieder: '87654321', aantal: 0, toewijzingen: 0 },
      ],
      '2026-07-01',
      NU,
    );
    expect(meer).toEqual([]);
    expect(wmo).toEqual({
      type: 'beeindiging.aanbieder', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: null, regel: 'CS Wmo art. 3.7',
      periode: { van: '2026-06-01', tot: '2026-06-30' }, cijfers: { beeindigd: 3, toewijzingen: 2, redenBeeindiging: '22' },
      waargenomenOp: NU, dedupKey: 'beeindiging-aanbieder:wmo:0363:12345678:2026-06', ernst: 'waarschuwing',
    });
    expect(jeugd.cijfers.redenBeeindiging).toBe('33');
    expect(jeugd.regel).toMatch(/Jeugd article not in the sources/);
    for (const s of [wmo, jeugd]) {
      expect(() => controleerSignaal(s)).not.toThrow();
      expect(vindPersoonsgegeven(s)).toBeNull();
    }
  });
});
