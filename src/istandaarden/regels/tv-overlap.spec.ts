import { describe, expect, it } from 'vitest';
import { regelCodes, valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie } from '../catalogus';
import { scanXml } from '../xml/scanner';
import { runRegels } from './engine';
import type { RegelFinding } from './regel';
import { TR302, TR386, TR410 } from './tv-overlap';

/* TR302 (301), TR386 (315), TR410 (317): the same product only with periods that do not overlap. */

type Std = 'WMO' | 'JW';
const STANDAARDEN: readonly Std[] = ['WMO', 'JW'];
const ns = (std: Std, nr: string): string => `${std === 'WMO' ? 'wmo' : 'jw'}${nr}`;
const basis = (std: Std): string => (std === 'WMO' ? 'iwmo' : 'ijw');
const CAT: Record<Std, [string, string]> = { WMO: ['01', '02'], JW: ['55', '45'] };

interface P {
  cat?: string;
  /** null leaves the Code out. */
  code?: string | null;
  /** No Product at all: the product then carries a Budget (CD079). */
  zonderProduct?: boolean;
  start: string;
  /** null leaves the end out. */
  eind: string | null;
  reden?: string;
}

function el(p: string, naam: string, inhoud: string | undefined | null): string {
  return inhoud === undefined || inhoud === null ? '' : `<${p}:${naam}>${inhoud}</${p}:${naam}>`;
}

/** An element with child content, e.g. tag('wmo301', 'Product', ...). */
function tag(p: string, naam: string, ...inhoud: string[]): string {
  return `<${p}:${naam}>${inhoud.join('')}</${p}:${naam}>`;
}

/** Product, Omvang (or Budget when there is no Product/Code) in schema order. */
function delen(std: Std, p: string, o: P): { product: string; inhoud: string } {
  const q = basis(std);
  const product = o.zonderProduct ? '' : `<${p}:Product>${el(q, 'Categorie', o.cat ?? CAT[std][0])}${o.code === null ? '' : el(q, 'Code', o.code ?? 'AB123')}</${p}:Product>`;
  const metOmvang = !o.zonderProduct && o.code !== null;
  const inhoud = metOmvang ? `<${p}:Omvang>${el(q, 'Volume', '1')}${el(q, 'Eenheid', '01')}${el(q, 'Frequentie', '1')}</${p}:Omvang>` : el(p, 'Budget', '1000');
  return { product, inhoud };
}

function lijst(xml: string, p: string, naam: string, inhoud: string): string {
  return vervang(xml, new RegExp(`<${p}:${naam}>[\\s\\S]*</${p}:${naam}>`), `<${p}:${naam}>${inhoud}</${p}:${naam}>`);
}

function b301(std: Std, ...ps: P[]): string {
  const p = ns(std, '301');
  const items = ps.map((o, i) => {
    const d = delen(std, p, o);
    return tag(p, 'ToegewezenProduct',
      el(p, 'ToewijzingNummer', String(1000 + i)),
      d.product,
      el(p, 'Toewijzingsdatum', '2023-01-01'),
      el(p, 'Toewijzingstijd', '12:00:00'),
      el(p, 'Ingangsdatum', o.start),
      el(p, 'Einddatum', o.eind),
      el(p, 'RedenWijziging', o.reden),
      d.inhoud,
    );
  });
  return lijst(voorbeeld(`${std}301`), p, 'ToegewezenProducten', items.join(''));
}

function b315(std: Std, ...ps: P[]): string {
  const [p, q] = [ns(std, '315'), basis(std)];
  const items = ps.map((o, i) => {
    const d = delen(std, p, o);
    return tag(p, 'AangevraagdProduct',
      el(p, 'ReferentieAanbieder', `REF${i}`),
      d.product,
      el(p, 'ToewijzingIngangsdatum', o.start),
      el(p, 'ToewijzingEinddatum', o.eind),
      d.inhoud,
      tag(p, 'Verwijzer', el(q, 'Type', '01'), el(q, 'Naam', 'huisarts')),
    );
  });
  const xml = std === 'WMO' ? voorbeeld('WMO315') : voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig').replaceAll('2027-06-31', '2027-06-30');
  return lijst(xml, p, 'AangevraagdeProducten', items.join(''));
}

