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

/** Today's date in the Netherlands (the calendar the rules count in). */
export function vandaagInNederland(nu: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(nu);
}
