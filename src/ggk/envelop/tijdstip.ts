import { nederlandseTijd } from '../../platform/tijd/nederlandse-tijd';

/**
 * StUF Tijdstip (stuf0301.xsd: [0-9]{8,17}) as JJJJMMDDUUMMSSmmm in Dutch local time, the StUF
 * convention; the examples in voorbeelden/ use the first 14 digits.
 */
export function stufTijdstip(moment: Date): string {
  const t = nederlandseTijd(moment);
  const n = (v: number, l = 2) => String(v).padStart(l, '0');
  return `${t.getUTCFullYear()}${n(t.getUTCMonth() + 1)}${n(t.getUTCDate())}${n(t.getUTCHours())}${n(t.getUTCMinutes())}${n(t.getUTCSeconds())}${n(t.getUTCMilliseconds(), 3)}`;
}
