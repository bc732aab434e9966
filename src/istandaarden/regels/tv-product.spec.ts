import { describe, expect, it } from 'vitest';
import { regelCodes, valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import type { RegelFinding } from './regel';

/*
 * Product rules on 301 ToegewezenProduct, 315 AangevraagdProduct, 317 TeWijzigenProduct and
 * NieuwProduct: the official examples with their product lists rebuilt in schema order.
 */

type Std = 'WMO' | 'JW';
const STANDAARDEN: readonly Std[] = ['WMO', 'JW'];
const ns = (std: Std, nr: string): string => `${std === 'WMO' ? 'wmo' : 'jw'}${nr}`;
const basis = (std: Std): string => (std === 'WMO' ? 'iwmo' : 'ijw');

interface P {
  /** Product/Categorie; default 01 (iWmo) or 55 (iJw). */
  cat?: string;
  /** Product/Code; null leaves it out. */
  code?: string | null;
  zonderProduct?: boolean;
  ingang?: string;
  /** End date; null leaves it out. */
  eind?: string | null;
  /** Volume, Eenheid, Frequentie; null leaves Omvang out. */
  omvang?: [string, string, string] | null;
  budget?: string;
  reden?: string;
}

function el(p: string, naam: string, inhoud: string | undefined | null): string {
  return inhoud === undefined || inhoud === null ? '' : `<${p}:${naam}>${inhoud}</${p}:${naam}>`;
}

/** An element with child content, e.g. tag('wmo301', 'Product', ...). */
function tag(p: string, naam: string, ...inhoud: string[]): string {
  return `<${p}:${naam}>${inhoud.join('')}</${p}:${naam}>`;
}

/** Product, the period, Omvang and Budget of one product class, as strings in schema order. */
function delen(std: Std, p: string, o: P) {
  const q = basis(std);
  const code = o.code === null ? '' : el(q, 'Code', o.code ?? 'AB123');
  const omvang = o.omvang === null ? null : (o.omvang ?? ['10', '01', '1']);
  return {
    product: o.zonderProduct ? '' : `<${p}:Product>${el(q, 'Categorie', o.cat ?? (std === 'WMO' ? '01' : '55'))}${code}</${p}:Product>`,
    ingang: o.ingang ?? '2026-06-01',
    eind: o.eind === null ? null : (o.eind ?? '2026-12-31'),
    omvang: omvang ? `<${p}:Omvang>${el(q, 'Volume', omvang[0])}${el(q, 'Eenheid', omvang[1])}${el(q, 'Frequentie', omvang[2])}</${p}:Omvang>` : '',
    budget: el(p, 'Budget', o.budget),
  };
}

function toegewezen(std: Std, o: P, i: number): string {
  const p = ns(std, '301');
  const d = delen(std, p, o);
  return tag(p, 'ToegewezenProduct',
    el(p, 'ToewijzingNummer', String(1000 + i)),
    d.product,
    el(p, 'Toewijzingsdatum', '2023-01-01'),
    el(p, 'Toewijzingstijd', '12:00:00'),
    el(p, 'Ingangsdatum', d.ingang),
    el(p, 'Einddatum', d.eind),
    el(p, 'RedenWijziging', o.reden),
    d.omvang,
    d.budget,
  );
}

interface Aangevraagd extends P {
  beschikkingNummer?: string;
  beschikkingIngang?: string;
}

function aangevraagd(std: Std, o: Aangevraagd, i: number): string {
  const [p, q] = [ns(std, '315'), basis(std)];
  const d = delen(std, p, o);
  const verwijzer = `<${p}:Verwijzer>${el(q, 'Type', '01')}${el(q, 'Naam', 'huisarts')}</${p}:Verwijzer>`;
  return tag(p, 'AangevraagdProduct',
    el(p, 'ReferentieAanbieder', `REF${i}`),
    el(p, 'BeschikkingNummer', o.beschikkingNummer),
    d.product,
    el(p, 'BeschikkingIngangsdatum', o.beschikkingIngang),
    el(p, 'ToewijzingIngangsdatum', d.ingang),
    el(p, 'ToewijzingEinddatum', d.eind),
    d.omvang,
    d.budget,
    verwijzer,
  );
}

function teWijzigen(std: Std, o: P, i: number): string {
  const p = ns(std, '317');
  const d = delen(std, p, o);
  return tag(p, 'TeWijzigenProduct', el(p, 'ToewijzingNummer', String(2000 + i)), el(p, 'GewensteIngangsdatum', d.ingang), el(p, 'Einddatum', d.eind), d.omvang, d.budget);
}

function nieuw(std: Std, o: P): string {
  const p = ns(std, '317');
  const d = delen(std, p, o);
  return `<${p}:NieuwProduct>${d.product}${el(p, 'GewensteIngangsdatum', d.ingang)}${el(p, 'Einddatum', d.eind)}${d.omvang}${d.budget}</${p}:NieuwProduct>`;
}

function lijst(xml: string, p: string, naam: string, inhoud: string): string {
  return vervang(xml, new RegExp(`<${p}:${naam}>[\\s\\S]*</${p}:${naam}>`), `<${p}:${naam}>${inhoud}</${p}:${naam}>`);
}

/** A valid JW315: the published example with its impossible date corrected. */
function jw315(): string {
  const xml = voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig');
  expect(xml.split('2027-06-31').length - 1).toBe(2);
  return xml.replaceAll('2027-06-31', '2027-06-30');
}

function b301(std: Std, ...ps: P[]): string {
  return lijst(voorbeeld(`${std}301`), ns(std, '301'), 'ToegewezenProducten', ps.map((o, i) => toegewezen(std, o, i)).join(''));
}

function b315(std: Std, ...ps: Aangevraagd[]): string {
  const xml = std === 'WMO' ? voorbeeld('WMO315') : jw315();
  return lijst(xml, ns(std, '315'), 'AangevraagdeProducten', ps.map((o, i) => aangevraagd(std, o, i)).join(''));
}

function b317(std: Std, v: { teWijzigen?: P[]; nieuw?: P[] }): string {
  const p = ns(std, '317');
  let inhoud = `${el(p, 'ReferentieAanbieder', '9003')}${el(p, 'RedenVerzoek', '1')}`;
  inhoud += `<${p}:OngewijzigdeProducten><${p}:OngewijzigdProduct>${el(p, 'ToewijzingNummer', '10071')}</${p}:OngewijzigdProduct></${p}:OngewijzigdeProducten>`;
  if (v.teWijzigen) inhoud += `<${p}:TeWijzigenProducten>${v.teWijzigen.map((o, i) => teWijzigen(std, o, i)).join('')}</${p}:TeWijzigenProducten>`;
  if (v.nieuw) inhoud += `<${p}:NieuweProducten>${v.nieuw.map((o) => nieuw(std, o)).join('')}</${p}:NieuweProducten>`;
  return lijst(voorbeeld(`${std}317`), p, 'Verzoek', inhoud);
}

/** A bericht with one product of a class: 301 ToegewezenProduct, 315 AangevraagdProduct, 317 TeWijzigen/NieuwProduct. */
type Klasse = '301' | '315' | '317-tewijzigen' | '317-nieuw';
function met(std: Std, klasse: Klasse, o: P): string {
  if (klasse === '301') return b301(std, o);
  if (klasse === '315') return b315(std, o);
  return klasse === '317-nieuw' ? b317(std, { nieuw: [o] }) : b317(std, { teWijzigen: [o] });
}

const PAD: Record<Klasse, string> = {
  '301': '/Bericht/Client/ToegewezenProducten/ToegewezenProduct',
  '315': '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct',
  '317-tewijzigen': '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct',
  '317-nieuw': '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct',
};
const EIND: Record<Klasse, string> = { '301': 'Einddatum', '315': 'ToewijzingEinddatum', '317-tewijzigen': 'Einddatum', '317-nieuw': 'Einddatum' };
const START: Record<Klasse, string> = { '301': 'Ingangsdatum', '315': 'ToewijzingIngangsdatum', '317-tewijzigen': 'GewensteIngangsdatum', '317-nieuw': 'GewensteIngangsdatum' };
const MET_PRODUCT: readonly Klasse[] = ['301', '315', '317-nieuw'];
const ALLE: readonly Klasse[] = ['301', '315', '317-tewijzigen', '317-nieuw'];

async function regels(xml: string): Promise<RegelFinding[]> {
  const v = await valideer(xml);
  expect(v.xsd).toEqual([]);
  return v.regels;
}

/** A product carrying a Budget instead of Omvang and Code (CD041/CD077/CD078 satisfied). */
const MET_BUDGET: P = { code: null, omvang: null, budget: '1000' };

/** A period in 2020 for the near misses; a NieuwProduct that starts then breaks TR380 as well. */
const IN_2020: P = { ingang: '2020-06-01', eind: '2020-12-31' };
const MET_2020 = (k: Klasse): string[] => (k === '317-nieuw' ? ['TR380'] : []);

describe('product fixtures', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      it(`CD041 ${std} ${k}: the rebuilt baseline is clean`, async () => {
        expect(await regelCodes(met(std, k, {}))).toEqual([]);
      });
    }
  }
});

