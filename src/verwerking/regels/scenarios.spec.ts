import { describe, expect, it } from 'vitest';
import { testSchemas, valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie, buildRetourbericht, type XmlElement } from '../../istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import type { OverstijgendOordeel } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import { mutatiesVoor } from './mutaties';

// istandaarden-3.2.md §10, end to end against the InMemoryRegister: bericht -> oordeel -> retour
// (built and validated) -> mutations of approved berichten applied -> next bericht.
// Gemeente 0384, aanbieder 12345678, client 999900006, toewijzing T1 300201 01/01A11
// 2025-04-01..2025-12-31, 4 uur per week, sent by us as a 301 first.
const VANDAAG = '2025-07-31';
let teller = 0;

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

/** Judges the bericht; when approved, applies its mutations (as the service does in the bericht's transaction). */
async function verwerk(r: InMemoryRegister, xml: string): Promise<{ bericht: TeBeoordelenBericht; oordeel: OverstijgendOordeel }> {
  const bericht = await lees(xml);
  const oordeel = await beoordeelOverstijgend(bericht, r, { vandaag: VANDAAG });
  if (oordeel.soort === 'goedgekeurd') r.pasToe(mutatiesVoor(bericht));
  return { bericht, oordeel };
}

/** Builds the technical retour, checks it is valid, and returns its tree. */
async function retour(b: TeBeoordelenBericht, oordeel: OverstijgendOordeel): Promise<XmlElement> {
  const retourDef = berichtDefinitie(b.def.beantwoordDoor ?? '');
  if (!retourDef) throw new Error('no retour');
  const xml = buildRetourbericht(b.root, b.def, oordeel, { identificatieRetour: `R${++teller}`, dagtekeningRetour: VANDAAG, xsdVersieRetour: (await testSchemas()).xsdVersie(retourDef) });
  const v = await valideer(xml);
  expect(v).toMatchObject({ bericht: retourDef.naam, valid: true });
  return v.root as XmlElement;
}

const codesOp = (root: XmlElement, ...pad: string[]): string[] => root.at(...pad, 'RetourCodes')?.children.map((c) => c.text) ?? [];

function t1301(): string {
  let xml = voorbeeld('WMO301');
  for (const [van, naar] of [
    ['<wmo301:Ontvanger>42420001</wmo301:Ontvanger>', '<wmo301:Ontvanger>12345678</wmo301:Ontvanger>'],
    ['<iwmo:Dagtekening>2023-08-13</iwmo:Dagtekening>', '<iwmo:Dagtekening>2025-03-25</iwmo:Dagtekening>'],
    ['<wmo301:ToewijzingNummer>101</wmo301:ToewijzingNummer>', '<wmo301:ToewijzingNummer>300201</wmo301:ToewijzingNummer>'],
    ['<wmo301:ReferentieAanbieder>42420002</wmo301:ReferentieAanbieder>', ''],
    ['<iwmo:Code>01A01</iwmo:Code>', '<iwmo:Code>01A11</iwmo:Code>'],
    ['<wmo301:Toewijzingsdatum>2023-08-13</wmo301:Toewijzingsdatum>', '<wmo301:Toewijzingsdatum>2025-03-25</wmo301:Toewijzingsdatum>'],
    ['<wmo301:Ingangsdatum>2023-01-01</wmo301:Ingangsdatum>', '<wmo301:Ingangsdatum>2025-04-01</wmo301:Ingangsdatum>'],
    ['<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>', '<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>'],
    [/<iwmo:Volume>10<\/iwmo:Volume>\s*<iwmo:Eenheid>01<\/iwmo:Eenheid>\s*<iwmo:Frequentie>1</, '<iwmo:Volume>4</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2<'],
  ] as const) xml = vervang(xml, van, naar);
  return xml;
}

/** WMO305/WMO307 from aanbieder 12345678 to gemeente 0384 with one product line on T1 (or another number). */
function regiebericht(nr: '305' | '307', r: { nummer?: string; begindatum?: string; status?: string; reden?: string; einddatum?: string }): string {
  const p = `wmo${nr}`;
  const el = nr === '305' ? 'StartProduct' : 'StopProduct';
  const stop = nr === '307' ? `<${p}:RedenBeeindiging>${r.reden}</${p}:RedenBeeindiging><${p}:Einddatum>${r.einddatum}</${p}:Einddatum>` : '';
  const regel = `<${p}:${el}><${p}:ToewijzingNummer>${r.nummer ?? '300201'}</${p}:ToewijzingNummer><${p}:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>01A11</iwmo:Code></${p}:Product>` +
    `<${p}:ToewijzingIngangsdatum>2025-04-01</${p}:ToewijzingIngangsdatum><${p}:Begindatum>${r.begindatum ?? '2025-04-03'}</${p}:Begindatum>${stop}<${p}:StatusAanlevering>${r.status ?? '1'}</${p}:StatusAanlevering></${p}:${el}>`;
  let xml = vervang(voorbeeld(`WMO${nr}`), new RegExp(`<${p}:${el}en>[\\s\\S]*</${p}:${el}en>`), `<${p}:${el}en>${regel}</${p}:${el}en>`);
  xml = vervang(xml, `<${p}:Afzender>65656055</${p}:Afzender>`, `<${p}:Afzender>12345678</${p}:Afzender>`);
  xml = vervang(xml, `<${p}:Ontvanger>0363</${p}:Ontvanger>`, `<${p}:Ontvanger>0384</${p}:Ontvanger>`);
  return vervang(xml, /<iwmo:Identificatie>\d+<\/iwmo:Identificatie>/, `<iwmo:Identificatie>${nr === '305' ? 'S' : 'E'}-${++teller}</iwmo:Identificatie>`);
}

