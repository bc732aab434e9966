import { describe, expect, it } from 'vitest';
import { isElfproefBsn, vindPersoonsgegeven } from './privacy';
import type { Signaal } from './signaal.port';
import { controleerSignaal, SignaalError } from './signaal.writer';

function signaal(over: Partial<Signaal> = {}): Signaal {
  return {
    type: 'bestedingsruimte.70',
    version: 1,
    domein: 'wmo',
    gemeente: '0363',
    aanbieder: '12345678',
    contractId: '3f0c8a52-1c7e-4b7a-9e55-123456789012',
    regel: 'CS Wmo art. 1.5.7',
    periode: { van: '2026-01-01', tot: '2026-12-31' },
    cijfers: { bestedingsruimteCenten: 111222333, besteedCenten: 77855633, percentage: 70 },
    waargenomenOp: '2026-05-04T10:00:00.000Z',
    dedupKey: 'bestedingsruimte:3f0c8a52-1c7e-4b7a-9e55-123456789012:2026-01-01/2026-12-31:v1:70:1',
    ernst: 'waarschuwing',
    ...over,
  };
}

describe('signal privacy guard', () => {
  it('knows the 11-proef', () => {
    expect(isElfproefBsn('111222333')).toBe(true);
    expect(isElfproefBsn('999900006')).toBe(true);
    expect(isElfproefBsn('111222334')).toBe(false);
    expect(isElfproefBsn('000000000')).toBe(false);
  });

  it('accepts a signal with figures only, amounts in cents and uuids included', () => {
    expect(() => controleerSignaal(signaal())).not.toThrow();
  });

  it('refuses a BSN in any string, in a number outside the amounts, and known name fields', () => {
    expect(vindPersoonsgegeven(signaal({ regel: 'client 111222333' }))).toBe('$.regel');
    expect(vindPersoonsgegeven(signaal({ cijfers: { referentie: '999900006' } }))).toBe('$.cijfers.referentie');
    expect(vindPersoonsgegeven(signaal({ cijfers: { nummer: 111222333 } }))).toBe('$.cijfers.nummer');
    expect(vindPersoonsgegeven(signaal({ cijfers: { 'aantal.0611': 111222333 } }))).toBe('$.cijfers.aantal.0611');
    expect(vindPersoonsgegeven(signaal({ cijfers: { 'centen.0611': 111222333, afgewezenCenten: 111222333 } }))).toBeNull();
    expect(vindPersoonsgegeven(signaal({ dedupKey: 'x:111222333' }))).toBe('$.dedupKey');
    expect(vindPersoonsgegeven({ ...signaal(), client: { geslachtsnaam: 'Jansen' } })).toBe('$.client.geslachtsnaam');
    expect(vindPersoonsgegeven({ ...signaal(), Naam: 'x' })).toBe('$.Naam');
  });

  it('leaves 9-digit numbers that fail the 11-proef alone, and never repeats the value', () => {
    expect(vindPersoonsgegeven(signaal({ regel: 'kenmerk 111222334' }))).toBeNull();
    try {
      controleerSignaal(signaal({ regel: 'client 111222333' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SignaalError);
      expect(String((e as Error).message)).not.toContain('111222333');
    }
  });
});
