import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerTermijnAanbieder, werkdagenTeLaat, type StartStopMelding } from './termijn-aanbieder.detector';

const NU = '2026-05-04T06:00:00.000Z';
const VANDAAG = '2026-05-04'; // measures April 2026: tweede Paasdag 6 April, Koningsdag Monday 27 April

const start = (datum: string, dagtekening: string, extra: Partial<StartStopMelding> = {}): StartStopMelding => ({
  domein: 'wmo', gemeente: '0363', aanbieder: '12345678', soort: 'start', datum, dagtekening, toewijzingsdatum: null, naTijdelijkeStop: false, ...extra,
});
const stop = (datum: string, dagtekening: string, extra: Partial<StartStopMelding> = {}): StartStopMelding => start(datum, dagtekening, { soort: 'stop', ...extra });

describe('werkdagenTeLaat: 5 werkdagen after the Begindatum/Einddatum, the Dagtekening included', () => {
  it('OP271 start: on the 5th werkdag in time, the werkdag after it late', () => {
    expect(werkdagenTeLaat(start('2026-04-13', '2026-04-20'))).toBe(0); // Mon → Mon: 5 werkdagen
    expect(werkdagenTeLaat(start('2026-04-13', '2026-04-21'))).toBe(1);
    expect(werkdagenTeLaat(start('2026-04-13', '2026-04-13'))).toBe(0);
    expect(werkdagenTeLaat(start('2026-04-13', '2026-04-10'))).toBe(0); // dated before the start
  });

  it('OP271 start: a holiday in between moves the boundary (tweede Paasdag), a free day right after it is in time', () => {
    expect(werkdagenTeLaat(start('2026-04-02', '2026-04-10'))).toBe(0); // Fri 3, (Mon 6 free), Tue 7 … Fri 10
    expect(werkdagenTeLaat(start('2026-04-02', '2026-04-11'))).toBe(0); // Saturday: no 6th werkdag yet
    expect(werkdagenTeLaat(start('2026-04-02', '2026-04-13'))).toBe(1);
    expect(werkdagenTeLaat(start('2026-04-02', '2026-04-24'))).toBe(10);
  });

  it('OP271 start after a retroactive 301: counted from the first Toewijzingsdatum', () => {
    expect(werkdagenTeLaat(start('2026-03-02', '2026-04-21', { toewijzingsdatum: '2026-04-14' }))).toBe(0);
    expect(werkdagenTeLaat(start('2026-03-02', '2026-04-22', { toewijzingsdatum: '2026-04-14' }))).toBe(1);
    expect(werkdagenTeLaat(start('2026-04-13', '2026-04-21', { toewijzingsdatum: '2026-04-01' }))).toBe(1); // an earlier toewijzing changes nothing
  });

  it('OP272 stop: boundary on either side of Koningsdag', () => {
    expect(werkdagenTeLaat(stop('2026-04-22', '2026-04-30'))).toBe(0); // Thu 23, Fri 24, (Mon 27 free), Tue 28, Wed 29, Thu 30
    expect(werkdagenTeLaat(stop('2026-04-21', '2026-04-30'))).toBe(1);
    expect(werkdagenTeLaat(stop('2026-04-21', '2026-04-29'))).toBe(0);
  });

  it('OP272 definitive stop after a temporary one: not measured (its term runs from "knowing")', () => {
    expect(werkdagenTeLaat(stop('2026-03-02', '2026-04-30', { naTijdelijkeStop: true }))).toBeNull();
    expect(werkdagenTeLaat(start('2026-03-02', '2026-04-30', { naTijdelijkeStop: true }))).toBe(36); // a start is always measured: 21 + 20 werkdagen − 5
  });
});

describe('termijn.aanbieder (OP271, OP272)', () => {
  it('OP271 and OP272 late: one figure per (domein, gemeente, aanbieder) for the previous month', () => {
    const rijen = [
      start('2026-04-13', '2026-04-20'), // in time
      start('2026-04-02', '2026-04-13'), // 1 late
      stop('2026-04-21', '2026-04-30'), // 1 late
      stop('2026-04-22', '2026-04-30'), // in time
      stop('2026-03-02', '2026-04-30', { naTijdelijkeStop: true }), // not measured
      start('2026-03-02', '2026-03-31'), // dated in March: another month
      start('2026-03-02', '2026-04-24', { aanbieder: '87654321' }), // 21 werkdagen in March after the 2nd, 17 in April − 5
      start('2026-04-20', '2026-04-24', { gemeente: '0384' }), // in time: no signal
    ];
    const signalen = detecteerTermijnAanbieder(rijen, VANDAAG, NU);
    for (const s of signalen) {
      expect(() => controleerSignaal(s)).not.toThrow();
      expect(vindPersoonsgegeven(s)).toBeNull();
    }
    expect(signalen).toEqual([
      {
        type: 'termijn.aanbieder', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: null, regel: 'OP271, OP272',
        periode: { van: '2026-04-01', tot: '2026-04-30' },
        cijfers: { starts: 2, startsLaat: 1, stops: 2, stopsLaat: 1, laatPromille: 500, maxWerkdagenTeLaat: 1 },
        waargenomenOp: NU, dedupKey: 'termijn-aanbieder:wmo:0363:12345678:2026-04', ernst: 'waarschuwing',
      },
      expect.objectContaining({
        aanbieder: '87654321', dedupKey: 'termijn-aanbieder:wmo:0363:87654321:2026-04',
        cijfers: { starts: 1, startsLaat: 1, stops: 0, stopsLaat: 0, laatPromille: 1000, maxWerkdagenTeLaat: 33 },
      }),
    ]);
  });

  it('OP271 and OP272 on the boundary or not late: no signal', () => {
    expect(detecteerTermijnAanbieder([start('2026-04-02', '2026-04-10'), start('2026-04-13', '2026-04-20'), stop('2026-04-22', '2026-04-30')], VANDAAG, NU)).toEqual([]);
    expect(detecteerTermijnAanbieder([], VANDAAG, NU)).toEqual([]);
  });

  it('ernst: waarschuwing from 100 ‰ late, info below', () => {
    const inTijd = (n: number) => Array.from({ length: n }, () => start('2026-04-13', '2026-04-20'));
    const laat = stop('2026-04-21', '2026-04-30');
    expect(detecteerTermijnAanbieder([laat, ...inTijd(9)], VANDAAG, NU)[0]).toMatchObject({ ernst: 'waarschuwing', cijfers: { laatPromille: 100 } });
    expect(detecteerTermijnAanbieder([laat, ...inTijd(10)], VANDAAG, NU)[0]).toMatchObject({ ernst: 'info', cijfers: { laatPromille: 91 } });
  });
});
