import type { XmlElement } from '../xml/element';
import type { Regel, RegelContext } from './regel';
import { datum, einddatum, getal, meld, openOfNa2020 } from './tv-basis';
import { aanwezig, gevuld, heeftWaarde } from './waarden';

/*
 * Rules on the product classes: ToegewezenProduct (301), AangevraagdProduct (315),
 * TeWijzigenProduct and NieuwProduct (317). Iterated per class in document order.
 */

/** The product classes in the order they occur in their berichten (TeWijzigen before Nieuw in 317). */
function producten(ctx: RegelContext, ...klassen: string[]): XmlElement[] {
  return klassen.flatMap((k) => ctx.elements(k));
}

const ALLE_KLASSEN = ['ToegewezenProduct', 'AangevraagdProduct', 'TeWijzigenProduct', 'NieuwProduct'];
/** The classes that carry a Product (TeWijzigenProduct only refers to a ToewijzingNummer). */
const MET_PRODUCT = ['ToegewezenProduct', 'AangevraagdProduct', 'NieuwProduct'];

/** CD041: with a filled Product/Code, Omvang is present. */
export const CD041: Regel = {
  code: 'CD041',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...MET_PRODUCT)) {
      const code = p.at('Product', 'Code');
      if (gevuld(code) && !aanwezig(p.child('Omvang'))) meld(ctx, 'CD041', code);
    }
  },
};

/** CD043: in an AangevraagdProduct, BeschikkingNummer and BeschikkingIngangsdatum are filled together. */
export const CD043: Regel = {
  code: 'CD043',
  berichten: ['315'],
  check(ctx) {
    for (const p of ctx.elements('AangevraagdProduct')) {
      const nummer = p.child('BeschikkingNummer');
      const ingang = p.child('BeschikkingIngangsdatum');
      if (gevuld(nummer) !== gevuld(ingang)) meld(ctx, 'CD043', nummer, ingang);
    }
  },
};

/** CD075: with a filled Budget, the product's Einddatum (315: ToewijzingEinddatum) is filled. */
export const CD075: Regel = {
  code: 'CD075',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...ALLE_KLASSEN)) {
      const budget = p.child('Budget');
      const eind = einddatum(p);
      if (gevuld(budget) && !gevuld(eind)) meld(ctx, 'CD075', budget, eind);
    }
  },
};

/** CD076: with Omvang/Frequentie 2 (per week), the product's Einddatum is filled. */
export const CD076: Regel = {
  code: 'CD076',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...ALLE_KLASSEN)) {
      const frequentie = p.at('Omvang', 'Frequentie');
      const eind = einddatum(p);
      if (heeftWaarde(frequentie, '2') && !gevuld(eind)) meld(ctx, 'CD076', frequentie, eind);
    }
  },
};

/** CD077: with a filled Budget, Omvang is absent. */
export const CD077: Regel = {
  code: 'CD077',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...ALLE_KLASSEN)) {
      const budget = p.child('Budget');
      const omvang = p.child('Omvang');
      if (gevuld(budget) && aanwezig(omvang)) meld(ctx, 'CD077', budget, omvang);
    }
  },
};

/** CD078: with an Omvang, Budget is absent. */
export const CD078: Regel = {
  code: 'CD078',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...ALLE_KLASSEN)) {
      const budget = p.child('Budget');
      const omvang = p.child('Omvang');
      if (aanwezig(omvang) && aanwezig(budget)) meld(ctx, 'CD078', omvang, budget);
    }
  },
};

/** CD079: without a filled Budget, Product is present; reported on the product class itself. */
export const CD079: Regel = {
  code: 'CD079',
  berichten: ['301', '315', '317'],
  check(ctx) {
    for (const p of producten(ctx, ...MET_PRODUCT)) {
      const budget = p.child('Budget');
      if (!gevuld(budget) && !aanwezig(p.child('Product'))) meld(ctx, 'CD079', p, budget);
    }
  },
};

/** An Omvang with an empty Product/Code while the Einddatum is open or after 2020-12-31. */
function omvangZonderCode(ctx: RegelContext, code: string, klasse: string): void {
  for (const p of ctx.elements(klasse)) {
    const omvang = p.child('Omvang');
    const eind = einddatum(p);
    if (!omvang || !openOfNa2020(eind)) continue;
    const productCode = p.at('Product', 'Code');
    if (!gevuld(productCode)) meld(ctx, code, omvang, productCode, eind);
  }
}

/** CD080: a ToegewezenProduct with Omvang and Einddatum open or after 2020-12-31 has a filled Product/Code. */
export const CD080: Regel = {
  code: 'CD080',
  berichten: ['301'],
  check: (ctx) => omvangZonderCode(ctx, 'CD080', 'ToegewezenProduct'),
};

