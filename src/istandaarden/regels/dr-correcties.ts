import type { XmlElement } from '../xml/element';
import type { Regel } from './regel';
import { normalizeSpace } from './dr-xpath';

/*
 * Rules on debits and credits within one declaratie (323). The XSLT compares each prestatie with
 * all earlier ones; here earlier values sit in hash maps. It matches the normalized value of the
 * current prestatie against the raw text of earlier ones, and so do these rules.
 */

/** TR315: a VorigReferentieNummer occurs only once in the bericht; a finding per (earlier, later) pair. */
export const TR315: Regel = {
  code: 'TR315',
  berichten: ['323'],
  check(ctx) {
    const eerder = new Map<string, XmlElement[]>();
    for (const referentie of productReferenties(ctx.elements('ProductReferentie'))) {
      const vorig = referentie.child('VorigReferentieNummer');
      for (const e of eerder.get(normalizeSpace(vorig?.text)) ?? []) ctx.report('TR315', [e, vorig]);
      onthoud(eerder, vorig);
    }
  },
};

/**
 * TR316: a debit may not be credited in the same bericht: a VorigReferentieNummer equal to an
 * earlier ReferentieNummer, a ReferentieNummer equal to an earlier VorigReferentieNummer, or a
 * prestatie whose ReferentieNummer equals its own VorigReferentieNummer.
 */
export const TR316: Regel = {
  code: 'TR316',
  berichten: ['323'],
  check(ctx) {
    const referenties = new Map<string, XmlElement[]>();
    const vorige = new Map<string, XmlElement[]>();
    for (const referentie of productReferenties(ctx.elements('ProductReferentie'))) {
      const nummer = referentie.child('ReferentieNummer');
      const vorig = referentie.child('VorigReferentieNummer');
      const n = normalizeSpace(nummer?.text);
      const v = normalizeSpace(vorig?.text);
      for (const e of referenties.get(v) ?? []) ctx.report('TR316', [e, vorig]);
      for (const e of vorige.get(n) ?? []) ctx.report('TR316', [e, nummer]);
      // why: as in the XSLT, a blank ReferentieNummer without VorigReferentieNummer also counts ('' = '').
      if (n === v) ctx.report('TR316', [nummer, vorig]);
      onthoud(referenties, nummer);
      onthoud(vorige, vorig);
    }
  },
};

/** ProductReferentie elements of prestaties, in document order. */
function* productReferenties(all: readonly XmlElement[]): Generator<XmlElement> {
  for (const el of all) if (el.parent?.local === 'Prestatie') yield el;
}

/** Indexes an element by its raw text; one without text is never matched (text()='x' needs a text node). */
function onthoud(index: Map<string, XmlElement[]>, el: XmlElement | undefined): void {
  if (!el || el.text === '') return;
  const lijst = index.get(el.text);
  if (lijst) lijst.push(el);
  else index.set(el.text, [el]);
}

/**
 * TR416: within one client's Prestaties, a debit with the same ProductPeriode (begin and end),
 * ProductCategorie, ToewijzingNummer and ProductCode as an earlier debit; a finding per pair.
 */
export const TR416: Regel = {
  code: 'TR416',
  berichten: ['323'],
  check(ctx) {
    const perOuder = new Map<XmlElement | null, Map<string, XmlElement[]>>();
    for (const prestatie of ctx.elements('Prestatie')) {
      const sleutel = tr416Sleutel(prestatie);
      if (sleutel === undefined) continue; // a missing field never compares equal in the XSLT
      let eerder = perOuder.get(prestatie.parent);
      if (!eerder) perOuder.set(prestatie.parent, (eerder = new Map()));
      const dc = prestatie.at('IngediendBedrag', 'DebetCredit');
      // The current prestatie must be exactly 'D'; earlier ones are compared after normalize-space.
      if (dc?.text === 'D') for (const e of eerder.get(sleutel) ?? []) ctx.report('TR416', [e, prestatie]);
      if (normalizeSpace(dc?.text) !== 'D') continue;
      const lijst = eerder.get(sleutel);
      if (lijst) lijst.push(prestatie);
      else eerder.set(sleutel, [prestatie]);
    }
  },
};

/** The key of TR416: ProductPeriode Begindatum and Einddatum, ProductCategorie, ToewijzingNummer, ProductCode; undefined when one is missing. */
function tr416Sleutel(prestatie: XmlElement): string | undefined {
  const periode = prestatie.child('ProductPeriode');
  const begin = periode?.child('Begindatum');
  const eind = periode?.child('Einddatum');
  const categorie = prestatie.child('ProductCategorie');
  const toewijzing = prestatie.child('ToewijzingNummer');
  const code = prestatie.child('ProductCode');
  if (!begin || !eind || !categorie || !toewijzing || !code) return undefined;
  return `${begin.text}\u0000${eind.text}\u0000${categorie.text}\u0000${toewijzing.text}\u0000${code.text}\u0000`;
}
