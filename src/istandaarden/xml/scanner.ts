import { XmlElement, appendChild } from './element';

/** Input the scanner refuses or cannot read. The message is safe to show: it never repeats content. */
export class XmlInputError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}

export interface ScanOptions {
  /** Deepest allowed element nesting; deeper input is refused (no bericht nests beyond ~10). */
  maxDepth?: number;
}

export interface ScannedDocument {
  root: XmlElement;
  source: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const DEFAULT_MAX_DEPTH = 64;

/**
 * A small, strict, namespace-aware XML reader for berichten. It builds the element tree the rules
 * work on; schema validation is libxml2's job. It never expands entities other than the five
 * predefined ones and character references, and it refuses DOCTYPE declarations (XXE, billion laughs).
 */
export function scanXml(source: string, options: ScanOptions = {}): ScannedDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const len = source.length;
  let pos = 0;
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let depth = 0;
  // Namespace scopes: each open element pushes the bindings it declares (or null).
  const scopes: (Map<string, string> | null)[] = [];
  const prefixes = new Map<string, string>([['xml', XML_NS]]);
  const shadowed: (Array<[string, string | undefined]> | null)[] = [];
  let textStart = -1;

  const fail = (message: string, at: number): never => {
    throw new XmlInputError(message, lineAt(source, at));
  };

  while (pos < len) {
    const lt = source.indexOf('<', pos);
    if (lt === -1) {
      if (current) fail('unexpected end of document: element not closed', len);
      if (source.slice(pos).trim() !== '') fail('text after the root element', pos);
      break;
    }
    if (!current && lt > pos && source.slice(pos, lt).trim() !== '') fail('text outside the root element', pos);
    const next = source.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = source.indexOf('?>', lt + 2);
      if (end === -1) fail('unterminated processing instruction', lt);
      pos = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (source.startsWith('<!--', lt)) {
        const end = source.indexOf('-->', lt + 4);
        if (end === -1) fail('unterminated comment', lt);
        pos = end + 3;
        continue;
      }
      if (source.startsWith('<![CDATA[', lt)) {
        if (!current) fail('CDATA outside the root element', lt);
        const end = source.indexOf(']]>', lt + 9);
        if (end === -1) fail('unterminated CDATA section', lt);
        // Leaf text may mix CDATA and plain text; collect it when the element closes.
        pos = end + 3;
        continue;
      }
      if (source.startsWith('<!DOCTYPE', lt) || source.startsWith('<!ENTITY', lt)) {
        fail('DOCTYPE and entity declarations are not allowed in a bericht', lt);
      }
      fail('unexpected markup declaration', lt);
    }
    if (next === 47 /* / */) {
      // End tag.
      const gt = source.indexOf('>', lt + 2);
      if (gt === -1 || !current) fail('unexpected end tag', lt);
      const qname = source.slice(lt + 2, gt).trimEnd();
      const el = current as XmlElement;
      const colon = qname.indexOf(':');
      const local = colon === -1 ? qname : qname.slice(colon + 1);
      if (local !== el.local) fail(`end tag does not match start tag <${el.local}>`, lt);
      if (el.children.length === 0 && textStart >= 0) el.text = leafText(source, textStart, lt, fail);
      popScope(prefixes, scopes, shadowed);
      current = el.parent;
      depth--;
      textStart = -1;
      pos = gt + 1;
      continue;
    }
    // Start tag.
    const gt = findTagEnd(source, lt + 1);
    if (gt === -1) fail('unterminated start tag', lt);
    const selfClosing = source.charCodeAt(gt - 1) === 47;
    const body = source.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const { qname, attrs } = splitTag(body, lt, fail);
    if (!current && root) fail('more than one root element', lt);
    if (++depth > maxDepth) fail(`nesting deeper than ${maxDepth} elements`, lt);
    pushScope(attrs, prefixes, scopes, shadowed);
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const ns = prefixes.get(prefix);
    if (ns === undefined && prefix !== '') fail(`undeclared namespace prefix '${prefix}'`, lt);
    const el = new XmlElement(local, ns ?? '', current, lt);
    if (current) appendChild(current, el);
    else root = el;
    if (selfClosing) {
      popScope(prefixes, scopes, shadowed);
      depth--;
      textStart = -1;
    } else {
      current = el;
      textStart = gt + 1;
    }
    pos = gt + 1;
  }
  if (current) fail('unexpected end of document: element not closed', len);
  if (!root) fail('no root element', 0);
  return { root: root as XmlElement, source };
}

