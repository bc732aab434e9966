import { describe, expect, it } from 'vitest';
import { valideer, voorbeeld } from '../../../test/support/istandaarden';
import { parseBericht } from './parse-bericht';

async function parsed(xml: string) {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error('example not valid');
  return parseBericht(v.root, v.definitie);
}

describe('parseBericht', () => {
  it('reads a WMO323 declaratie with codes as strings and amounts as integer eurocents', async () => {
    const b = await parsed(voorbeeld('WMO323'));
    expect(b.header).toMatchObject({ berichtCode: '484', afzender: '65656055', ontvanger: '0384', berichtIdentificatie: { identificatie: '765432198', dagtekening: '2023-05-06' } });
    if (b.inhoud.nummer !== '323') throw new Error('wrong type');
    const d = b.inhoud.declaratie;
    expect(d.declaratieNummer).toBe('DN001');
    expect(d.totaalIngediendBedrag).toEqual({ centen: 58000, debetCredit: 'D' });
    expect(d.clienten.map((c) => c.bsn)).toEqual(['999900006', '999900018']);
    expect(d.clienten[0].prestaties[0]).toEqual({
      referentieNummer: 'RN001', vorigReferentieNummer: null, toewijzingNummer: '20072', productCategorie: '01', productCode: '01A03',
      productPeriode: { begindatum: '2023-04-01', einddatum: '2023-04-30' }, geleverdVolume: 4, eenheid: '04', productTariefCenten: 1250,
      ingediendBedrag: { centen: 5000, debetCredit: 'D' },
    });
    const som = d.clienten.flatMap((c) => c.prestaties).reduce((s, p) => s + p.ingediendBedrag.centen, 0);
    expect(som).toBe(58000);
  });

  it('reads every example bericht of both standaarden', async () => {
    for (const naam of ['WMO301', 'WMO305', 'WMO306', 'WMO307', 'WMO315', 'WMO317', 'WMO319', 'WMO325', 'JW301', 'JW302', 'JW305', 'JW307', 'JW316', 'JW317', 'JW319', 'JW320', 'JW323', 'JW325']) {
      const b = await parsed(voorbeeld(naam));
      expect(b.inhoud.nummer, naam).toBe(naam.replace(/^\D+/, ''));
      expect(b.header.berichtIdentificatie.identificatie, naam).not.toBe('');
    }
  });

  it('reads 301 toegewezen producten with product, omvang and dates', async () => {
    const b = await parsed(voorbeeld('WMO301'));
    if (b.inhoud.nummer !== '301') throw new Error('wrong type');
    expect(b.inhoud.bsn).toBe('999900006');
    expect(b.inhoud.toegewezenProducten.length).toBeGreaterThan(0);
    const tp = b.inhoud.toegewezenProducten[0];
    expect(tp.toewijzingNummer).toMatch(/^\d+$/);
    expect(tp.ingangsdatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("reads the 301 Client's Geboortedatum with its DatumGebruik, not a Relatie's", async () => {
    const jw = await parsed(voorbeeld('JW301'));
    if (jw.inhoud.nummer !== '301') throw new Error('wrong type');
    expect(jw.inhoud.geboortedatum).toEqual({ datum: '2010-02-14', datumGebruik: null });
    const onzeker = await parsed(voorbeeld('JW301').replace('<ijw:Datum>2010-02-14</ijw:Datum>', '<ijw:Datum>2010-02-01</ijw:Datum><ijw:DatumGebruik>1</ijw:DatumGebruik>'));
    if (onzeker.inhoud.nummer !== '301') throw new Error('wrong type');
    expect(onzeker.inhoud.geboortedatum).toEqual({ datum: '2010-02-01', datumGebruik: '1' });
  });

  it('reads the same bericht under a default namespace', async () => {
    const xml = voorbeeld('WMO305')
      .replace(/<(\/?)wmo305:/g, '<$1')
      .replace('xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"', 'xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"');
    const b = await parsed(xml);
    const original = await parsed(voorbeeld('WMO305'));
    expect(b).toEqual(original);
  });
});
