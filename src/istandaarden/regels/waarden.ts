import type { XmlElement } from '../xml/element';

/**
 * Value tests in the sense of the official rule XSLT: "#" = element present, "*" = element
 * present with non-blank text, a list = text equals one of the values (after trimming).
 */
export function aanwezig(el: XmlElement | undefined): el is XmlElement {
  return el !== undefined;
}

export function gevuld(el: XmlElement | undefined): el is XmlElement {
  return el !== undefined && el.text.trim() !== '';
}

export function leeg(el: XmlElement | undefined): boolean {
  return !gevuld(el);
}

export function heeftWaarde(el: XmlElement | undefined, ...waarden: string[]): boolean {
  if (!el) return false;
  const t = el.text.trim();
  return waarden.includes(t);
}

/** 'YYYY-MM-DD' as the number YYYYMMDD, the way the XSLT compares dates. */
export function datumGetal(datum: string): number {
  return Number(datum.slice(0, 10).replace(/-/g, ''));
}

/** True when a is after b (both ISO dates). */
export function naDatum(a: string, b: string): boolean {
  return datumGetal(a) > datumGetal(b);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dagenInMaand(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds months; a day beyond the target month's end is truncated to its last day. */
export function plusMaanden(datum: string, maanden: number): string {
  const y = Number(datum.slice(0, 4));
  const m = Number(datum.slice(5, 7));
  const d = Number(datum.slice(8, 10));
  const total = y * 12 + (m - 1) + maanden;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, dagenInMaand(ny, nm)));
}

export function plusDagen(datum: string, dagen: number): string {
  const t = Date.UTC(Number(datum.slice(0, 4)), Number(datum.slice(5, 7)) - 1, Number(datum.slice(8, 10)));
  const d = new Date(t + dagen * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 11-proef for BSN (CS002): (9·d1 + 8·d2 + … + 2·d8 − 1·d9) mod 11 = 0. */
export function elfproef(bsn: string): boolean {
  if (!/^[0-9]{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (bsn.charCodeAt(i) - 48);
  sum -= bsn.charCodeAt(8) - 48;
  return sum % 11 === 0;
}
