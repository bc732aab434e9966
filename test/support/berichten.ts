import { randomUUID } from 'node:crypto';
import { buildDi01, type GgkParameters, type GgkStuurgegevens } from '../../src/ggk/envelop';
import type { GgkEnvelopGegevens } from '../../src/ingest';
import { vervang, voorbeeld } from './istandaarden';

/**
 * Fixtures for the pipeline: the published WMO301/WMO305 examples, edited so that the 301 assigns
 * (gemeente 0363 to aanbieder 65656055) the toewijzing 300201 the 305 starts on. Test BSN 999900006.
 */
export const GEMEENTE = '0363';
export const AANBIEDER = '65656055';
export const BSN = '999900006';
export const PARAMETERS: GgkParameters = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };

/** Our WMO301: toewijzing 300201, 01/01A11, 2025-04-01 to 2025-12-31, without ReferentieAanbieder. */
export function wmo301(identificatie: string, toewijzingNummer = '300201'): string {
  let xml = voorbeeld('WMO301');
  xml = vervang(xml, '<wmo301:Afzender>0384</wmo301:Afzender>', `<wmo301:Afzender>${GEMEENTE}</wmo301:Afzender>`);
  xml = vervang(xml, '<wmo301:Ontvanger>42420001</wmo301:Ontvanger>', `<wmo301:Ontvanger>${AANBIEDER}</wmo301:Ontvanger>`);
  xml = vervang(xml, '<iwmo:Identificatie>123456789012</iwmo:Identificatie>', `<iwmo:Identificatie>${identificatie}</iwmo:Identificatie>`);
  xml = vervang(xml, '<iwmo:Dagtekening>2023-08-13</iwmo:Dagtekening>', '<iwmo:Dagtekening>2025-03-20</iwmo:Dagtekening>');
  xml = vervang(xml, '<wmo301:ToewijzingNummer>101</wmo301:ToewijzingNummer>', `<wmo301:ToewijzingNummer>${toewijzingNummer}</wmo301:ToewijzingNummer>`);
  xml = vervang(xml, /\s*<wmo301:ReferentieAanbieder>42420002<\/wmo301:ReferentieAanbieder>/, '');
  xml = vervang(xml, '<iwmo:Code>01A01</iwmo:Code>', '<iwmo:Code>01A11</iwmo:Code>');
  xml = vervang(xml, '<wmo301:Toewijzingsdatum>2023-08-13</wmo301:Toewijzingsdatum>', '<wmo301:Toewijzingsdatum>2025-03-20</wmo301:Toewijzingsdatum>');
  xml = vervang(xml, '<wmo301:Ingangsdatum>2023-01-01</wmo301:Ingangsdatum>', '<wmo301:Ingangsdatum>2025-04-01</wmo301:Ingangsdatum>');
  return vervang(xml, '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>', '<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>');
}

/** A WMO305 starting toewijzing 300201 on 2025-04-03 (the second StartProduct of the example removed). */
export function wmo305(identificatie: string, toewijzingNummer = '300201'): string {
  let xml = voorbeeld('WMO305');
  xml = vervang(xml, /\s*<wmo305:StartProduct>\s*<wmo305:ToewijzingNummer>300202<\/wmo305:ToewijzingNummer>[\s\S]*?<\/wmo305:StartProduct>/, '');
  xml = vervang(xml, '<iwmo:Identificatie>123456789013</iwmo:Identificatie>', `<iwmo:Identificatie>${identificatie}</iwmo:Identificatie>`);
  return vervang(xml, '<wmo305:ToewijzingNummer>300201</wmo305:ToewijzingNummer>', `<wmo305:ToewijzingNummer>${toewijzingNummer}</wmo305:ToewijzingNummer>`);
}

/** The stuurgegevens of a Di01 from the aanbieder to us, as parseGgkRequest reads them. */
export function di01Envelop(functie: string, referentienummer: string = randomUUID()): GgkEnvelopGegevens {
  const stuurgegevens: GgkStuurgegevens = {
    berichtcode: 'Di01',
    zender: { organisatie: AANBIEDER, applicatie: 'Zorgsysteem' },
    ontvanger: { organisatie: GEMEENTE, applicatie: 'GGk' },
    referentienummer,
    tijdstipBericht: '20250405120000000',
    functie,
  };
  return { soort: 'Di01', stuurgegevens, parameters: PARAMETERS };
}

/** A SOAP ggk_Di01 request from the aanbieder (via the GGK) to us around an iWmo bericht. */
export function soapDi01(bericht: string, functie: string, referentienummer: string = randomUUID()): { xml: string; referentienummer: string } {
  const env = buildDi01({ zender: { organisatie: AANBIEDER, applicatie: 'Zorgsysteem' }, ontvanger: GEMEENTE, functie, parameters: PARAMETERS, bericht, referentienummer });
  return { xml: env.xml, referentienummer: env.referentienummer };
}