function findTagEnd(source: string, from: number): number {
  // '>' may appear inside attribute values; skip quoted parts.
  let i = from;
  const len = source.length;
  while (i < len) {
    const c = source.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const close = source.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    i++;
  }
  return -1;
}

interface TagParts {
  qname: string;
  attrs: Array<[string, string]> | null;
}

function splitTag(body: string, at: number, fail: (m: string, at: number) => never): TagParts {
  let i = 0;
  const len = body.length;
  while (i < len && !isSpace(body.charCodeAt(i))) i++;
  const qname = body.slice(0, i);
  if (qname === '') fail('empty element name', at);
  let attrs: Array<[string, string]> | null = null;
  while (i < len) {
    while (i < len && isSpace(body.charCodeAt(i))) i++;
    if (i >= len) break;
    const eq = body.indexOf('=', i);
    if (eq === -1) fail('malformed attribute', at);
    const name = body.slice(i, eq).trim();
    let q = eq + 1;
    while (q < len && isSpace(body.charCodeAt(q))) q++;
    const quote = body.charAt(q);
    if (quote !== '"' && quote !== "'") fail('attribute value without quotes', at);
    const close = body.indexOf(quote, q + 1);
    if (close === -1) fail('unterminated attribute value', at);
    (attrs ??= []).push([name, decodeEntities(body.slice(q + 1, close), at, fail)]);
    i = close + 1;
  }
  return { qname, attrs };
}

function pushScope(
  attrs: Array<[string, string]> | null,
  prefixes: Map<string, string>,
  scopes: (Map<string, string> | null)[],
  shadowed: (Array<[string, string | undefined]> | null)[],
): void {
  let saved: Array<[string, string | undefined]> | null = null;
  if (attrs) {
    for (const [name, value] of attrs) {
      let prefix: string | null = null;
      if (name === 'xmlns') prefix = '';
      else if (name.startsWith('xmlns:')) prefix = name.slice(6);
      if (prefix === null) continue;
      (saved ??= []).push([prefix, prefixes.get(prefix)]);
      prefixes.set(prefix, value);
    }
  }
  scopes.push(null);
  shadowed.push(saved);
}

function popScope(
  prefixes: Map<string, string>,
  scopes: (Map<string, string> | null)[],
  shadowed: (Array<[string, string | undefined]> | null)[],
): void {
  scopes.pop();
  const saved = shadowed.pop();
  if (!saved) return;
  for (let i = saved.length - 1; i >= 0; i--) {
    const [prefix, previous] = saved[i];
    if (previous === undefined) prefixes.delete(prefix);
    else prefixes.set(prefix, previous);
  }
}

function leafText(source: string, start: number, end: number, fail: (m: string, at: number) => never): string {
  const raw = source.slice(start, end);
  if (raw.indexOf('<') === -1) return raw.indexOf('&') === -1 ? raw : decodeEntities(raw, start, fail);
  // Comments, PIs or CDATA inside a leaf: keep only character data.
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt === -1) {
      out += decodeEntities(raw.slice(i), start, fail);
      break;
    }
    out += decodeEntities(raw.slice(i, lt), start, fail);
    if (raw.startsWith('<![CDATA[', lt)) {
      const close = raw.indexOf(']]>', lt);
      out += raw.slice(lt + 9, close);
      i = close + 3;
    } else if (raw.startsWith('<!--', lt)) {
      i = raw.indexOf('-->', lt) + 3;
    } else {
      i = raw.indexOf('?>', lt) + 2;
    }
  }
  return out;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, at: number, fail: (m: string, at: number) => never): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) fail('malformed entity reference', at);
    if (name.startsWith('#x')) return codePoint(parseInt(name.slice(2), 16), at, fail);
    if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10), at, fail);
    const value = PREDEFINED[name];
    if (value === undefined) fail('undeclared entity reference', at);
    return value;
  });
}

function codePoint(cp: number, at: number, fail: (m: string, at: number) => never): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff) fail('invalid character reference', at);
  return String.fromCodePoint(cp);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** 1-based line of an offset; only computed for error reports. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}
