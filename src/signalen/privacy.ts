/**
 * The last line of defence against client data in a signal (architecture.md §4.4): a signal is
 * refused when it holds a 9-digit number that passes the BSN 11-proef, or a field named like
 * personal data. Messages name the field, never its value.
 */

/** Field names that hold personal data; never allowed at any depth of a signal. */
const PERSOONSVELDEN = new Set(
  [
    'bsn', 'burgerservicenummer', 'naam', 'voornaam', 'voornamen', 'achternaam', 'geslachtsnaam', 'voorletters', 'voorvoegsel',
    'roepnaam', 'clientnaam', 'partnernaam', 'geboortedatum', 'adres', 'straat', 'straatnaam', 'huisnummer', 'postcode',
    'woonplaats', 'email', 'emailadres', 'telefoon', 'telefoonnummer',
  ].map((n) => n.toLowerCase()),
);

const BEDRAG = /(Centen|\.centen\.[^.]+)$/;
const NEGEN_CIJFERS = /(?<!\d)\d{9}(?!\d)/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The BSN 11-proef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (and not all zeros). */
export function isElfproefBsn(cijfers: string): boolean {
  if (!/^\d{9}$/.test(cijfers) || /^0+$/.test(cijfers)) return false;
  let som = 0;
  for (let i = 0; i < 8; i++) som += Number(cijfers[i]) * (9 - i);
  som -= Number(cijfers[8]);
  return som % 11 === 0;
}

/** A string holds a BSN-like number (uuids are left out: their hex may contain digit runs). */
function bevatBsn(tekst: string): boolean {
  const zonderUuid = tekst.replace(UUID, '-');
  return [...zonderUuid.matchAll(NEGEN_CIJFERS)].some((m) => isElfproefBsn(m[0]));
}

/**
 * The path of the first field that looks like client data, or null. Whole numbers are checked too,
 * except amounts in eurocents (keys ending in `Centen`, or `centen.<retourcode>` in declaratie.uitval):
 * a budget of € 1-10 million has 9 digits and passes the 11-proef one time in eleven, and refusing it
 * would block the declaratie that booked it.
 */
export function vindPersoonsgegeven(waarde: unknown, pad = '$'): string | null {
  if (typeof waarde === 'string') return bevatBsn(waarde) ? pad : null;
  if (typeof waarde === 'number') {
    if (BEDRAG.test(pad)) return null;
    return Number.isInteger(waarde) && bevatBsn(String(Math.abs(waarde)).padStart(9, '0')) && String(Math.abs(waarde)).length >= 8 ? pad : null;
  }
  if (Array.isArray(waarde)) {
    for (let i = 0; i < waarde.length; i++) {
      const p = vindPersoonsgegeven(waarde[i], `${pad}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (waarde !== null && typeof waarde === 'object') {
    for (const [k, v] of Object.entries(waarde)) {
      const p = `${pad}.${k}`;
      if (PERSOONSVELDEN.has(k.toLowerCase())) return p;
      const gevonden = vindPersoonsgegeven(v, p);
      if (gevonden) return gevonden;
    }
  }
  return null;
}
