import type { XmlElement } from '../xml/element';
import type { RegelContext } from './regel';
import { heeftWaarde } from './waarden';

/*
 * Helpers shared by the toewijzing/verzoek rules (301, 315, 317, 319), mirroring the semantics of
 * the official rule XSLT: node-set unions as locaties, XPath number comparisons, isPeriodOverlay.
 */

/** Reports like the XSLT's addError on a node-set union: each element once, in document order. */
export function meld(ctx: RegelContext, code: string, ...elements: ReadonlyArray<XmlElement | undefined>): void {
  const uniek = new Set<XmlElement>();
  for (const el of elements) if (el) uniek.add(el);
  ctx.report(code, [...uniek].sort((a, b) => a.offset - b.offset));
}

/**
 * XPath number(translate(text, '-', '')) for a date: NaN when absent, blank or not a plain
 * number, so that every comparison with it is false, as in XPath 1.0.
 */
export function getal(tekst: string | undefined): number {
  const t = (tekst ?? '').replace(/-/g, '').trim();
  return /^[0-9]+$/.test(t) ? Number(t) : NaN;
}

export function datum(el: XmlElement | undefined): number {
  return getal(el?.text);
}

/** XPath normalize-space. */
export function normaliseer(tekst: string): string {
  return tekst.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** The end-date field of each product class: 315 calls it ToewijzingEinddatum. */
export const EINDDATUM: Readonly<Record<string, string>> = {
  ToegewezenProduct: 'Einddatum',
  AangevraagdProduct: 'ToewijzingEinddatum',
  TeWijzigenProduct: 'Einddatum',
  NieuwProduct: 'Einddatum',
};

export function einddatum(product: XmlElement): XmlElement | undefined {
  return product.child(EINDDATUM[product.local]);
}

/** "not(Einddatum) or Einddatum > 2020-12-31": the condition of CD080/CD095/CD096/CS338/CS343. */
export function openOfNa2020(eind: XmlElement | undefined): boolean {
  return !eind || datum(eind) > 20201231;
}

/** Product categories 11-14 (hulpmiddelen), exempt from the iWmo overlap rules. */
export function isHulpmiddel(product: XmlElement): boolean {
  return heeftWaarde(product.at('Product', 'Categorie'), '11', '12', '13', '14');
}

/** First child whose local name ends with the suffix, as isPeriodOverlay selects its fields. */
function veldMetSuffix(el: XmlElement, suffix: string): XmlElement | undefined {
  for (const c of el.children) if (c.local.endsWith(suffix)) return c;
  return undefined;
}

/** The XSLT's isPeriodOverlay: an absent end is open; a missing or blank date compares as NaN. */
export function overlappen(a: XmlElement, b: XmlElement, startSuffix: string, eindSuffix: string): boolean {
  const aStart = datum(veldMetSuffix(a, startSuffix));
  const aEind = veldMetSuffix(a, eindSuffix);
  const bStart = datum(veldMetSuffix(b, startSuffix));
  const bEind = veldMetSuffix(b, eindSuffix);
  if (aEind && bEind) return !(datum(aEind) < bStart || datum(bEind) < aStart);
  if (aEind) return datum(aEind) >= bStart;
  if (bEind) return datum(bEind) >= aStart;
  return true;
}

interface CategorieGroep {
  alle: number[];
  zonderCode: number[];
  perCode: Map<string, number[]>;
}

/**
 * Calls visit(later, earlier) for every pair of siblings that are "the same product" for
 * TR302/TR386/TR410, in the XSLT's order (each product in document order, then its earlier
 * siblings in document order). Same product: equal Categorie and either equal Code or a Code
 * missing on one side; or one of them has neither Code nor Categorie. Grouped by categorie and
 * code, so only matching pairs are visited.
 */
export function zelfdeProductParen(producten: readonly XmlElement[], visit: (later: XmlElement, eerder: XmlElement) => void): void {
  const zonderBeide: number[] = [];
  const perCategorie = new Map<string, CategorieGroep>();
  producten.forEach((product, i) => {
    const categorie = product.at('Product', 'Categorie')?.text;
    const code = product.at('Product', 'Code')?.text;
    let kandidaten: number[];
    if (categorie === undefined && code === undefined) {
      kandidaten = Array.from({ length: i }, (_, j) => j);
    } else {
      const groep = categorie === undefined ? undefined : perCategorie.get(categorie);
      kandidaten = [...zonderBeide];
      if (groep) {
        if (code === undefined) kandidaten.push(...groep.alle);
        else kandidaten.push(...groep.zonderCode, ...(groep.perCode.get(code) ?? []));
      }
      kandidaten.sort((x, y) => x - y);
    }
    for (const j of kandidaten) visit(product, producten[j]);

    if (categorie === undefined && code === undefined) {
      zonderBeide.push(i);
    } else if (categorie !== undefined) {
      let groep = perCategorie.get(categorie);
      if (!groep) perCategorie.set(categorie, (groep = { alle: [], zonderCode: [], perCode: new Map() }));
      groep.alle.push(i);
      if (code === undefined) groep.zonderCode.push(i);
      else {
        const lijst = groep.perCode.get(code);
        if (lijst) lijst.push(i);
        else groep.perCode.set(code, [i]);
      }
    }
  });
}

/** Children with a local name, per parent, for the rules that compare siblings. */
export function kinderen(ctx: RegelContext, ouder: string, kind: string): XmlElement[][] {
  return ctx.elements(ouder).map((o) => o.childrenNamed(kind));
}
