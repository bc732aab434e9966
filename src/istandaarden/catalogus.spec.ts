import { describe, expect, it } from 'vitest';
import { BERICHTEN, berichtDefinitie, berichtVoorNamespace } from './catalogus';

describe('catalogus', () => {
  it('holds the 28 berichten of iWmo 3.2 and iJw 3.2, 303/304 not among them', () => {
    expect(BERICHTEN).toHaveLength(28);
    expect(new Set(BERICHTEN.map((b) => b.naam)).size).toBe(28);
    expect(BERICHTEN.some((b) => b.nummer === ('303' as string))).toBe(false);
  });

  it('has the BerichtCodes of the XSDs and COD002', () => {
    const codes = Object.fromEntries(BERICHTEN.map((b) => [b.naam, b.berichtCode]));
    expect(codes).toMatchObject({
      WMO301: '414', WMO302: '415', WMO305: '418', WMO306: '419', WMO307: '420', WMO308: '421', WMO315: '444',
      WMO316: '445', WMO317: '480', WMO318: '481', WMO319: '482', WMO320: '483', WMO323: '484', WMO325: '485',
      JW301: '436', JW302: '437', JW305: '438', JW306: '439', JW307: '440', JW308: '441', JW315: '446',
      JW316: '447', JW317: '486', JW318: '487', JW319: '488', JW320: '489', JW323: '490', JW325: '491',
    });
  });

  it('knows which bericht answers which, and the direction', () => {
    expect(berichtDefinitie('WMO305')).toMatchObject({ beantwoordDoor: 'WMO306', richting: 'aanbieder-naar-gemeente', isRetour: false, domein: 'wmo' });
    expect(berichtDefinitie('JW323')).toMatchObject({ beantwoordDoor: 'JW325', domein: 'jeugd' });
    expect(berichtDefinitie('JW301')).toMatchObject({ beantwoordDoor: 'JW302', richting: 'gemeente-naar-aanbieder' });
    expect(berichtDefinitie('WMO325')).toMatchObject({ beantwoordDoor: null, isRetour: false });
    expect(berichtDefinitie('WMO318')).toMatchObject({ beantwoordDoor: null, isRetour: true });
  });

  it('maps namespaces (lower case, as in the XSDs) to berichten', () => {
    expect(berichtVoorNamespace('http://www.istandaarden.nl/iwmo/3_2/wmo323/schema')?.naam).toBe('WMO323');
    expect(berichtVoorNamespace('http://www.istandaarden.nl/ijw/3_2/jw315/schema')?.naam).toBe('JW315');
    expect(berichtVoorNamespace('http://www.istandaarden.nl/iWmo/3_2/wmo323/schema')).toBeUndefined();
    expect(berichtVoorNamespace('http://www.istandaarden.nl/iwmo/3_1/wmo323/schema')).toBeUndefined();
  });
});
