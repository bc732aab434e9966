const NL_DATUM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in the Netherlands at this moment (ISO), for DagtekeningRetour and TR135's system date. */
export function vandaagInNederland(nu: Date): string {
  const p: Record<string, string> = {};
  for (const part of NL_DATUM.formatToParts(nu)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}`;
}
