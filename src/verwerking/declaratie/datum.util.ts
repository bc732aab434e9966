/**
 * Calendar arithmetic on ISO dates (yyyy-mm-dd, no time zone) with integer day numbers, for the
 * volume maxima of istandaarden-3.2.md §6.2 ("Weeknummer berekenen": ISO-8601 weeks, Monday-Sunday).
 */

const DAG_MS = 86_400_000;

/**
 * A declaratie of 100,000 prestaties asks for the same few dates (its month, the toewijzingen's
 * dates) hundreds of thousands of times: conversions are remembered. Bounded, so a long-running
 * process never grows them past a few thousand entries.
 */
const MAX_ONTHOUDEN = 4096;

function onthoud<K, V>(cache: Map<K, V>, k: K, v: V): V {
  if (cache.size >= MAX_ONTHOUDEN) cache.clear();
  cache.set(k, v);
  return v;
}

const dagNummers = new Map<string, number>();
const datums = new Map<number, string>();
const laatsteDagen = new Map<string, string>();

/** Days since 1970-01-01 (a Thursday). */
export function dagNummer(datum: string): number {
  const n = dagNummers.get(datum);
  if (n !== undefined) return n;
  const [j, m, d] = datum.split('-').map(Number);
  return onthoud(dagNummers, datum, Date.UTC(j, m - 1, d) / DAG_MS);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdag(dag: number): number {
  return (((dag + 3) % 7) + 7) % 7;
}

/** Number of distinct ISO weeks (ISO-year, week) touched by [van, tot]; 0 when tot < van. */
export function isoWekenGeraakt(van: string, tot: string): number {
  const a = dagNummer(van);
  const b = dagNummer(tot);
  if (b < a) return 0;
  return ((b - weekdag(b)) - (a - weekdag(a))) / 7 + 1;
}

/** Number of Sundays in [van, tot]. */
export function zondagen(van: string, tot: string): number {
  const a = dagNummer(van);
  const b = dagNummer(tot);
  const eerste = a + ((6 - weekdag(a) + 7) % 7);
  return eerste > b ? 0 : Math.floor((b - eerste) / 7) + 1;
}

export function isZondag(datum: string): boolean {
  return weekdag(dagNummer(datum)) === 6;
}

/** The last Sunday on or before `datum`. */
export function laatsteZondagTot(datum: string): string {
  const d = dagNummer(datum);
  return vanDagNummer(d - ((weekdag(d) + 1) % 7));
}

export function dagen(van: string, tot: string): number {
  return Math.max(0, dagNummer(tot) - dagNummer(van) + 1);
}

/** Calendar months touched by [van, tot]. */
export function maandenGeraakt(van: string, tot: string): number {
  if (tot < van) return 0;
  const m = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
  return m(tot) - m(van) + 1;
}

export function vanDagNummer(dag: number): string {
  return datums.get(dag) ?? onthoud(datums, dag, new Date(dag * DAG_MS).toISOString().slice(0, 10));
}

export function eersteVanMaand(datum: string): string {
  return `${datum.slice(0, 7)}-01`;
}

export function laatsteVanMaand(datum: string): string {
  const l = laatsteDagen.get(datum);
  if (l !== undefined) return l;
  const [j, m] = datum.split('-').map(Number);
  return onthoud(laatsteDagen, datum, vanDagNummer(Date.UTC(j, m, 1) / DAG_MS - 1));
}

export function maxDatum(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDatum(a: string, b: string | null): string {
  return b !== null && b < a ? b : a;
}

/** round(teller / noemer) half-up for non-negative integers, exact (BigInt). */
export function deelAfgerond(teller: bigint, noemer: bigint): bigint {
  return (teller * 2n + noemer) / (noemer * 2n);
}