async function metT1(): Promise<InMemoryRegister> {
  const r = new InMemoryRegister();
  expect((await verwerk(r, t1301())).oordeel.soort).toBe('goedgekeurd');
  return r;
}

describe('§10 scenario 1: clean start', () => {
  it('TR019/TR326 clean: the 306 is the Header only, without RetourCodes or Client, and the levering is actual', async () => {
    const r = await metT1();
    const { bericht, oordeel } = await verwerk(r, regiebericht('305', {}));
    expect(oordeel).toMatchObject({ soort: 'goedgekeurd' });
    const root = await retour(bericht, oordeel);
    expect(root.child('Client')).toBeUndefined();
    expect(root.at('Header', 'RetourCodes')).toBeUndefined();
    expect([root.textAt('Header', 'Afzender'), root.textAt('Header', 'Ontvanger')]).toEqual(['12345678', '0384']);
    const leveringen = await r.leveringen('wmo', { gemeente: '0384', aanbieder: '12345678', bsn: '999900006', toewijzingNummer: '300201' });
    expect(leveringen.map((l) => [l.soort, l.begindatum, l.status])).toEqual([['start', '2025-04-03', 'actueel']]);
  });
});

describe('§10 scenario 2: start on an unknown toewijzing', () => {
  for (const [titel, nummer, voorbereiding] of [
    ['TR019: ToewijzingNummer 999999', '999999', async () => metT1()],
    ['TR019 (interpretation): 300201 assigned to another AGB', '300201', async () => {
      const r = new InMemoryRegister();
      r.pasToe(mutatiesVoor(await lees(vervang(t1301(), '<wmo301:Ontvanger>12345678</wmo301:Ontvanger>', '<wmo301:Ontvanger>87654321</wmo301:Ontvanger>'))));
      return r;
    }],
  ] as const) {
    it(`${titel}: 306 with Header 0200, Client 0200, StartProduct 9019; nothing stored`, async () => {
      const r = await voorbereiding();
      const { bericht, oordeel } = await verwerk(r, regiebericht('305', { nummer }));
      const root = await retour(bericht, oordeel);
      expect(codesOp(root, 'Header')).toEqual(['0200']);
      expect(codesOp(root, 'Client')).toEqual(['0200']);
      expect(codesOp(root, 'Client', 'StartProducten', 'StartProduct')).toEqual(['9019']);
      expect(await r.leveringen('wmo', { gemeente: '0384', aanbieder: '12345678', bsn: '999900006', toewijzingNummer: nummer })).toEqual([]);
    });
  }
});

describe('§10 scenario 3: double start', () => {
  it('TR326, TR074, TR063, TR071 in sequence, each with the code on the StartProduct of a valid 306', async () => {
    const r = await metT1();
    await verwerk(r, regiebericht('305', {}));
    const verwacht = async (xml: string, code: string) => {
      const { bericht, oordeel } = await verwerk(r, xml);
      const root = await retour(bericht, oordeel);
      expect([codesOp(root, 'Header'), codesOp(root, 'Client'), codesOp(root, 'Client', 'StartProducten', 'StartProduct')]).toEqual([['0200'], ['0200'], [code]]);
    };
    await verwacht(regiebericht('305', { begindatum: '2025-05-01' }), '9326');
    await verwacht(regiebericht('305', {}), '9074');
    await verwacht(regiebericht('305', { begindatum: '2025-04-10', status: '3' }), '9063');
    expect((await verwerk(r, regiebericht('307', { reden: '20', einddatum: '2025-06-07' }))).oordeel.soort).toBe('goedgekeurd');
    await verwacht(regiebericht('305', { status: '3' }), '9071');
  });

  it('CS058: status 2 is a level-2 error (Header-only 0001) and never reaches these rules', async () => {
    const v = await valideer(regiebericht('305', { status: '2' }));
    expect(v.regels.map((f) => f.code)).toContain('CS058');
  });
});

