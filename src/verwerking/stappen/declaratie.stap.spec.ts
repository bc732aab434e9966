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
});
