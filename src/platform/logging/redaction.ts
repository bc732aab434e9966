/**
 * Keys whose values are client data (BSN, name, birth date, address) and never reach a log line,
 * whatever object they sit in (architecture.md §7). Both the JSON spelling and the XML element
 * spelling are listed, because keys are matched exactly.
 */
export const CLIENT_DATA_KEYS: readonly string[] = [
  'bsn', 'naam', 'geboortedatum', 'achternaam', 'voornamen', 'voorletters', 'voorvoegsel', 'geslachtsnaam',
  'partnernaam', 'adres', 'straat', 'straatnaam', 'huisnummer', 'huisletter', 'huisnummertoevoeging',
  'postcode', 'plaatsnaam', 'woonplaats', 'telefoonnummer', 'email', 'emailadres',
].flatMap((k) => [k, k[0].toUpperCase() + k.slice(1)]);

/** Keys whose values are secrets or raw message content. */
const OTHER_KEYS = ['authorization', 'Authorization', 'cookie', 'password', 'token', 'raw', 'xml'];

const CENSORED = new Set([...CLIENT_DATA_KEYS, ...OTHER_KEYS]);
export const CENSOR = '[redacted]';

/** Deeper than any object we log; beyond it a value is dropped rather than walked. */
const MAX_DEPTH = 8;

/**
 * The value with every censored key's value replaced by `[redacted]`, at any depth, in plain
 * objects and arrays. Copy on write: an object without such a key is returned as it is, so the
 * common case allocates nothing. Other instances (Error, Buffer, Date) are left to the
 * serializers. One walk over the object, where pino's path-based redaction walked ~250 wildcard
 * paths per line and per child logger.
 */
export function censorClientData<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return CENSOR as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const c = censorClientData(v, depth + 1);
      if (c !== v) (out ??= value.slice())[i] = c;
    }
    return (out ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    const v = obj[key];
    const c = CENSORED.has(key) ? (v === undefined ? v : CENSOR) : censorClientData(v, depth + 1);
    if (c !== v) (out ??= { ...obj })[key] = c;
  }
  return (out ?? value) as T;
}
