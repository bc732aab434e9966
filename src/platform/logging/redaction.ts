/**
 * Keys whose values are client data (BSN, name, birth date, address) and never reach a log line,
 * whatever object they sit in (architecture.md §7). Both the JSON spelling and the XML element
 * spelling are listed, because pino's redaction matches keys exactly.
 */
export const CLIENT_DATA_KEYS: readonly string[] = [
  'bsn', 'naam', 'geboortedatum', 'achternaam', 'voornamen', 'voorletters', 'voorvoegsel', 'geslachtsnaam',
  'partnernaam', 'adres', 'straat', 'straatnaam', 'huisnummer', 'huisletter', 'huisnummertoevoeging',
  'postcode', 'plaatsnaam', 'woonplaats', 'telefoonnummer', 'email', 'emailadres',
].flatMap((k) => [k, k[0].toUpperCase() + k.slice(1)]);

/** Keys whose values are secrets or raw message content. */
const OTHER_KEYS = ['authorization', 'Authorization', 'cookie', 'password', 'token', 'raw', 'xml'];

/** pino matches a wildcard at one level only, so each key is listed at depths 0 to 4. */
const DEPTH = 4;

export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of [...CLIENT_DATA_KEYS, ...OTHER_KEYS]) {
    for (let d = 0; d <= DEPTH; d++) paths.push('*.'.repeat(d) + key);
  }
  return paths;
}
