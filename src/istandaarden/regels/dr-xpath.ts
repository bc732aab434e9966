import type { XmlElement } from '../xml/element';
import type { RegelContext } from './regel';

/*
 * Value semantics of the official rule XSLT (XPath 1.0), for the rules in the dr-*.ts files.
 * The XSLT compares raw text, trims with normalize-space (XPath whitespace only) and turns dates
 * into numbers with translate(.,'-',''); a verdict can depend on those details, so they are
 * reproduced here instead of using the friendlier helpers in waarden.ts.
 */

const XPATH_WS_RUN = /[ \t\r\n]+/g;

/** normalize-space(): trims and collapses space, tab, CR and LF (not other Unicode spaces). */
export function normalizeSpace(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  if (!heeftXpathWitruimte(text)) return text; // the common case, without a regular expression or a new string
  return text.replace(XPATH_WS_RUN, ' ').replace(/^ | $/g, '');
}

function heeftXpathWitruimte(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * The value of a text of only decimal digits after an optional minus (at most 15 digits, so exact),
 * or undefined for anything else. The fast path of xpathNumber and datumNummer: these run several
 * times per prestatie, 100,000s of times for a large declaratie.
 */
function cijfers(text: string, van: number, tot: number): number | undefined {
  if (tot - van > 15 || tot <= van) return undefined;
  let v = 0;
  for (let i = van; i < tot; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return v;
}

/** number(): an optional minus and decimal digits between XPath whitespace; anything else is NaN. */
export function xpathNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  const negatief = text.charCodeAt(0) === 45;
  const snel = cijfers(text, negatief ? 1 : 0, text.length);
  if (snel !== undefined) return negatief ? -snel : snel;
  const t = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  return /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** string() of a number as XPath prints it (integers only matter here). */
export function xpathString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === 0) return '0';
  return String(n);
}

/** A date as the XSLT compares it: number(translate(text, '-', '')). NaN when absent or blank. */
export function datumNummer(text: string | undefined): number {
  if (text === undefined) return NaN;
  // YYYY-MM-DD, the form a valid date has: the digits read in place.
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const j = cijfers(text, 0, 4);
    const m = cijfers(text, 5, 7);
    const d = cijfers(text, 8, 10);
    if (j !== undefined && m !== undefined && d !== undefined) return j * 10000 + m * 100 + d;
  }
  return xpathNumber(text.replace(/-/g, ''));
}

/**
 * The XSLT's checkafter(pThis, pOther): a finding when either element is missing or pOther lies
 * after pThis (pThis cut to its first 10 characters first).
 */
export function nietNa(pThis: XmlElement | undefined, pOther: XmlElement | undefined): boolean {
  if (!pThis || !pOther) return true;
  return datumNummer(pOther.text) > datumNummer(pThis.text.slice(0, 10));
}

/** formatNumber: digits without leading zeros, '-' for negatives, '' for NaN. */
export function formatNumber(n: number): string {
  if (n < 0) return '-' + formatDigits(-n);
  if (n === 0) return '0';
  return formatDigits(n);
}

function formatDigits(n: number): string {
  return n > 0 ? formatDigits(Math.floor(n / 10)) + xpathString(n % 10) : '';
}

export type Overflow = 'carry' | 'truncate';

/**
 * adjustDate of the XSLT on a YYYYMMDD number: a day past the month's end carries into the next
 * month (carry) or is clipped to the last day (truncate); month 13+ rolls into the next year.
 * Its own calendar: every year divisible by 4 is a leap year (2100 included).
 */
export function adjustDate(datum: number, overflow: Overflow = 'carry'): number {
  let d = datum;
  // The XSLT recurses until nothing changes; NaN would recurse forever there.
  for (let i = 0; i < 1000 && !Number.isNaN(d); i++) {
    const dag = d % 100;
    const maand = Math.floor(d / 100) % 100;
    const jaar = Math.floor(d / 10000) % 10000;
    const max = maandLengte(maand, jaar);
    let v3 = d;
    if (max !== undefined && dag > max) v3 = overflow === 'carry' ? d - max + 100 : d - dag + max;
    const v4 = Math.floor(v3 / 100) % 100 > 12 ? v3 - 1200 + 10000 : v3;
    if (v4 === d) return d;
    d = v4;
  }
  return d;
}

function maandLengte(maand: number, jaar: number): number | undefined {
  if (maand === 4 || maand === 6 || maand === 9 || maand === 11) return 30;
  if (maand === 2) return jaar % 4 === 0 ? 29 : 28;
  if (maand >= 1 && maand <= 12) return 31;
  return undefined;
}

/** addDate: the date text plus a number of days, as a YYYYMMDD number ('' for a blank date). */
export function addDate(datum: string | undefined, dagen: number, overflow: Overflow = 'carry'): number | '' {
  if (normalizeSpace(datum) === '') return '';
  return adjustDate(datumNummer(datum) + dagen, overflow);
}

/** addMonths: the date text plus (or minus) a number of months, as a YYYYMMDD number. */
export function addMonths(datum: string | undefined, maanden: number, overflow: Overflow = 'carry'): number {
  let d = datumNummer(datum ?? '');
  let m = maanden;
  while (m < 0) {
    d -= 10000;
    m += 12;
  }
  while (m > 12) {
    d += 10000;
    m -= 12;
  }
  return adjustDate(d + 100 * m, overflow);
}

/** The Header's BerichtIdentificatie/Dagtekening element. */
export function dagtekeningElement(ctx: RegelContext): XmlElement | undefined {
  return ctx.root.child('Header')?.at('BerichtIdentificatie', 'Dagtekening');
}

/** The nearest ancestor with this local name. */
export function voorouder(el: XmlElement, local: string): XmlElement | undefined {
  for (let p = el.parent; p; p = p.parent) if (p.local === local) return p;
  return undefined;
}

/** Children with this local name, without allocating when there are none. */
export function* kinderen(el: XmlElement | undefined, local: string): Generator<XmlElement> {
  if (!el) return;
  for (const c of el.children) if (c.local === local) yield c;
}

/** Elements with this local name whose parent has the given local name. */
export function* onder(ctx: RegelContext, parent: string, local: string): Generator<XmlElement> {
  for (const el of ctx.elements(local)) if (el.parent?.local === parent) yield el;
}
