import { describe, expect, it } from 'vitest';
import { scanXml } from '../../istandaarden';
import { ggkEnvelopVan } from './ggk-envelop.util';
import { retourcodesVan } from './retourcodes.util';
import { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';

describe('retourcodesVan', () => {
  it('lists every RetourCodes with the path of its element, Header first, never a value', () => {
    const xml =
      '<r:Bericht xmlns:r="urn:r"><r:Header><r:Afzender>123</r:Afzender><r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes></r:Header>' +
      '<r:Client><r:Bsn>999900006</r:Bsn><r:P><r:RetourCodes><r:RetourCode>9019</r:RetourCode><r:RetourCode>9326</r:RetourCode></r:RetourCodes></r:P>' +
      '<r:P><r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes></r:P></r:Client></r:Bericht>';
    const codes = retourcodesVan(scanXml(xml).root);
    expect(codes).toEqual([
      { locatie: '/Bericht/Header', codes: ['0200'] },
      { locatie: '/Bericht/Client/P[1]', codes: ['9019', '9326'] },
      { locatie: '/Bericht/Client/P[2]', codes: ['0200'] },
    ]);
    expect(JSON.stringify(codes)).not.toContain('999900006');
  });

  it('is empty for a retour without codes (fully approved)', () => {
    expect(retourcodesVan(scanXml('<Bericht><Header><Afzender>1</Afzender></Header></Bericht>').root)).toEqual([]);
  });
});

describe('vandaagInNederland', () => {
  it('is the date in Amsterdam, also around midnight UTC and in summer time', () => {
    expect(vandaagInNederland(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(vandaagInNederland(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
    expect(vandaagInNederland(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });
});

describe('ggkEnvelopVan', () => {
  it('reads the stored envelope of a GGK bericht; REST has none', () => {
    expect(ggkEnvelopVan({ kanaal: 'rest', envelope: null })).toBeNull();
    expect(ggkEnvelopVan({ kanaal: 'ggk', envelope: '{"soort":"Di01"}' })).toEqual({ soort: 'Di01' });
    expect(() => ggkEnvelopVan({ kanaal: 'ggk', envelope: null })).toThrow(/without its stored envelope/);
  });
});
