/**
 * The wall clock in the Netherlands (Europe/Amsterdam) as plain UTC fields of a shifted Date.
 * Intl's formatToParts cost ~10 µs a call and ran several times per bericht (StUF tijdstippen,
 * DagtekeningRetour); the offset is asked once per UTC hour instead. Offsets of Europe/Amsterdam
 * change only on a whole UTC hour (01:00 UTC), so within an hour they are constant.
 */
const UUR_MS = 3_600_000;

const OFFSET_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

let cacheUur = Number.NaN;
let cacheOffset = 0;

function offsetMs(ms: number): number {
  const uur = Math.floor(ms / UUR_MS);
  if (uur === cacheUur) return cacheOffset;
  const start = uur * UUR_MS;
  const p: Record<string, number> = {};
  for (const part of OFFSET_FORMAT.formatToParts(new Date(start))) p[part.type] = Number(part.value);
  cacheOffset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
  cacheUur = uur;
  return cacheOffset;
}

/** A Date whose getUTC* fields are the Dutch local date and time of `moment`. */
export function nederlandseTijd(moment: Date): Date {
  const ms = moment.getTime();
  return new Date(ms + offsetMs(ms));
}

const twee = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The date in the Netherlands at `moment` as an ISO date (the calendar the rules count in). */
export function vandaagInNederland(moment: Date = new Date()): string {
  const t = nederlandseTijd(moment);
  return `${t.getUTCFullYear()}-${twee(t.getUTCMonth() + 1)}-${twee(t.getUTCDate())}`;
}