describe('CD041 Product/Code filled requires Omvang', () => {
  for (const std of STANDAARDEN) {
    for (const k of MET_PRODUCT) {
      it(`CD041 ${std} ${k}: a Code without Omvang is rejected on the Code`, async () => {
        const r = await regels(met(std, k, { omvang: null }));
        expect(r.map((f) => f.code)).toEqual(['CD041']);
        expect(r[0].locatie).toEqual([`${PAD[k]}/Product/Code`]);
      });
      it(`CD041 ${std} ${k}: no Code and no Omvang is accepted`, async () => {
        expect(await regelCodes(met(std, k, { code: null, omvang: null }))).toEqual([]);
      });
    }
  }
});

describe('CD043 BeschikkingNummer and BeschikkingIngangsdatum together', () => {
  for (const std of STANDAARDEN) {
    it(`CD043 ${std}: a BeschikkingNummer without BeschikkingIngangsdatum is rejected`, async () => {
      const r = await regels(b315(std, { beschikkingNummer: '1234' }));
      expect(r.map((f) => f.code)).toEqual(['CD043']);
      expect(r[0].locatie).toEqual([`${PAD['315']}/BeschikkingNummer`]);
    });
    it(`CD043 ${std}: a BeschikkingIngangsdatum without BeschikkingNummer is rejected`, async () => {
      expect(await regelCodes(b315(std, { beschikkingIngang: '2026-05-01' }))).toEqual(['CD043']);
    });
    it(`CD043 ${std}: both filled is accepted`, async () => {
      expect(await regelCodes(b315(std, { beschikkingNummer: '1234', beschikkingIngang: '2026-05-01' }))).toEqual([]);
    });
  }
});