function b317(std: Std, ...ps: P[]): string {
  const p = ns(std, '317');
  const items = ps.map((o) => {
    const d = delen(std, p, o);
    return `<${p}:NieuwProduct>${d.product}${el(p, 'GewensteIngangsdatum', o.start)}${el(p, 'Einddatum', o.eind)}${d.inhoud}</${p}:NieuwProduct>`;
  });
  const ongewijzigd = `<${p}:OngewijzigdeProducten><${p}:OngewijzigdProduct>${el(p, 'ToewijzingNummer', '10071')}</${p}:OngewijzigdProduct></${p}:OngewijzigdeProducten>`;
  const verzoek = `${el(p, 'ReferentieAanbieder', '9003')}${el(p, 'RedenVerzoek', '1')}${ongewijzigd}<${p}:NieuweProducten>${items.join('')}</${p}:NieuweProducten>`;
  return lijst(voorbeeld(`${std}317`), p, 'Verzoek', verzoek);
}

async function regels(xml: string): Promise<RegelFinding[]> {
  const v = await valideer(xml);
  expect(v.xsd).toEqual([]);
  return v.regels;
}

/** Runs one rule on a parsed (not schema-validated) bericht: for cases the iJw schema cannot express. */
function alleenRegel(xml: string, naam: string, regel: typeof TR302): string[] {
  const definitie = berichtDefinitie(naam);
  if (!definitie) throw new Error(naam);
  return runRegels(scanXml(xml).root, definitie, [regel]).map((f) => f.code);
}

const H1 = { start: '2027-01-01', eind: '2027-06-30' };
const H2 = { start: '2027-07-01', eind: '2027-12-31' };
/** Overlaps H1 on one day. */
const H1_PLUS = { start: '2027-06-30', eind: '2027-12-31' };

interface Geval {
  code: string;
  nr: string;
  bouw: (std: Std, ...ps: P[]) => string;
  pad: string;
}

