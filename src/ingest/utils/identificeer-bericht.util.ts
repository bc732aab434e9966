import { BerichtInputError, prepareInput, prepareInputHead, scanXml, XmlInputError, type XmlElement } from '../../istandaarden';
import type { BerichtIdentiteit } from '../inbound-bericht.types';

/** The bericht cannot be identified; `reason` is safe to show (never repeats content). */
export class NietHerkendError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NietHerkendError';
  }
}

/** Longest header value kept; longer ones are not a bericht header (and would not fit the index). */
export const MAX_HEADER_VALUE = 64;

/**
 * Reads just enough to identify a bericht: the core's input checks (size, UTF-8, no DOCTYPE), the
 * root namespace, and the Header element only. The full XSD and rule checks come later, in the worker.
 */
export function identificeerBericht(raw: Uint8Array, maxBytes: number): BerichtIdentiteit {
  let prepared;
  try {
    // Only the start is decoded (the whole is checked to be UTF-8); a Header that does not end
    // within it is read from the whole document.
    prepared = prepareInputHead(raw, maxBytes);
    if (prepared.head && !HEADER_END.test(prepared.text)) prepared = prepareInput(raw, maxBytes);
  } catch (e) {
    if (e instanceof BerichtInputError) throw new NietHerkendError(e.message);
    throw e;
  }
  const definitie = prepared.bericht;
  if (!definitie) {
    const ns = prepared.rootNamespace ? `'${prepared.rootNamespace.slice(0, 120)}'` : '(none)';
    throw new NietHerkendError(`root element namespace ${ns} is not an iWmo 3.2 or iJw 3.2 bericht`);
  }
  const header = readHeader(prepared.text);
  const berichtcode = requiredText(header, ['BerichtCode']);
  const afzender = requiredText(header, ['Afzender']);
  const identificatie = requiredText(header, ['BerichtIdentificatie', 'Identificatie']);
  return {
    bericht: definitie.naam,
    domein: definitie.domein,
    berichtcode,
    afzender,
    ontvanger: optionalText(header, ['Ontvanger']),
    identificatie,
    dagtekening: isoDate(optionalText(header, ['BerichtIdentificatie', 'Dagtekening'])),
  };
}

const HEADER_END = /<\/(?:[A-Za-z_][\w.-]*:)?Header\s*>/;

/**
 * Parses only the document up to the end of the first Header element, closed off with the root's
 * end tag, so a 25 MB declaratie costs no more than a 305 here.
 */
function readHeader(text: string): XmlElement {
  const end = HEADER_END.exec(text);
  if (!end) throw new NietHerkendError('bericht has no Header element');
  const rootName = rootQName(text);
  let root: XmlElement;
  try {
    root = scanXml(text.slice(0, end.index + end[0].length) + `</${rootName}>`).root;
  } catch (e) {
    if (e instanceof XmlInputError) throw new NietHerkendError(`Header is not readable XML (line ${e.line}): ${e.message}`);
    throw e;
  }
  const header = root.children[0];
  if (!header || header.local !== 'Header') throw new NietHerkendError('the first element in the bericht is not its Header');
  return header;
}

/** The root element's qualified name; prepareInput has already checked the prolog. */
function rootQName(text: string): string {
  let pos = 0;
  for (;;) {
    while (/\s/.test(text[pos] ?? '')) pos++;
    if (text.startsWith('<?', pos)) pos = text.indexOf('?>', pos) + 2;
    else if (text.startsWith('<!--', pos)) pos = text.indexOf('-->', pos) + 3;
    else break;
  }
  const m = /^<([^\s/>]+)/.exec(text.slice(pos, pos + 256));
  if (!m) throw new NietHerkendError('not XML: no root element');
  return m[1];
}

function optionalText(header: XmlElement, path: string[]): string | null {
  const el = header.at(...path);
  if (!el) return null;
  const v = el.text.trim();
  if (v.length > MAX_HEADER_VALUE) throw new NietHerkendError(`Header ${path.join('/')} is longer than ${MAX_HEADER_VALUE} characters`);
  return v === '' ? null : v;
}

function requiredText(header: XmlElement, path: string[]): string {
  const v = optionalText(header, path);
  if (v === null) throw new NietHerkendError(`Header has no ${path.join('/')}`);
  return v;
}

/** A real calendar date in ISO form, else null. */
export function isoDate(value: string | null): string | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}
