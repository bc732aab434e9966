import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerWmoVoor18, type NieuweWmoToewijzing } from './wmo-voor-18.detector';

const NU = '2026-04-01T04:00:00.000Z';
const C = '3f0c8a52-1c7e-4b7a-9e55-123456789012';
const REF = ['0a6c0c1e-0000-4000-8000-000000000001', '0a6c0c1e-0000-4000-8000-000000000002'];
const t = (o: Partial<NieuweWmoToewijzing>): NieuweWmoToewijzing => ({
  gemeente: '0363', aanbieder: '12345678', contractId: C, ingangsdatum: '2026-04-01', geboortedatum: '2008-05-10', datumGebruik: null, toestemming: false, referentie: REF[0], ...o,
});

describe('WMO-VOOR-18 (TCW art. 1.7.2): wmo.voor-18', () => {
  it('counts the new toewijzingen starting before the 18th birthday without an approval; references only', () => {
    const [s, ...meer] = detecteerWmoVoor18([
      t({}), // 18 on 2026-05-10: starts before
      t({ referentie: REF[1], geboortedatum: '2008-04-01', datumGebruik: '1' }), // day unknown: earliest 2008-04-01, 18 on 2026-04-01
      t({ referentie: REF[1], ingangsdatum: '2026-03-31', geboortedatum: '2008-12-31', datumGebruik: '2' }), // earliest 2008-01-01: 18 on 2026-01-01, starts after
      t({ toestemming: true }),
      t({ geboortedatum: '1900-01-01', datumGebruik: '3' }), // unknown: not judged
      t({ geboortedatum: null }),
    ], '2026-04-01', NU);
    expect(meer).toEqual([]);
    expect(s).toEqual({
      type: 'wmo.voor-18', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: C, regel: 'CS Wmo art. 1.7.2',
      periode: { van: '2026-03-01', tot: '2026-03-31' }, cijfers: { zonderToestemming: 1, datumOnzeker: 0, referenties: REF[0] },
      waargenomenOp: NU, dedupKey: `wmo-voor-18:0363:12345678:${C}:2026-03`, ernst: 'waarschuwing',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('the day before the 18th birthday counts, the birthday itself does not; a partly unknown date counts as uncertain', () => {
    expect(detecteerWmoVoor18([t({ ingangsdatum: '2026-05-09' })], '2026-04-01', NU)).toHaveLength(1);
    expect(detecteerWmoVoor18([t({ ingangsdatum: '2026-05-10' })], '2026-04-01', NU)).toEqual([]);
    expect(detecteerWmoVoor18([t({ ingangsdatum: '2026-04-30', geboortedatum: '2008-05-01', datumGebruik: '1' })], '2026-04-01', NU)[0].cijfers).toMatchObject({ datumOnzeker: 1 });
  });
});