/** CD095: an AangevraagdProduct with Omvang and ToewijzingEinddatum open or after 2020-12-31 has a filled Product/Code. */
export const CD095: Regel = {
  code: 'CD095',
  berichten: ['315'],
  check: (ctx) => omvangZonderCode(ctx, 'CD095', 'AangevraagdProduct'),
};

/** CD096: a NieuwProduct with Omvang and Einddatum open or after 2020-12-31 has a filled Product/Code. */
export const CD096: Regel = {
  code: 'CD096',
  berichten: ['317'],
  check: (ctx) => omvangZonderCode(ctx, 'CD096', 'NieuwProduct'),
};

/** The start belonging to each end date checked by CS003, keyed by the end's parent. */
const CS003_BEGIN: Readonly<Record<string, string>> = {
  ToegewezenProduct: 'Ingangsdatum',
  TeWijzigenProduct: 'GewensteIngangsdatum',
  NieuwProduct: 'GewensteIngangsdatum',
  Periode: 'Begindatum',
};

/**
 * CS003: an end date is not before its start (checkafter): ToegewezenProduct, TeWijzigenProduct,
 * NieuwProduct and 301 Contact/Periode Einddatum; 315 ToewijzingEinddatum. A missing start is an error.
 */
export const CS003: Regel = {
  code: 'CS003',
  berichten: ['301', '315', '317'],
  check(ctx) {
    const check = (eind: XmlElement, begin: XmlElement | undefined): void => {
      if (!begin || datum(begin) > getal(eind.text.slice(0, 10))) meld(ctx, 'CS003', eind, begin);
    };
    for (const eind of ctx.elements('Einddatum')) {
      const ouder = eind.parent;
      if (!ouder) continue;
      // why: the 301 Beschikking/Einddatum template has no element to match in the 3.2 schemas.
      if (ouder.local === 'Periode' && ouder.parent?.local !== 'Contact') continue;
      const begin = CS003_BEGIN[ouder.local];
      if (begin) check(eind, ouder.child(begin));
    }
    for (const eind of ctx.elements('ToewijzingEinddatum')) {
      if (eind.parent?.local === 'AangevraagdProduct') check(eind, eind.parent.child('ToewijzingIngangsdatum'));
    }
  },
};

/** CS335: a ToegewezenProduct with RedenWijziging 13 (verwijderd) has Einddatum equal to Ingangsdatum. */
export const CS335: Regel = {
  code: 'CS335',
  berichten: ['301'],
  check(ctx) {
    for (const p of ctx.elements('ToegewezenProduct')) {
      if (p.child('RedenWijziging')?.text !== '13') continue;
      const ingang = p.child('Ingangsdatum');
      const eind = p.child('Einddatum');
      if (ingang && eind && ingang.text !== eind.text) meld(ctx, 'CS335', ingang, eind);
    }
  },
};

/** CS336: a ToegewezenProduct's RedenWijziging is not 01 (administratieve correctie, vervallen). */
export const CS336: Regel = {
  code: 'CS336',
  berichten: ['301'],
  check(ctx) {
    for (const p of ctx.elements('ToegewezenProduct')) {
      const reden = p.child('RedenWijziging');
      if (heeftWaarde(reden, '01')) meld(ctx, 'CS336', reden);
    }
  },
};

/** Eenheid 14, 16, 83 or 84 with the end open or after 2020-12-31 requires Frequentie 2, 4 or 6. */
function frequentieBijEenheid(ctx: RegelContext, code: string, klassen: string[]): void {
  for (const p of producten(ctx, ...klassen)) {
    const eenheid = p.at('Omvang', 'Eenheid');
    const eind = einddatum(p);
    if (!eenheid || !openOfNa2020(eind) || !heeftWaarde(eenheid, '14', '16', '83', '84')) continue;
    const frequentie = p.at('Omvang', 'Frequentie');
    if (!heeftWaarde(frequentie, '2', '4', '6')) meld(ctx, code, eenheid, frequentie, eind);
  }
}

/** CS338: ToegewezenProduct, TeWijzigenProduct, NieuwProduct: Eenheid 14/16/83/84 (end open or after 2020) needs Frequentie 2/4/6. */
export const CS338: Regel = {
  code: 'CS338',
  berichten: ['301', '317'],
  check: (ctx) => frequentieBijEenheid(ctx, 'CS338', ['ToegewezenProduct', 'TeWijzigenProduct', 'NieuwProduct']),
};

/** CS343: AangevraagdProduct: Eenheid 14/16/83/84 (ToewijzingEinddatum open or after 2020) needs Frequentie 2/4/6. */
export const CS343: Regel = {
  code: 'CS343',
  berichten: ['315'],
  check: (ctx) => frequentieBijEenheid(ctx, 'CS343', ['AangevraagdProduct']),
};

export const PRODUCT_REGELS: readonly Regel[] = [
  CD041, CD043, CD075, CD076, CD077, CD078, CD079, CD080, CD095, CD096, CS003, CS335, CS336, CS338, CS343,
];