describe('CD075 Budget requires the Einddatum', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      it(`CD075 ${std} ${k}: a Budget without ${EIND[k]} is rejected on the Budget`, async () => {
        const r = await regels(met(std, k, { ...MET_BUDGET, eind: null }));
        expect(r.map((f) => f.code)).toEqual(['CD075']);
        expect(r[0].locatie).toEqual([`${PAD[k]}/Budget`]);
      });
      it(`CD075 ${std} ${k}: a Budget with ${EIND[k]} is accepted`, async () => {
        expect(await regelCodes(met(std, k, MET_BUDGET))).toEqual([]);
      });
    }
  }
});

describe('CD076 Frequentie 2 (per week) requires the Einddatum', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      it(`CD076 ${std} ${k}: Frequentie 2 without ${EIND[k]} is rejected on the Frequentie`, async () => {
        const r = await regels(met(std, k, { eind: null, omvang: ['2', '01', '2'] }));
        expect(r.map((f) => f.code)).toEqual(['CD076']);
        expect(r[0].locatie).toEqual([`${PAD[k]}/Omvang/Frequentie`]);
      });
      it(`CD076 ${std} ${k}: Frequentie 2 with ${EIND[k]}, or Frequentie 1 without, is accepted`, async () => {
        expect(await regelCodes(met(std, k, { omvang: ['2', '01', '2'] }))).toEqual([]);
        expect(await regelCodes(met(std, k, { eind: null }))).toEqual([]);
      });
    }
  }
});

describe('CD077 Budget excludes Omvang, CD078 Omvang excludes Budget', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      it(`CD077 ${std} ${k}: Budget and Omvang together break CD077 and CD078`, async () => {
        const r = await regels(met(std, k, { budget: '1000' }));
        expect(r.map((f) => f.code)).toEqual(['CD077', 'CD078']);
        expect(r[0].locatie).toEqual([`${PAD[k]}/Omvang`, `${PAD[k]}/Budget`]);
      });
      it(`CD078 ${std} ${k}: Omvang alone or Budget alone is accepted`, async () => {
        expect(await regelCodes(met(std, k, {}))).toEqual([]);
        expect(await regelCodes(met(std, k, MET_BUDGET))).toEqual([]);
      });
    }
  }
});

describe('CD079 without Budget a Product is required', () => {
  for (const std of STANDAARDEN) {
    for (const k of MET_PRODUCT) {
      it(`CD079 ${std} ${k}: no Budget and no Product is rejected on the product class`, async () => {
        const r = await regels(met(std, k, { zonderProduct: true, omvang: null }));
        expect(r.map((f) => f.code)).toEqual(['CD079']);
        expect(r[0].locatie).toEqual([PAD[k]]);
      });
      it(`CD079 ${std} ${k}: a Budget without Product is accepted`, async () => {
        expect(await regelCodes(met(std, k, { ...MET_BUDGET, zonderProduct: true }))).toEqual([]);
      });
    }
  }
});

