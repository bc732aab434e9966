import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie } from '../catalogus';
import { scanXml } from '../xml/scanner';
import { DECLARATIE_REGIE_REGELS } from './declaratie-regie.regels';
import { TR101 } from './dr-tr101';
import { runRegels } from './engine';
import { GENERIEKE_REGELS } from './generiek.regels';

/** Findings of the generic rules and ours (other teams' rules left out) on a schema-valid fixture. */
async function bevindingen(xml: string) {
  const v = await valideer(xml);
  if (v.xsd.length > 0 || !v.root || !v.definitie) throw new Error(`fixture is not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return runRegels(v.root, v.definitie, [...GENERIEKE_REGELS, ...DECLARATIE_REGIE_REGELS]);
}
const codes = async (xml: string) => (await bevindingen(xml)).map((f) => f.code).sort();

/** The first `<p:local>…</p:local>` element of the fixture, as text. */
function eerste(xml: string, local: string): string {
  const m = new RegExp(`<(\\w+):${local}>[\\s\\S]*?</\\1:${local}>`).exec(xml);
  if (!m) throw new Error(`no ${local} in fixture`);
  return m[0];
}
/** Appends copies of an element as the last children of its container. */
function voegToe(xml: string, container: string, ...kopieen: string[]): string {
  return vervang(xml, new RegExp(`(</\\w+:${container}>)`), `${kopieen.join('')}$1`);
}

describe('TR101 no duplicate lines', () => {
  for (const s of [
    { start: 'WMO305', stop: 'WMO307', stopEinde: ['2025-07-18', '2025-07-17'] },
    { start: 'JW305', stop: 'JW307', stopEinde: ['2026-07-17', '2026-07-16'] },
  ]) {
    it(`TR101 ${s.start}: a repeated StartProduct is reported once, at the last copy`, async () => {
      const xml = voorbeeld(s.start);
      const f = await bevindingen(voegToe(xml, 'StartProducten', eerste(xml, 'StartProduct')));
      expect(f.map((x) => x.code)).toEqual(['TR101']);
      expect(f[0].locatie).toEqual(['/Bericht/Client/StartProducten/StartProduct[1]', '/Bericht/Client/StartProducten/StartProduct[3]']);
    });

    it(`TR101 ${s.start}: three equal StartProducten give one finding with three locaties`, async () => {
      const xml = voorbeeld(s.start);
      const sp = eerste(xml, 'StartProduct');
      const f = await bevindingen(voegToe(xml, 'StartProducten', sp, sp));
      expect(f.map((x) => x.locatie.length)).toEqual([3]);
    });

    it(`TR101 ${s.start}: a copy with another Begindatum is no duplicate`, async () => {
      const xml = voorbeeld(s.start);
      const kopie = eerste(xml, 'StartProduct').replace(/(Begindatum>\d{4}-\d\d-)03</, '$101<');
      expect(await codes(voegToe(xml, 'StartProducten', kopie))).toEqual([]);
    });

    it(`TR101 ${s.start}: a missing key field matches a missing field`, async () => {
      const xml = voorbeeld(s.start);
      const zonder = eerste(xml, 'StartProduct').replace(/<(\w+):ToewijzingNummer>[^<]*<\/\1:ToewijzingNummer>\s*<(\w+):Product>[\s\S]*?<\/\2:Product>/, '');
      const f = await bevindingen(vervang(xml, /(<\w+:StartProducten>)[\s\S]*(<\/\w+:StartProducten>)/, `$1${zonder}${zonder}$2`));
      expect(f.map((x) => x.code)).toEqual(['TR101']);
    });

    it(`TR101 ${s.start}: a missing key field does not match a filled one`, async () => {
      const xml = voorbeeld(s.start);
      const sp = eerste(xml, 'StartProduct');
      const zonder = sp.replace(/<(\w+):ToewijzingNummer>[^<]*<\/\1:ToewijzingNummer>/, '');
      expect(await codes(vervang(xml, /(<\w+:StartProducten>)[\s\S]*(<\/\w+:StartProducten>)/, `$1${sp}${zonder}$2`))).toEqual([]);
    });

    it(`TR101 ${s.stop}: a repeated StopProduct`, async () => {
      const xml = voorbeeld(s.stop);
      expect(await codes(voegToe(xml, 'StopProducten', eerste(xml, 'StopProduct')))).toEqual(['TR101']);
    });

    it(`TR101 ${s.stop}: a copy with another Einddatum is no duplicate`, async () => {
      const xml = voorbeeld(s.stop);
      const kopie = eerste(xml, 'StopProduct').replace(`Einddatum>${s.stopEinde[0]}<`, `Einddatum>${s.stopEinde[1]}<`);
      expect(await codes(voegToe(xml, 'StopProducten', kopie))).toEqual([]);
    });
  }

  it('TR101 JW323: the official example repeats RN004 within one client', async () => {
    const f = await bevindingen(voorbeeld('JW323'));
    expect(f.map((x) => x.code)).toEqual(['TR101']);
    expect(f[0].locatie).toEqual(['/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[2]', '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]']);
  });

  it('TR101 JW323: with the last RN004 renumbered the example is clean', async () => {
    const xml = voorbeeld('JW323');
    const i = xml.lastIndexOf('RN004');
    expect(await codes(xml.slice(0, i) + 'RN005' + xml.slice(i + 5))).toEqual([]);
  });

  it('TR101 WMO323: the same ReferentieNummer twice in one client', async () => {
    expect(await codes(vervang(voorbeeld('WMO323'), '>RN002<', '>RN001<'))).toEqual(['TR101']);
  });

  it('TR101 WMO323: the same ReferentieNummer in two clients is not a duplicate line', async () => {
    expect(await codes(vervang(voorbeeld('WMO323'), '>RN003<', '>RN001<'))).toEqual([]);
  });

  it('TR101 WMO323: the key includes VorigReferentieNummer', async () => {
    let xml = vervang(voorbeeld('WMO323'), /RN002<\/iwmo:ReferentieNummer>/, 'RN001</iwmo:ReferentieNummer><iwmo:VorigReferentieNummer>RN000</iwmo:VorigReferentieNummer>');
    xml = vervang(xml, /(<iwmo:Bedrag>24000<\/iwmo:Bedrag>\s*<iwmo:DebetCredit>)D(?=[\s\S]*RN003)/, '$1C');
    xml = vervang(xml, '<iwmo:TotaalBedrag>58000<', '<iwmo:TotaalBedrag>10000<');
    expect(await codes(xml)).toEqual([]);
  });

  it('TR101 WMO325 and JW325: the same ReferentieNummer twice in one client', async () => {
    expect(await codes(vervang(voorbeeld('WMO325'), '>RN002<', '>RN001<'))).toEqual(['TR101']);
    const jw = vervang(voorbeeld('JW325'), '>RN002<', '>RN001<');
    expect(await codes(jw)).toEqual([]); // JW325's prestaties also differ in VorigReferentieNummer
    expect(await codes(vervang(jw, '>RT002<', '>RT001<'))).toEqual(['TR101']);
  });

  for (const b of ['WMO301', 'JW301']) {
    it(`TR101 ${b}: two Relaties with the same Nummer`, async () => {
      const f = await bevindingen(vervang(voorbeeld(b), /(<\w+:Nummer>)2</, '$11<'));
      expect(f.map((x) => x.code)).toEqual(['TR101']);
      expect(f[0].locatie).toEqual(['/Bericht/Client/Relaties/Relatie[1]', '/Bericht/Client/Relaties/Relatie[2]']);
    });
  }

  it('TR101 WMO315: two AangevraagdProducten with the same ReferentieAanbieder', async () => {
    expect(await codes(vervang(voorbeeld('WMO315'), '>42420002<', '>42420001<'))).toEqual(['TR101']);
  });

  for (const b of ['WMO317', 'JW317']) {
    it(`TR101 ${b}: a repeated OngewijzigdProduct`, async () => {
      const xml = voorbeeld(b);
      expect(await codes(voegToe(xml, 'OngewijzigdeProducten', eerste(xml, 'OngewijzigdProduct')))).toEqual(['TR101']);
    });

    it(`TR101 ${b}: OngewijzigdProducten with different ToewijzingNummers`, async () => {
      const xml = voorbeeld(b);
      const kopie = eerste(xml, 'OngewijzigdProduct').replace('10071', '10079');
      expect(await codes(voegToe(xml, 'OngewijzigdeProducten', kopie))).toEqual([]);
    });
  }

  it('TR101 (XSLT text() semantics, not schema-valid): an empty key element matches only missing ones, and only when it is the last', () => {
    const sp = (nummer: string) => `<a:StartProduct>${nummer}<a:Begindatum>2025-04-03</a:Begindatum></a:StartProduct>`;
    const bericht = (...sps: string[]) =>
      `<a:Bericht xmlns:a="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"><a:Header/><a:Client><a:StartProducten>${sps.join('')}</a:StartProducten></a:Client></a:Bericht>`;
    const run = (xml: string) => runRegels(scanXml(xml).root, berichtDefinitie('WMO305')!, [TR101]).map((f) => f.code);
    expect(run(bericht(sp(''), sp('<a:ToewijzingNummer/>')))).toEqual(['TR101']);
    expect(run(bericht(sp('<a:ToewijzingNummer/>'), sp('')))).toEqual([]);
    expect(run(bericht(sp('<a:ToewijzingNummer/>'), sp('<a:ToewijzingNummer/>')))).toEqual([]);
  });

  it('TR101 (not schema-valid): children of Bericht itself are never compared, as in the XSLT', () => {
    const client = '<a:Client><a:Bsn>999900006</a:Bsn></a:Client>';
    const xml = `<a:Bericht xmlns:a="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"><a:Header/>${client}${client}</a:Bericht>`;
    expect(runRegels(scanXml(xml).root, berichtDefinitie('WMO305')!, [TR101])).toEqual([]);
  });
});