const GEVALLEN: readonly Geval[] = [
  { code: 'TR302', nr: '301', bouw: b301, pad: '/Bericht/Client/ToegewezenProducten/ToegewezenProduct' },
  { code: 'TR386', nr: '315', bouw: b315, pad: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct' },
  { code: 'TR410', nr: '317', bouw: b317, pad: '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct' },
];

for (const g of GEVALLEN) {
  describe(`${g.code} same product in ${g.nr} without overlapping periods`, () => {
    for (const std of STANDAARDEN) {
      it(`${g.code} ${std}: same Categorie and Code overlapping by one day is rejected on both products`, async () => {
        const r = await regels(g.bouw(std, H1, H1_PLUS));
        expect(r.map((f) => f.code)).toEqual([g.code]);
        expect(r[0].locatie).toEqual([`${g.pad}[1]`, `${g.pad}[2]`]);
      });
      it(`${g.code} ${std}: same product in adjacent periods is accepted`, async () => {
        expect(await regelCodes(g.bouw(std, H1, H2))).toEqual([]);
      });
      it(`${g.code} ${std}: another Code in the same Categorie, or another Categorie, is accepted`, async () => {
        expect(await regelCodes(g.bouw(std, H1, { ...H1_PLUS, code: 'XY999' }))).toEqual([]);
        expect(await regelCodes(g.bouw(std, H1, { ...H1_PLUS, cat: CAT[std][1] }))).toEqual([]);
      });
      it(`${g.code} ${std}: a missing Code matches any Code of the same Categorie`, async () => {
        expect(await regelCodes(g.bouw(std, H1, { ...H1_PLUS, code: null }))).toEqual([g.code]);
        expect(await regelCodes(g.bouw(std, H1, { ...H1_PLUS, code: null, cat: CAT[std][1] }))).toEqual([]);
      });
      it(`${g.code} ${std}: a product without Product matches every product`, async () => {
        expect(await regelCodes(g.bouw(std, { ...H1, cat: CAT[std][1] }, { ...H1_PLUS, zonderProduct: true }))).toEqual([g.code]);
      });
      it(`${g.code} ${std}: an open end overlaps everything after its start`, async () => {
        expect(await regelCodes(g.bouw(std, { start: '2027-01-01', eind: null }, { start: '2028-05-01', eind: '2028-12-31' }))).toEqual([g.code]);
        expect(await regelCodes(g.bouw(std, { start: '2027-07-01', eind: null }, H1))).toEqual([]);
      });
      it(`${g.code} ${std}: three overlapping products give one finding per pair`, async () => {
        const r = await regels(g.bouw(std, H1, { ...H1_PLUS, code: null }, { start: '2027-03-01', eind: '2027-08-31' }));
        expect(r.map((f) => f.locatie)).toEqual([
          [`${g.pad}[1]`, `${g.pad}[2]`],
          [`${g.pad}[1]`, `${g.pad}[3]`],
          [`${g.pad}[2]`, `${g.pad}[3]`],
        ]);
      });
    }
    it(`${g.code} WMO: hulpmiddelen (Categorie 11-14) may overlap`, async () => {
      expect(await regelCodes(g.bouw('WMO', { ...H1, cat: '12' }, { ...H1_PLUS, cat: '12' }))).toEqual([]);
      expect(await regelCodes(g.bouw('WMO', { ...H1, cat: '14' }, { ...H1_PLUS, zonderProduct: true }))).toEqual([]);
    });
  });
}

describe('TR302 deleted toewijzingen', () => {
  for (const std of STANDAARDEN) {
    it(`TR302 ${std}: a product deleted with RedenWijziging 13 (Einddatum = Ingangsdatum) is ignored`, async () => {
      expect(await regelCodes(b301(std, H1, { start: '2027-03-01', eind: '2027-03-01', reden: '13' }))).toEqual([]);
    });
    it(`TR302 ${std}: RedenWijziging 13 with a longer period still counts`, async () => {
      expect(await regelCodes(b301(std, H1, { start: '2027-03-01', eind: '2027-03-02', reden: '13' }))).toEqual(['CS335', 'TR302']);
    });
    it(`TR302 ${std}: a one-day product without RedenWijziging 01 or 13 still counts`, async () => {
      expect(await regelCodes(b301(std, H1, { start: '2027-03-01', eind: '2027-03-01', reden: '02' }))).toEqual(['TR302']);
    });
  }
});

describe('TR302 / TR386 / TR410 hulpmiddelen exception is iWmo only', () => {
  // why: iJw categories (31 and up) cannot be 11-14, so a schema-valid iJw bericht never reaches the
  // difference; the parsed tree shows that the iJw rules have no exception, as in the iJw XSLT.
  const jw = (xml: string, van: string): string => xml.replaceAll(`<ijw:Categorie>${van}</ijw:Categorie>`, '<ijw:Categorie>12</ijw:Categorie>');
  it('TR302 JW: Categorie 12 products that overlap are still reported', () => {
    expect(alleenRegel(jw(b301('JW', H1, H1_PLUS), '55'), 'JW301', TR302)).toEqual(['TR302']);
  });
  it('TR386 JW: Categorie 12 products that overlap are still reported', () => {
    expect(alleenRegel(jw(b315('JW', H1, H1_PLUS), '55'), 'JW315', TR386)).toEqual(['TR386']);
  });
  it('TR410 JW: Categorie 12 products that overlap are still reported', () => {
    expect(alleenRegel(jw(b317('JW', H1, H1_PLUS), '55'), 'JW317', TR410)).toEqual(['TR410']);
  });
  it('TR410 WMO: the same tree with Categorie 12 in iWmo is exempt', () => {
    expect(alleenRegel(b317('WMO', { ...H1, cat: '12' }, { ...H1_PLUS, cat: '12' }), 'WMO317', TR410)).toEqual([]);
  });
});