describe('§10 scenario 4: stops', () => {
  it('TR413, TR414, TR415, TR382: temporary stop, then the later stops, codes on the StopProduct of valid 308s', async () => {
    const r = await metT1();
    await verwerk(r, regiebericht('305', {}));
    const stop = async (o: { reden: string; einddatum: string; begindatum?: string }) => {
      const { bericht, oordeel } = await verwerk(r, regiebericht('307', o));
      const root = await retour(bericht, oordeel);
      return oordeel.soort === 'goedgekeurd' ? 'goedgekeurd' : codesOp(root, 'Client', 'StopProducten', 'StopProduct');
    };
    expect(await stop({ reden: '20', einddatum: '2025-06-07' })).toBe('goedgekeurd');
    expect(await stop({ reden: '20', einddatum: '2025-06-14' })).toEqual(['9413']);
    expect(await stop({ reden: '23', einddatum: '2025-06-05' })).toEqual(['9414']);
    expect(await stop({ reden: '23', einddatum: '2025-06-29' })).toBe('goedgekeurd');
    expect(await stop({ reden: '22', einddatum: '2025-07-15' })).toEqual(['9415']);
    expect(await stop({ reden: '23', einddatum: '2025-06-29', begindatum: '2025-04-04' })).toEqual(['9069']);
    const leveringen = await r.leveringen('wmo', { gemeente: '0384', aanbieder: '12345678', bsn: '999900006', toewijzingNummer: '300201' });
    expect(leveringen.map((l) => [l.soort, l.redenBeeindiging, l.einddatum])).toEqual([['start', null, null], ['stop', '20', '2025-06-07'], ['stop', '23', '2025-06-29']]);
  });
});

/** WMO315 from 12345678 to 0384: one AangevraagdProduct 07/07A12 (dagbesteding) with this reference. */
function vot(referentie: string): string {
  let xml = vervang(voorbeeld('WMO315'), /\s*<wmo315:AangevraagdProduct>\s*<wmo315:ReferentieAanbieder>42420002[\s\S]*?<\/wmo315:AangevraagdProduct>/, '');
  xml = vervang(xml, '<wmo315:Afzender>42420001</wmo315:Afzender>', '<wmo315:Afzender>12345678</wmo315:Afzender>');
  xml = vervang(xml, '<wmo315:ReferentieAanbieder>42420001</wmo315:ReferentieAanbieder>', `<wmo315:ReferentieAanbieder>${referentie}</wmo315:ReferentieAanbieder>`);
  xml = vervang(xml, /<iwmo:Categorie>01<\/iwmo:Categorie>\s*<iwmo:Code>ABCDE<\/iwmo:Code>/, '<iwmo:Categorie>07</iwmo:Categorie><iwmo:Code>07A12</iwmo:Code>');
  return vervang(xml, '<iwmo:Identificatie>123456789012</iwmo:Identificatie>', `<iwmo:Identificatie>V-${++teller}</iwmo:Identificatie>`);
}

/** Our WMO319 to 12345678: VerzoekAntwoord 1 (afgewezen), RedenAfwijzingVerzoek 3 (geen contract). */
function afwijzing(referentie: string): string {
  let xml = vervang(voorbeeld('WMO319'), '<wmo319:Ontvanger>65656055</wmo319:Ontvanger>', '<wmo319:Ontvanger>12345678</wmo319:Ontvanger>');
  xml = vervang(xml, '<wmo319:ReferentieAanbieder>9003</wmo319:ReferentieAanbieder>', `<wmo319:ReferentieAanbieder>${referentie}</wmo319:ReferentieAanbieder>`);
  xml = vervang(xml, '<wmo319:RedenAfwijzingVerzoek>7</wmo319:RedenAfwijzingVerzoek>', '<wmo319:RedenAfwijzingVerzoek>3</wmo319:RedenAfwijzingVerzoek>');
  return vervang(xml, '<iwmo:Dagtekening>2023-04-02</iwmo:Dagtekening>', '<iwmo:Dagtekening>2023-07-18</iwmo:Dagtekening>');
}

describe('§10 scenario 11: a second VOT while the first is open', () => {
  it('TR374: 316 header-only for the first VOT, 9374 on Client for the second, approved again after our 319', async () => {
    const r = new InMemoryRegister();
    const eerste = await verwerk(r, vot('VOT-1'));
    expect(eerste.oordeel.soort).toBe('goedgekeurd');
    expect((await retour(eerste.bericht, eerste.oordeel)).child('Client')).toBeUndefined();

    const tweede = await verwerk(r, vot('VOT-2'));
    const root = await retour(tweede.bericht, tweede.oordeel);
    expect(codesOp(root, 'Header')).toEqual(['0200']);
    expect(codesOp(root, 'Client')).toEqual(['9374']);
    expect(codesOp(root, 'Client', 'AangevraagdeProducten', 'AangevraagdProduct')).toEqual(['0200']);
    expect(await r.verzoek('wmo', '12345678', 'VOT-2')).toBeNull();

    expect((await verwerk(r, afwijzing('VOT-1'))).oordeel.soort).toBe('goedgekeurd');
    expect(await r.verzoek('wmo', '12345678', 'VOT-1')).toMatchObject({ status: 'afgewezen' });
    expect((await verwerk(r, vot('VOT-2'))).oordeel.soort).toBe('goedgekeurd');
  });
});
