import { describe, expect, it } from 'vitest';
import { testSchemas, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie, parseBericht, validateBericht } from '../../istandaarden';
import { registerSloten, slotNummers } from './register-sloten.util';

async function sloten(naam: string, xml = voorbeeld(naam)): Promise<string[]> {
  const v = validateBericht(Buffer.from(xml), await testSchemas());
  const def = berichtDefinitie(naam);
  if (!v.root || !def) throw new Error(`${naam} fixture not valid`);
  return registerSloten(def, parseBericht(v.root, def));
}

describe('registerSloten', () => {
  it('a 305 locks its TR056 key, the client and every toewijzing it starts on (normalised)', async () => {
    expect(await sloten('WMO305')).toEqual([
      'bericht|wmo|418|65656055|123456789013',
      'client|wmo|0363|65656055|999900006',
      'toewijzing|wmo|0363|300201',
      'toewijzing|wmo|0363|300202',
    ]);
  });

  it('our 301 locks the same toewijzing and client keys as the aanbieder side (gemeente = Afzender)', async () => {
    const s = await sloten('WMO301');
    expect(s).toContain('client|wmo|0384|42420001|999900006');
    expect(s).toContain('toewijzing|wmo|0384|101');
    expect(s).toContain('verzoek|wmo|42420001|42420002');
  });

  it('a 315 locks the client (TR374) and its ReferentieAanbieders (TR347); a 319 its verzoek', async () => {
    expect((await sloten('WMO315')).filter((s) => !s.startsWith('bericht|')).map((s) => s.split('|')[0])).toEqual(expect.arrayContaining(['client', 'verzoek']));
    expect((await sloten('WMO319')).some((s) => s.startsWith('verzoek|wmo|'))).toBe(true);
  });

  it('keeps iWmo and iJw apart', async () => {
    expect((await sloten('JW305')).every((s) => s.split('|')[1] === 'jeugd')).toBe(true);
  });
});

describe('slotNummers', () => {
  it('gives distinct 64-bit numbers in ascending order, the same for the same names', () => {
    const a = slotNummers(['b', 'a', 'c', 'a']);
    expect(a).toHaveLength(3);
    expect([...a].sort((x, y) => (x < y ? -1 : 1))).toEqual(a);
    expect(slotNummers(['c', 'b', 'a'])).toEqual(a);
    for (const n of a) expect(n >= -(2n ** 63n) && n < 2n ** 63n).toBe(true);
  });
});
