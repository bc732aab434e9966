import { describe, expect, it } from 'vitest';
import { testSchemas, valideer, voorbeeld } from '../../../test/support/istandaarden';
import { buildRetourbericht, type RetourOordeel } from './retourbericht';
import { berichtDefinitie } from '../catalogus';

const HEENBERICHTEN = ['WMO301', 'WMO305', 'WMO307', 'WMO315', 'WMO317', 'WMO319', 'JW301', 'JW305', 'JW307', 'JW317', 'JW319'];

async function retour(naam: string, oordeel: (root: import('../xml/element').XmlElement) => RetourOordeel) {
  const heen = await valideer(voorbeeld(naam));
  if (!heen.root || !heen.definitie) throw new Error(`${naam} example not valid`);
  const retourDef = berichtDefinitie(heen.definitie.beantwoordDoor as string);
  if (!retourDef) throw new Error('no retour');
  const schemas = await testSchemas();
  const xml = buildRetourbericht(heen.root, heen.definitie, oordeel(heen.root), {
    identificatieRetour: 'R-0001',
    dagtekeningRetour: heen.root.textAt('Header', 'BerichtIdentificatie', 'Dagtekening') as string,
    xsdVersieRetour: schemas.xsdVersie(retourDef),
  });
  return { xml, verdict: await valideer(xml), retourNaam: retourDef.naam };
}

describe('buildRetourbericht', () => {
  for (const naam of HEENBERICHTEN) {
    it(`${naam}: an approved retour is only the Header, schema-valid, without RetourCodes`, async () => {
      const { xml, verdict, retourNaam } = await retour(naam, () => ({ soort: 'goedgekeurd' }));
      expect(verdict).toMatchObject({ bericht: retourNaam, valid: true, xsd: [], regels: [] });
      expect(xml).not.toContain('RetourCode');
      expect(xml).not.toContain(':Client>');
    });

    it(`${naam}: a level-2 retour carries 0001 in the Header only`, async () => {
      const { xml, verdict } = await retour(naam, () => ({ soort: 'header', retourCodes: ['0001'] }));
      expect(verdict.valid).toBe(true);
      expect(xml.match(/<\w+:RetourCode>/g)).toHaveLength(1);
      expect(xml).toContain('>0001</');
    });

    it(`${naam}: a level-3 retour copies the body with a code on every berichtklasse`, async () => {
      const { xml, verdict } = await retour(naam, () => ({ soort: 'klassen', codes: new Map() }));
      expect(verdict).toMatchObject({ valid: true, xsd: [], regels: [] });
      expect(xml).toMatch(/<\w+:Header>[\s\S]*<\w+:RetourCode>0200<\/\w+:RetourCode>[\s\S]*<\/\w+:Header>/);
    });
  }

  it('copies the heenbericht header whole: Afzender, Ontvanger and BerichtIdentificatie stay', async () => {
    const { xml } = await retour('WMO305', () => ({ soort: 'goedgekeurd' }));
    expect(xml).toContain('<wmo306:BerichtCode>419</wmo306:BerichtCode>');
    expect(xml).toContain('<wmo306:Afzender>65656055</wmo306:Afzender>');
    expect(xml).toMatch(/<wmo306:BerichtIdentificatie>\s*<iwmo:Identificatie>/);
    expect(xml).toContain('<wmo306:IdentificatieRetour>R-0001</wmo306:IdentificatieRetour>');
  });

  it('puts the given codes on the StartProduct it names (IV028 example: 9063)', async () => {
    const { xml, verdict } = await retour('WMO305', (root) => {
      const sp = root.at('Client', 'StartProducten', 'StartProduct');
      if (!sp) throw new Error('no StartProduct');
      return { soort: 'klassen', codes: new Map([[sp, ['9063']]]) };
    });
    expect(verdict.valid).toBe(true);
    expect(xml).toMatch(/<wmo306:StatusAanlevering>\d<\/wmo306:StatusAanlevering>\s*<wmo306:RetourCodes>\s*<wmo306:RetourCode>9063</);
  });

  it('refuses to build a retour for a bericht without one', async () => {
    const heen = await valideer(voorbeeld('WMO323'));
    expect(() => buildRetourbericht(heen.root!, heen.definitie!, { soort: 'goedgekeurd' }, { identificatieRetour: 'x', dagtekeningRetour: '2024-01-01', xsdVersieRetour: { basisschema: '1.0.0', bericht: '1.0.0' } })).toThrow(/no technical retourbericht/);
  });
});
