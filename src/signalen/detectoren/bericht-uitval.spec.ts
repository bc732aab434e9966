import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerBerichtUitval, type VerwerktHeenbericht } from './bericht-uitval.detector';

const NU = '2026-05-01T04:00:00.000Z';
const b = (status: VerwerktHeenbericht['status'], retourcodes: string[], o: Partial<VerwerktHeenbericht> = {}): VerwerktHeenbericht => ({
  domein: 'wmo', gemeente: '0363', aanbieder: '12345678', status, retourcodes, ...o,
});

describe('BERICHT-UITVAL (HR §16): bericht.uitval-maand', () => {
  it('per aanbieder: heenberichten, rejected, in uitval, and each RetourCode of the retours (0200 is not a rejection)', () => {
    const [s, ...meer] = detecteerBerichtUitval(
      [
        b('verwerkt', ['0200']),
        b('verwerkt', ['0200']),
        b('afgekeurd', ['0200', '8001', '9074']), // header 0200, a class rejected
        b('afgekeurd', ['0001']),
        b('afgekeurd', ['9056']),
        b('uitval', []),
        b('afgekeurd', ['0200', '9074'], { aanbieder: '87654321', domein: 'jeugd' }),
      ],
      '2026-05-01',
      NU,
    );
    expect(s).toEqual({
      type: 'bericht.uitval-maand', version: 1, domein: 'jeugd', gemeente: '0363', aanbieder: '87654321', contractId: null, regel: 'HR §16',
      periode: { van: '2026-04-01', tot: '2026-04-30' }, cijfers: { berichten: 1, afgekeurd: 1, uitval: 0, nietVerwerktPromille: 1000, 'aantal.9074': 1 },
      waargenomenOp: NU, dedupKey: 'bericht-uitval-maand:jeugd:0363:87654321:2026-04', ernst: 'waarschuwing',
    });
    expect(meer[0].cijfers).toEqual({ berichten: 6, afgekeurd: 3, uitval: 1, nietVerwerktPromille: 667, 'aantal.0001': 1, 'aantal.8001': 1, 'aantal.9056': 1, 'aantal.9074': 1 });
    for (const x of [s, ...meer]) {
      expect(() => controleerSignaal(x)).not.toThrow();
      expect(vindPersoonsgegeven(x)).toBeNull();
    }
  });

  it('near misses: all processed cleanly gives nothing; a low share is info', () => {
    expect(detecteerBerichtUitval([b('verwerkt', ['0200']), b('verwerkt', [])], '2026-05-01', NU)).toEqual([]);
    const veel = [...Array.from({ length: 10 }, () => b('verwerkt', ['0200'])), b('afgekeurd', ['9074'])];
    expect(detecteerBerichtUitval(veel, '2026-05-01', NU)[0]).toMatchObject({ ernst: 'info', cijfers: { nietVerwerktPromille: 91 } });
  });
});
