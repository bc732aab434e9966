import type { BerichtDefinitie } from '../../istandaarden/catalogus';
import { BerichtInputError, prepareInput } from '../../istandaarden/input';
import { allocateBerichtBytes } from '../../istandaarden/validate';
import type { GgkPayload } from './types';

const BASE64_WHITESPACE = /[\t\n\r ]+/g;
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * Decodes parameters.bericht.xmlBestand and checks it is the XML bericht that stuurgegevens.functie
 * names (spec §2.2: base64, UTF-8 without BOM; §2.7: xmlBestand holds an XML bericht). A leading BOM
 * is removed and reported, not refused (README). Full well-formedness and the iStandaarden XSD are the
 * processing step's job (architecture §2.2); here: strict base64, UTF-8, no DOCTYPE, root namespace.
 */
export function decodeerPayload(
  base64: string,
  definitie: BerichtDefinitie,
  maxBytes: number,
): { ok: true; payload: GgkPayload } | { ok: false; reason: string } {
  const compact = base64.replace(BASE64_WHITESPACE, '');
  if (!isStrictBase64(compact)) return { ok: false, reason: 'xmlBestand is not valid base64' };
  const raw = decodeerBase64(compact);
  const bomVerwijderd = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  let prepared;
  try {
    prepared = prepareInput(bomVerwijderd ? raw.subarray(3) : raw, maxBytes);
  } catch (e) {
    if (e instanceof BerichtInputError) return { ok: false, reason: `payload: ${e.message}` };
    throw e;
  }
  if (prepared.bericht?.naam !== definitie.naam) {
    return { ok: false, reason: `payload root element is not in the namespace of ${definitie.naam}` };
  }
  return { ok: true, payload: { bytes: prepared.bytes, text: prepared.text, bomVerwijderd } };
}

/** Into a buffer of its own; a large payload into shared memory (allocateBerichtBytes). */
function decodeerBase64(compact: string): Uint8Array {
  const buf = allocateBerichtBytes((compact.length / 4) * 3);
  return buf.subarray(0, buf.write(compact, 'base64'));
}

/** Buffer.from(.., 'base64') skips what it cannot read; the schema type does not, and neither do we. */
function isStrictBase64(s: string): boolean {
  if (s.length % 4 !== 0 || NOT_BASE64.test(s)) return false;
  const pad = s.indexOf('=');
  return pad === -1 || (pad >= s.length - 2 && /^=+$/.test(s.slice(pad)));
}
