import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import type { CbsGemeentecodes, OverstijgendContext, OverstijgendOordeel } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import type { RegisterMutatie } from './mutaties';

// Official WMO305: aanbieder 65656055 to gemeente 0363, Identificatie 123456789013, Dagtekening 2025-04-05.
async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

function register(...mutaties: RegisterMutatie[]): InMemoryRegister {
  const r = new InMemoryRegister();
  const t = (nummer: string, code: string): RegisterMutatie => ({
    soort: 'toewijzing-versie', domein: 'wmo',
    versie: { gemeente: '0363', toewijzingNummer: nummer, aanbieder: '65656055', bsn: '999900006', referentieAanbieder: null, product: { categorie: '01', code }, toewijzingsdatum: '2025-03-20', toewijzingstijd: '10:00:00', ingangsdatum: '2025-04-01', einddatum: '2025-12-31', redenWijziging: null, omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budgetCenten: null },
  });
  r.pasToe([t('300201', '01A11'), t('300202', '01A12'), ...mutaties]);
  return r;
}

const geregistreerd = (o: Partial<Extract<RegisterMutatie, { soort: 'bericht-geregistreerd' }>>): RegisterMutatie => ({
  soort: 'bericht-geregistreerd', domein: 'wmo', berichtCode: '418', afzender: '65656055', identificatie: '123456789013', dagtekening: '2025-01-01', ...o,
});

async function oordeel(r: InMemoryRegister, xml: string, context: Partial<OverstijgendContext> = {}): Promise<OverstijgendOordeel> {
  return beoordeelOverstijgend(await lees(xml), r, { vandaag: '2025-12-31', ...context });
}

const cbs = (geldig: Record<string, [string, string]>): CbsGemeentecodes => ({
  bestaatOp: (code, datum) => code in geldig && geldig[code][0] <= datum && datum <= geldig[code][1],
});

describe('TR056 Identificatie unique per berichtsoort per sender (9056)', () => {
  it('TR056: an Identificatie this aanbieder used for an approved 305 before gets 9056 in the Header only', async () => {
    const o = await oordeel(register(geregistreerd({})), voorbeeld('WMO305'));
    expect(o).toMatchObject({ soort: 'header', retourCodes: ['9056'] });
    expect(o.bevindingen).toEqual([{ code: 'TR056', retourcode: '9056', locatie: ['/Bericht/Header/BerichtIdentificatie'] }]);
  });

  it('TR056: the Dagtekening is not part of the key', async () => {
    expect(await oordeel(register(geregistreerd({ dagtekening: '2025-04-05' })), voorbeeld('WMO305'))).toMatchObject({ soort: 'header', retourCodes: ['9056'] });
  });

  it('TR056 near miss: the same Identificatie on another berichtsoort, from another sender or in the other domain is fine', async () => {
    const r = register(geregistreerd({ berichtCode: '420' }), geregistreerd({ afzender: '11112222' }), geregistreerd({ domein: 'jeugd', berichtCode: '438' }));
    expect(await oordeel(r, voorbeeld('WMO305'))).toMatchObject({ soort: 'goedgekeurd' });
  });
});

describe('TR135 Dagtekening not after the system date (8848)', () => {
  it('TR135: Dagtekening 2025-04-05 judged on 2025-04-04 gets 8848 in the Header', async () => {
    expect(await oordeel(register(), voorbeeld('WMO305'), { vandaag: '2025-04-04' })).toMatchObject({ soort: 'header', retourCodes: ['8848'] });
  });

  it('TR135 near miss: judged on the Dagtekening itself it is approved', async () => {
    expect(await oordeel(register(), voorbeeld('WMO305'), { vandaag: '2025-04-05' })).toMatchObject({ soort: 'goedgekeurd' });
  });

  it('TR135: Header codes come alone: the class rules are not reported with them', async () => {
    const o = await oordeel(new InMemoryRegister(), voorbeeld('WMO305'), { vandaag: '2025-04-04' });
    expect(o).toMatchObject({ soort: 'header', retourCodes: ['8848'] });
    expect(o.bevindingen.map((b) => b.retourcode)).toEqual(['8848']);
  });
});

describe('TR378 gemeentecode in the CBS list (S300), only with an injected list', () => {
  it('TR378: Ontvanger 0363 absent from the CBS list gets S300 in the Header', async () => {
    expect(await oordeel(register(), voorbeeld('WMO305'), { gemeenteCodes: cbs({ '0384': ['1900-01-01', '9999-12-31'] }) })).toMatchObject({ soort: 'header', retourCodes: ['S300'] });
  });

  it('TR378 near miss: with 0363 in the list, or without a list (rule skipped), it is approved', async () => {
    expect(await oordeel(register(), voorbeeld('WMO305'), { gemeenteCodes: cbs({ '0363': ['1900-01-01', '9999-12-31'] }) })).toMatchObject({ soort: 'goedgekeurd' });
    expect(await oordeel(register(), voorbeeld('WMO305'))).toMatchObject({ soort: 'goedgekeurd' });
  });

  it('TR378 near miss (interpretation): our 301 for a code ended by a herindeling passes on its Ingangsdatum', async () => {
    const r = new InMemoryRegister();
    r.pasToe([{ soort: 'verzoek-geopend', domein: 'wmo', verzoek: { gemeente: '0384', aanbieder: '42420001', bsn: '999900006', referentieAanbieder: '42420002', berichtNummer: '315', status: 'open', inOnderzoek: false } }]);
    const tot2023 = { '0384': ['1900-01-01', '2023-06-30'] as [string, string] };
    expect(await oordeel(r, voorbeeld('WMO301'), { gemeenteCodes: cbs(tot2023) })).toMatchObject({ soort: 'goedgekeurd' });
    const laterIngang = vervang(voorbeeld('WMO301'), '<wmo301:Ingangsdatum>2023-01-01</wmo301:Ingangsdatum>', '<wmo301:Ingangsdatum>2023-07-01</wmo301:Ingangsdatum>');
    expect(await oordeel(r, laterIngang, { gemeenteCodes: cbs(tot2023) })).toMatchObject({ soort: 'header', retourCodes: ['S300'] });
  });
});
