/**
 * StUF Tijdstip (stuf0301.xsd: [0-9]{8,17}) as JJJJMMDDUUMMSSmmm in Dutch local time, the StUF
 * convention; the examples in voorbeelden/ use the first 14 digits.
 */
const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function stufTijdstip(moment: Date): string {
  const parts: Record<string, string> = {};
  for (const p of FORMAT.formatToParts(moment)) parts[p.type] = p.value;
  const ms = String(moment.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}${ms}`;
}
