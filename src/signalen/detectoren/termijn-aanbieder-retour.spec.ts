import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerRetourTermijnAanbieder, type VerzondenHeenbericht } from './termijn-aanbieder-retour.detector';

const NU = '2026-06-01T04:00:00.000Z';
const heen = (verzonden: string, retourOntvangen: string | null, o: Partial<VerzondenHeenbericht> = {}): VerzondenHeenbericht => ({
  domein: 'wmo', gemeente: '0363', aanbieder: '12345678', bericht: 'WMO301', verzonden, retourOntvangen, ...o,
});

// May 2026: 5 May (Bevrijdingsdag) and 14 May (Hemelvaartsdag) are feestdagen; 25 May is tweede Pinksterdag.
describe('TERMIJN-AANBIEDER OP090: the aanbieder\'s retour (302/320) within 3 werkdagen of receipt', () => {
  it('counts per aanbieder the heenberichten whose deadline fell in the previous month: in time, late, missing', () => {
    const [s, ...meer] = detecteerRetourTermijnAanbieder([
      heen('2026-05-06', '2026-05-11'), // deadline Mon 11 May (Thu 7, Fri 8, Mon 11): in time on the day
      heen('2026-05-13', '2026-05-20'), // deadline Tue 19 May (Fri 15, Mon 18, Tue 19; the 14th is free): one werkdag late
      heen('2026-05-20', null, { bericht: 'WMO319' }), // deadline Tue 26 May (Thu 21, Fri 22, Tue 26): none yet
      heen('2026-05-22', '2026-06-01'), // deadline Thu 28 May (the 25th is free); Monday 1 June is 2 werkdagen after it
    ], '2026-06-01', NU);
    expect(meer).toEqual([]);
    expect(s).toEqual({
      type: 'termijn.aanbieder-retour', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: null, regel: 'OP090',
      periode: { van: '2026-05-01', tot: '2026-05-31' },
      cijfers: { heenberichten: 4, inTijd: 1, laat: 2, ontbreekt: 1, nietOpTijdPromille: 750, maxWerkdagenTeLaat: 2, termijnWerkdagen: 3 },
      waargenomenOp: NU, dedupKey: 'termijn-aanbieder-retour:wmo:0363:12345678:2026-05', ernst: 'waarschuwing',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('near misses: all in time gives nothing; a retour on the free day right after the deadline is in time; deadlines outside the month are not counted', () => {
    expect(detecteerRetourTermijnAanbieder([heen('2026-05-06', '2026-05-08')], '2026-06-01', NU)).toEqual([]);
    // Sent Wed 27 May: deadline Mon 1 June, so June's figure; sent Fri 24 April: deadline Thu 30 April (27 April is free), April's.
    expect(detecteerRetourTermijnAanbieder([heen('2026-05-27', null), heen('2026-04-24', null)], '2026-06-01', NU)).toEqual([]);
    // Deadline Fri 22 May, retour on Saturday 23, Sunday 24 or Monday 25 (tweede Pinksterdag): in time.
    expect(detecteerRetourTermijnAanbieder(['2026-05-23', '2026-05-24', '2026-05-25'].map((d) => heen('2026-05-19', d)), '2026-06-01', NU)).toEqual([]);
    // The first werkdag after it (Tue 26, Monday 25 is free) is late.
    expect(detecteerRetourTermijnAanbieder([heen('2026-05-19', '2026-05-26')], '2026-06-01', NU)[0].cijfers).toMatchObject({ laat: 1, maxWerkdagenTeLaat: 1 });
  });

  it('one signal per (domein, gemeente, aanbieder), info below 100 per mille not on time', () => {
    const rijen = [
      ...Array.from({ length: 11 }, () => heen('2026-05-06', '2026-05-07', { domein: 'jeugd', bericht: 'JW301' })),
      heen('2026-05-06', null, { domein: 'jeugd', bericht: 'JW301' }),
      heen('2026-05-06', null, { aanbieder: '87654321' }),
    ];
    const s = detecteerRetourTermijnAanbieder(rijen, '2026-06-01', NU);
    expect(s.map((x) => [x.domein, x.aanbieder, x.ernst, x.cijfers.nietOpTijdPromille])).toEqual([
      ['jeugd', '12345678', 'info', 83],
      ['wmo', '87654321', 'waarschuwing', 1000],
    ]);
  });
});
