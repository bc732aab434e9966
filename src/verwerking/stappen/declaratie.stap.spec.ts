import { describe, expect, it } from 'vitest';
import { controleerSignaal } from '../../signalen/signaal.writer';
import { uitvalDedupKey } from './declaratie.stap';

describe('declaratie.uitval dedupKey', () => {
  it('is a valid AMQP message id for any Identificatie, equal for a replay and different per bericht', () => {
    const key = uitvalDedupKey('wmo', '65656055', 'id met spatie|&<>é', '2025-05-06');
    expect(() =>
      controleerSignaal({
        type: 'declaratie.uitval', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '65656055', contractId: null, regel: 'IV087',
        periode: null, cijfers: { 'aantal.0611': 1 }, waargenomenOp: '2025-05-07T10:00:00Z', dedupKey: key, ernst: 'waarschuwing',
      }),
    ).not.toThrow();
    expect(uitvalDedupKey('wmo', '65656055', 'id met spatie|&<>é', '2025-05-06')).toBe(key);
    expect(uitvalDedupKey('wmo', '65656055', 'id met spatie|&<>é', '2025-05-07')).not.toBe(key);
  });

  it('never holds a 9-digit run, so the BSN guard cannot refuse it (D70 of 2026-03-02 made one in hex)', () => {
    const key = uitvalDedupKey('wmo', '65656055', 'D70', '2026-03-02');
    expect(key).not.toMatch(/\d{9}/);
    for (let i = 0; i < 2000; i++) expect(uitvalDedupKey('wmo', '65656055', `D${i}`, '2026-03-02').split(':')[3]).toMatch(/^[a-p]{32}$/);
  });

  it('lets rejected amounts of 8-9 digits through as centen.<retourcode> (10000008 passes the 11-proef)', () => {
    expect(() =>
      controleerSignaal({
        type: 'declaratie.uitval', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '65656055', contractId: null, regel: 'IV087',
        periode: null, cijfers: { 'aantal.0611': 1, 'centen.0611': 10000008 }, waargenomenOp: '2026-03-03T10:00:00Z',
        dedupKey: uitvalDedupKey('wmo', '65656055', 'D70', '2026-03-02'), ernst: 'waarschuwing',
      }),
    ).not.toThrow();
  });
});