describe('CD080 / CD095 / CD096 Omvang requires a Product/Code after 2020', () => {
  const CODE: Record<string, string> = { '301': 'CD080', '315': 'CD095', '317-nieuw': 'CD096' };
  for (const std of STANDAARDEN) {
    for (const k of MET_PRODUCT) {
      const code = CODE[k];
      it(`${code} ${std} ${k}: Omvang without Code and ${EIND[k]} after 2020 is rejected`, async () => {
        const r = await regels(met(std, k, { code: null }));
        expect(r.map((f) => f.code)).toEqual([code]);
        expect(r[0].locatie).toEqual([`${PAD[k]}/${EIND[k]}`, `${PAD[k]}/Omvang`]);
      });
      it(`${code} ${std} ${k}: Omvang without Code and without ${EIND[k]} is rejected`, async () => {
        expect(await regelCodes(met(std, k, { code: null, eind: null }))).toEqual([code]);
      });
      it(`${code} ${std} ${k}: Omvang without Code ending 2020-12-31 is accepted`, async () => {
        const codes = await regelCodes(met(std, k, { ...IN_2020, code: null }));
        expect(codes).not.toContain(code);
        expect(codes).toEqual(MET_2020(k));
      });
    }
  }
});

describe('CS003 product Einddatum not before its start', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      it(`CS003 ${std} ${k}: ${EIND[k]} before ${START[k]} is rejected on both`, async () => {
        const r = await regels(met(std, k, { ingang: '2026-06-01', eind: '2026-05-31' }));
        expect(r.map((f) => f.code)).toEqual(['CS003']);
        expect(r[0].locatie).toEqual([`${PAD[k]}/${START[k]}`, `${PAD[k]}/${EIND[k]}`]);
      });
      it(`CS003 ${std} ${k}: ${EIND[k]} equal to ${START[k]} is accepted`, async () => {
        expect(await regelCodes(met(std, k, { ingang: '2026-06-01', eind: '2026-06-01' }))).toEqual([]);
      });
    }
  }
});

describe('CS335 RedenWijziging 13 only with Ingangsdatum = Einddatum', () => {
  for (const std of STANDAARDEN) {
    it(`CS335 ${std}: RedenWijziging 13 with a longer period is rejected`, async () => {
      const r = await regels(b301(std, { reden: '13' }));
      expect(r.map((f) => f.code)).toEqual(['CS335']);
      expect(r[0].locatie).toEqual([`${PAD['301']}/Ingangsdatum`, `${PAD['301']}/Einddatum`]);
    });
    it(`CS335 ${std}: RedenWijziging 13 with Ingangsdatum = Einddatum, or another reden, is accepted`, async () => {
      expect(await regelCodes(b301(std, { reden: '13', eind: '2026-06-01' }))).toEqual([]);
      expect(await regelCodes(b301(std, { reden: '02' }))).toEqual([]);
    });
  }
});

describe('CS336 RedenWijziging 01 is not used', () => {
  for (const std of STANDAARDEN) {
    it(`CS336 ${std}: RedenWijziging 01 is rejected`, async () => {
      const r = await regels(b301(std, { reden: '01' }));
      expect(r.map((f) => f.code)).toEqual(['CS336']);
      expect(r[0].locatie).toEqual([`${PAD['301']}/RedenWijziging`]);
    });
    it(`CS336 ${std}: RedenWijziging 02 is accepted`, async () => {
      expect(await regelCodes(b301(std, { reden: '02' }))).toEqual([]);
    });
  }
});

describe('CS338 / CS343 Eenheid 14, 16, 83, 84 requires Frequentie 2, 4 or 6 after 2020', () => {
  for (const std of STANDAARDEN) {
    for (const k of ALLE) {
      const code = k === '315' ? 'CS343' : 'CS338';
      it(`${code} ${std} ${k}: Eenheid 16 with Frequentie 1 is rejected`, async () => {
        const r = await regels(met(std, k, { omvang: ['4', '16', '1'] }));
        expect(r.map((f) => f.code)).toEqual([code]);
        expect(r[0].locatie).toEqual([`${PAD[k]}/${EIND[k]}`, `${PAD[k]}/Omvang/Eenheid`, `${PAD[k]}/Omvang/Frequentie`]);
      });
      it(`${code} ${std} ${k}: Eenheid 83 with Frequentie 1 and no end is rejected`, async () => {
        expect(await regelCodes(met(std, k, { eind: null, omvang: ['4', '83', '1'] }))).toEqual([code]);
      });
      it(`${code} ${std} ${k}: Frequentie 4, or an end in 2020, is accepted`, async () => {
        expect(await regelCodes(met(std, k, { omvang: ['4', '16', '4'] }))).toEqual([]);
        const codes = await regelCodes(met(std, k, { ...IN_2020, omvang: ['4', '16', '1'] }));
        expect(codes).not.toContain(code);
        expect(codes).toEqual(MET_2020(k));
      });
    }
  }
});
