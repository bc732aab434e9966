import { describe, expect, it } from 'vitest';
import { uitgaandeParameters } from './gateway-applicatie';

describe('uitgaandeParameters', () => {
  it('puts the bericht version in functieVersie/-Subversie as four digits (spec §2.6)', () => {
    expect(uitgaandeParameters('3', '2')).toEqual({ applicatieVersie: '0000', applicatieSubversie: '0001', functieVersie: '0003', functieSubversie: '0002' });
  });

  it('refuses a version that is not 1 to 4 digits', () => {
    expect(() => uitgaandeParameters('3.2', '0')).toThrow(/not 1 to 4 digits/);
  });
});
