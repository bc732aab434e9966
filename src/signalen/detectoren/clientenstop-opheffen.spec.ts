import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerStopOpheffen, type BestedingsruimteStop } from './clientenstop-opheffen.detector';

const NU = '2026-09-14T04:00:00.000Z';
const STOP = '5b1e7c3a-9d2f-4e61-8a70-0f1e2d3c4b5a';
const RUIMTE = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';

const rij: BestedingsruimteStop = {
  stopId: STOP, contractId: '3f0c8a52-1c7e-4b7a-9e55-123456789012', domein: 'wmo', gemeente: '0363', aanbieder: '12345678',
  stopBegindatum: '2026-08-01', stopEinddatum: null, bestedingsruimteId: RUIMTE, periodeVan: '2026-01-01', periodeTot: '2026-12-31', versie: 1,
  budgetCenten: '100000000', besteedCenten: '98765432', keer100: 1,
};

describe('BR-STOP-OPHEFFEN (TCW art. 1.5.10): clientenstop.opheffen', () => {
  it('a running 1.5.9 stop while spent is below the amount: one signal with the room left, no client data', () => {
    const [s, ...meer] = detecteerStopOpheffen([rij], NU);
    expect(meer).toEqual([]);
    expect(s).toEqual({
      type: 'clientenstop.opheffen', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: rij.contractId,
      regel: 'CS Wmo art. 1.5.10', periode: { van: '2026-01-01', tot: '2026-12-31' },
      cijfers: {
        clientenstop: STOP, stopBegindatum: '2026-08-01', stopEinddatum: 'open', bestedingsruimteCenten: 100000000, besteedCenten: 98765432,
        ruimteCenten: 1234568, besteedPromille: 987, versie: 1, keer100: 1,
      },
      waargenomenOp: NU, dedupKey: `clientenstop-opheffen:${STOP}:${RUIMTE}:1`, ernst: 'waarschuwing',
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('near misses: spent at or above the amount gives nothing', () => {
    expect(detecteerStopOpheffen([{ ...rij, besteedCenten: '100000000' }], NU)).toEqual([]);
    expect(detecteerStopOpheffen([{ ...rij, besteedCenten: '100000001' }], NU)).toEqual([]);
    expect(detecteerStopOpheffen([{ ...rij, besteedCenten: '99999999' }], NU)[0].cijfers).toMatchObject({ ruimteCenten: 1, besteedPromille: 999 });
  });

  it('once per change: each fall below after a firing of 100 %, and each version or period, has its own key', () => {
    const keys = [rij, { ...rij, keer100: 2 }, { ...rij, bestedingsruimteId: 'a1b2c3d4-0000-4000-8000-000000000001', versie: 2 }].map(
      (r) => detecteerStopOpheffen([r], NU)[0].dedupKey,
    );
    expect(new Set(keys).size).toBe(3);
    // A stop registered before the amount was ever reached: room from the start, key 0.
    expect(detecteerStopOpheffen([{ ...rij, keer100: 0 }], NU)[0].dedupKey).toBe(`clientenstop-opheffen:${STOP}:${RUIMTE}:0`);
  });

  it('names the article per standard and carries the stop end when there is one', () => {
    const [s] = detecteerStopOpheffen([{ ...rij, domein: 'jeugd', stopEinddatum: '2026-10-31' }], NU);
    expect(s.regel).toBe('contractstandaard Jeugd, bestedingsruimte (Wmo art. 1.5.10; Jeugd article not in the sources)');
    expect(s.cijfers.stopEinddatum).toBe('2026-10-31');
  });
});
