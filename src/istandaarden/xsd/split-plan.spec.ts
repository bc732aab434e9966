import { describe, expect, it } from 'vitest';
import { declaratieXml } from '../../../bench/generate';
import { testSchemas, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie, type BerichtDefinitie } from '../catalogus';
import { scanXml } from '../xml/scanner';
import { pieceRanges, planSplit, verifySplit } from './split-plan';
import { validateXsd } from './validate-xsd';

const WMO323 = berichtDefinitie('WMO323') as BerichtDefinitie;
const xml = declaratieXml({ standaard: 'iwmo', prestaties: 500 });

function plan(text: string, piece = 16 * 1024) {
  return planSplit(text, Buffer.byteLength(text), WMO323, piece);
}

describe('planSplit', () => {
  it('cuts a declaratie after whole Clients, between the Clienten start and end tags', () => {
    const p = plan(xml);
    expect(p).not.toBeNull();
    if (!p) return;
    expect(xml.slice(p.prefixEnd - '<wmo323:Clienten>'.length, p.prefixEnd)).toBe('<wmo323:Clienten>');
    expect(xml.startsWith('</wmo323:Clienten>', p.suffixStart)).toBe(true);
    expect(p.cuts.length).toBeGreaterThan(3);
    for (const cut of p.cuts.slice(1, -1)) expect(xml.slice(cut - '</wmo323:Client>'.length, cut)).toBe('</wmo323:Client>');
  });

  it('makes pieces that are schema-valid documents and together hold every Client once', async () => {
    const p = plan(xml);
    if (!p) throw new Error('no plan');
    const bytes = Buffer.from(xml);
    let clients = 0;
    for (let i = 0; i + 1 < p.cuts.length; i++) {
      const r = pieceRanges(p, i, bytes.length);
      const piece = Buffer.concat([bytes.subarray(r[0], r[1]), bytes.subarray(r[2], r[3]), bytes.subarray(r[4], r[5])]);
      expect(validateXsd(piece, WMO323, await testSchemas())).toEqual([]);
      clients += piece.toString().split('<wmo323:Client>').length - 1;
    }
    expect(clients).toBe(xml.split('<wmo323:Client>').length - 1);
  });

  it('makes no plan for other berichten, small input, or input that is not ASCII', () => {
    const wmo305 = voorbeeld('WMO305');
    expect(planSplit(wmo305, wmo305.length, berichtDefinitie('WMO305') as BerichtDefinitie, 10)).toBeNull();
    expect(plan(xml, xml.length)).toBeNull();
    const accent = xml.replace('<iwmo:Identificatie>D500<', '<iwmo:Identificatie>Dé500<');
    expect(plan(accent)).toBeNull();
  });
});

describe('verifySplit', () => {
  const verify = (text: string, p: NonNullable<ReturnType<typeof plan>>) => {
    const scanned = scanXml(text, { endTagsToDepth: 4 });
    return verifySplit(p, scanned.root, text, scanned.endTags);
  };

  it('accepts the plan of a declaratie', () => {
    const p = plan(xml);
    if (!p) throw new Error('no plan');
    expect(verify(xml, p)).toBe(true);
  });

  it('refuses cuts that are not the end of a Client of the Clienten', () => {
    const p = plan(xml);
    if (!p) throw new Error('no plan');
    // A cut inside a Client, right after its Bsn.
    const insideClient = xml.indexOf('</wmo323:Bsn>', p.cuts[1]) + '</wmo323:Bsn>'.length;
    expect(verify(xml, { ...p, cuts: [p.cuts[0], insideClient, ...p.cuts.slice(2)] })).toBe(false);
    // A cut after an end tag inside a comment: looks right, is not an element boundary.
    const faked = xml.slice(0, p.cuts[1]) + '\n<!-- </wmo323:Client> -->' + xml.slice(p.cuts[1]);
    const fp = plan(faked);
    if (!fp) throw new Error('no plan');
    const fakeCut = faked.indexOf('</wmo323:Client> -->') + '</wmo323:Client>'.length;
    expect(verify(faked, { ...fp, cuts: [fp.cuts[0], fakeCut, ...fp.cuts.slice(2)] })).toBe(false);
    expect(verify(xml, { ...p, prefixEnd: p.prefixEnd - 1 })).toBe(false);
    expect(verify(xml, { ...p, suffixStart: p.suffixStart + 2 })).toBe(false);
  });
});
