/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in whole days, time-zone free (UTC underneath). */

const DAG_MS = 86_400_000;

function ms(datum: string): number {
  return Date.parse(`${datum}T00:00:00Z`);
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function plusDagen(datum: string, n: number): string {
  return iso(ms(datum) + n * DAG_MS);
}

/** Days from `van` to `tot` (tot − van; negative when tot lies before van). */
export function dagenTussen(van: string, tot: string): number {
  return Math.round((ms(tot) - ms(van)) / DAG_MS);
}

/** The same day n months later (or earlier), clamped to the month's last day (31 Aug − 6 months = 28/29 Feb). */
export function plusMaanden(datum: string, n: number): string {
  const [j, m, d] = datum.split('-').map(Number);
  const index = j * 12 + (m - 1) + n;
  const jaar = Math.floor(index / 12);
  const maand = index - jaar * 12;
  const laatste = new Date(Date.UTC(jaar, maand + 1, 0)).getUTCDate();
  return iso(Date.UTC(jaar, maand, Math.min(d, laatste)));
}

export function eersteVanMaand(datum: string): string {
  return `${datum.slice(0, 7)}-01`;
}

/** The previous calendar month of `vandaag`: first and last day, and its label YYYY-MM. */
export function vorigeMaand(vandaag: string): { van: string; tot: string; maand: string } {
  const van = plusMaanden(eersteVanMaand(vandaag), -1);
  return { van, tot: plusDagen(eersteVanMaand(vandaag), -1), maand: van.slice(0, 7) };
}

/** Calendar months from the month of `a` to the month of `b` (b − a). */
export function maandenTussen(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}


/**
 * Easter Sunday of a year (Gregorian computus, the anonymous algorithm of Meeus/Jones/Butcher):
 * the movable feestdagen hang on it.
 */
export function paaszondag(jaar: number): string {
  const a = jaar % 19;
  const b = Math.floor(jaar / 100);
  const c = jaar % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const maand = Math.floor((h + l - 7 * m + 114) / 31);
  const dag = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(jaar, maand - 1, dag));
}

/** 27 April, or 26 April when the 27th is a Sunday (Koningsdag is then celebrated on Saturday). */
export function koningsdag(jaar: number): string {
  const zevenentwintig = `${jaar}-04-27`;
  return weekdag(zevenentwintig) === 0 ? `${jaar}-04-26` : zevenentwintig;
}

/**
 * The algemeen erkende feestdagen of the Algemene termijnenwet (art. 3): Nieuwjaarsdag, tweede
 * Paas- and Pinksterdag, Hemelvaartsdag, Koningsdag, 5 mei (every year in that law, unlike many
 * cao's), eerste and tweede Kerstdag. Goede Vrijdag is not one; first Paas- and Pinksterdag are
 * Sundays anyway. Sorted.
 */
export function feestdagen(jaar: number): string[] {
  const pasen = paaszondag(jaar);
  return [
    `${jaar}-01-01`,
    plusDagen(pasen, 1),
    koningsdag(jaar),
    `${jaar}-05-05`,
    plusDagen(pasen, 39),
    plusDagen(pasen, 50),
    `${jaar}-12-25`,
    `${jaar}-12-26`,
  ].sort();
}

const feestdagenPerJaar = new Map<number, ReadonlySet<string>>();

/** 0 = Sunday … 6 = Saturday. */
function weekdag(datum: string): number {
  return new Date(ms(datum)).getUTCDay();
}

/**
 * A werkdag: Monday to Friday and not an algemeen erkende feestdag. The iStandaarden do not define
 * "werkdag" (istandaarden-3.2.md §4.2); this is the Algemene termijnenwet reading.
 */
export function isWerkdag(datum: string): boolean {
  const dag = weekdag(datum);
  if (dag === 0 || dag === 6) return false;
  const jaar = Number(datum.slice(0, 4));
  let vrij = feestdagenPerJaar.get(jaar);
  if (!vrij) {
    vrij = new Set(feestdagen(jaar));
    feestdagenPerJaar.set(jaar, vrij);
  }
  return !vrij.has(datum);
}

/** The n-th werkdag after `datum` (n < 0: before it); n = 0 gives `datum` itself. "Within 3 werkdagen of receipt" ends on plusWerkdagen(receipt, 3). */
export function plusWerkdagen(datum: string, n: number): string {
  const stap = n < 0 ? -1 : 1;
  let d = datum;
  for (let over = Math.abs(n); over > 0; ) {
    d = plusDagen(d, stap);
    if (isWerkdag(d)) over--;
  }
  return d;
}

/** `datum` when it is a werkdag, else the next werkdag (a term ending on a free day runs on, Atw art. 1). */
export function eersteWerkdagVanaf(datum: string): string {
  return isWerkdag(datum) ? datum : plusWerkdagen(datum, 1);
}

/**
 * Werkdagen from `van` to `tot`: those after `van` up to and including `tot`; negative (the same
 * count, the other way) when `tot` lies before `van`. For n ≥ 0, werkdagenTussen(a, plusWerkdagen(a, n)) = n.
 */
export function werkdagenTussen(van: string, tot: string): number {
  if (tot < van) return 0 - werkdagenTussen(tot, van); // 0 - 0 is +0, not -0
  let n = 0;
  for (let d = plusDagen(van, 1); d <= tot; d = plusDagen(d, 1)) if (isWerkdag(d)) n++;
  return n;
}
