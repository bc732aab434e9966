import { XmlElement } from './element';

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
  /** Record the offset of the end tag ('<' of '</') of elements at this depth or less (root: 1). */
  endTagsToDepth?: number;
}

export interface ScannedDocument {
  root: XmlElement;
  source: string;
  /**
   * Every element by local name, in document order (all namespaces together): the index the
   * rules engine works with, built while scanning so it costs no second pass over the tree.
   */
  elementsByLocal: ReadonlyMap<string, readonly XmlElement[]>;
  /** End tag offsets of the elements asked for with `endTagsToDepth` (empty otherwise). */
  endTags: ReadonlyMap<XmlElement, number>;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const DEFAULT_MAX_DEPTH = 64;

/**
 * What a start tag's qualified name resolves to. Entries are shared by all documents scanned on a
 * thread (small berichten would otherwise pay for building them every time); the fields below
 * `doc` belong to the document being scanned and are reset when another document uses the entry.
 */
interface NameEntry {
  readonly qname: string;
  readonly local: string;
  readonly prefix: string;
  /** No '>', quote or white space in the qname: a tag of exactly this name can be matched in place. */
  readonly plain: boolean;
  /** The start tag that followed this one last time: berichten repeat, so usually the next one. A hint, always checked. */
  next: NameEntry | null;
  /** The document (scan number) the fields below belong to. */
  doc: number;
  /** The index list of this local name in that document (shared by qnames with the same local name). */
  list: XmlElement[];
  /** Namespace resolved under binding generation `nsGeneration`. */
  ns: string | undefined;
  nsGeneration: number;
  /** Text of the last leaf with this name, when it had no markup or references: values repeat too. */
  lastText: string;
}

const NAMES = new Map<string, NameEntry>();
/** More distinct names than any set of berichten has: input with made-up names does not grow the cache. */
const MAX_NAMES = 4096;
const NO_LIST: XmlElement[] = [];
let scans = 0;
/** Namespace binding generations, unique across documents so cached namespaces never go stale. */
let generations = 0;

function nameEntry(name: string): NameEntry {
  let entry = NAMES.get(name);
  if (entry === undefined) {
    if (NAMES.size >= MAX_NAMES) NAMES.clear();
    // Own flat copies: a substring of the document would keep the whole document alive in the cache.
    const qname = internalize(name);
    const colon = qname.indexOf(':');
    const local = internalize(colon === -1 ? qname : qname.slice(colon + 1));
    const prefix = internalize(colon === -1 ? '' : qname.slice(0, colon));
    const plain = !/[>"'\s]/.test(qname);
    entry = { qname, local, prefix, plain, next: null, doc: 0, list: NO_LIST, ns: undefined, nsGeneration: -1, lastText: '' };
    NAMES.set(qname, entry);
  }
  return entry;
}

/**
 * A small, strict, namespace-aware XML reader for berichten. It builds the element tree the rules
 * work on; schema validation is libxml2's job. It never expands entities other than the five
 * predefined ones and character references, and it refuses DOCTYPE declarations (XXE, billion laughs).
 *
 * Performance (bench/README.md): one pass with indexOf/charCodeAt; the next tag's name is
 * predicted and checked in place, so most tags cost no substring; local names are shared
 * (interned), not copied per element; repeated leaf values share one string; children arrays are
 * built once at the end tag with their exact length; the by-local-name index is filled on the way.
 */
export function scanXml(source: string, options: ScanOptions = {}): ScannedDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const endTagsToDepth = options.endTagsToDepth ?? 0;
  const endTags = new Map<XmlElement, number>();
  const len = source.length;
  let pos = 0;
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let depth = 0;
  // Namespace bindings; declarations are rare (the root), so only declaring elements save state.
  const prefixes = new Map<string, string>([['xml', XML_NS]]);
  const saved: Array<{ depth: number; previous: Array<[string, string | undefined]> }> = [];
  let nsGeneration = ++generations;
  const doc = ++scans;
  const byLocal = new Map<string, XmlElement[]>();
  // Entries this document used: their per-document fields are cleared at the end, so the shared
  // cache keeps no reference to this document's elements or text.
  const used: NameEntry[] = [];
  // Children of all open elements, flattened; marks[d] is where the children of open element d start.
  const pending: XmlElement[] = [];
  const marks: number[] = [];
  // Name entries of the open elements (for matching end tags in place).
  const open: NameEntry[] = [];
  let textStart = -1;
  let previousEntry: NameEntry | null = null;
  // Depth of the innermost element that declared namespaces (-1: none).
  let savedDepth = -1;

  const fail = (message: string, at: number): never => {
    throw new XmlInputError(message, lineAt(source, at));
  };

  const use = (entry: NameEntry): void => {
    let list = byLocal.get(entry.local);
    if (list === undefined) byLocal.set(entry.local, (list = []));
    entry.doc = doc;
    entry.list = list;
    entry.lastText = '';
    entry.nsGeneration = -1;
    used.push(entry);
  };

  const restoreScope = (): void => {
    // Called after depth was decremented for the element that declared namespaces.
    const top = saved.pop() as { depth: number; previous: Array<[string, string | undefined]> };
    savedDepth = saved.length > 0 ? saved[saved.length - 1].depth : -1;
    const previous = top.previous;
    for (let i = previous.length - 1; i >= 0; i--) {
      const [prefix, value] = previous[i];
      if (value === undefined) prefixes.delete(prefix);
      else prefixes.set(prefix, value);
    }
    nsGeneration = ++generations;
  };

  try {
    while (pos < len) {
      const lt = source.indexOf('<', pos);
      if (lt === -1) {
        if (current) fail('unexpected end of document: element not closed', len);
        if (source.slice(pos).trim() !== '') fail('text after the root element', pos);
        break;
      }
      if (!current && lt > pos && source.slice(pos, lt).trim() !== '') fail('text outside the root element', pos);
      const next = source.charCodeAt(lt + 1);
      if (next === 47 /* / */) {
        // End tag. Usually it repeats the start tag's qname exactly: check that in place.
        const openEntry = open.pop();
        let gt: number;
        if (openEntry !== undefined && openEntry.plain && source.charCodeAt(lt + 2 + openEntry.qname.length) === 62 && sameAt(source, lt + 2, openEntry.qname)) {
          gt = lt + 2 + openEntry.qname.length;
        } else {
          gt = source.indexOf('>', lt + 2);
          if (gt === -1 || !current) fail('unexpected end tag', lt);
          const local = (current as XmlElement).local;
          if (!endTagMatches(source, lt + 2, gt, local)) fail(`end tag does not match start tag <${local}>`, lt);
        }
        const el = current as XmlElement;
        if (depth <= endTagsToDepth) endTags.set(el, lt);
        const mark = marks.pop() as number;
        if (pending.length > mark) {
          el.children = pending.slice(mark);
          pending.length = mark;
        } else if (textStart >= 0) {
          // Leaf: text runs from the start tag to here. pos === textStart means nothing was skipped
          // in between (no comment, PI or CDATA), so the text is one plain slice; and the last start
          // tag was this leaf's own, so previousEntry is its name entry.
          if (pos === textStart) {
            const entry = previousEntry as NameEntry;
            const last = entry.lastText;
            if (last.length === lt - textStart && sameAt(source, textStart, last)) {
              el.text = last; // the same value as the previous leaf of this name: share the string
            } else {
              const raw = source.slice(textStart, lt);
              if (raw.indexOf('&') === -1) el.text = entry.lastText = raw;
              else el.text = decodeEntities(raw, textStart, fail);
            }
          } else {
            el.text = leafText(source, textStart, lt, fail);
          }
        }
        if (depth-- === savedDepth) restoreScope();
        current = el.parent;
        textStart = -1;
        pos = gt + 1;
        continue;
      }
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
      // Start tag. Usually the name that followed the previous start tag last time: check in place.
      let gt = -1;
      let selfClosing = false;
      let entry: NameEntry | null = previousEntry === null ? null : previousEntry.next;
      let attrs: Array<[string, string]> | null = null;
      if (entry !== null && entry.plain && sameAt(source, lt + 1, entry.qname)) {
        const after = lt + 1 + entry.qname.length;
        const c = source.charCodeAt(after);
        if (c === 62) gt = after;
        else if (c === 47 && source.charCodeAt(after + 1) === 62) {
          gt = after + 1;
          selfClosing = true;
        }
      }
      if (gt === -1) {
        gt = findTagEnd(source, lt + 1);
        if (gt === -1) fail('unterminated start tag', lt);
        selfClosing = source.charCodeAt(gt - 1) === 47;
        const bodyEnd = selfClosing ? gt - 1 : gt;
        let nameEnd = lt + 1;
        while (nameEnd < bodyEnd && !isSpace(source.charCodeAt(nameEnd))) nameEnd++;
        if (nameEnd === bodyEnd && nameEnd > lt + 1) {
          entry = nameEntry(source.slice(lt + 1, nameEnd));
          if (previousEntry !== null) previousEntry.next = entry;
        } else {
          const parts = splitTag(source.slice(lt + 1, bodyEnd), lt, fail);
          attrs = parts.attrs;
          entry = nameEntry(parts.qname);
        }
      }
      const name = entry as NameEntry;
      if (name.doc !== doc) use(name);
      previousEntry = name;
      if (!current && root) fail('more than one root element', lt);
      if (++depth > maxDepth) fail(`nesting deeper than ${maxDepth} elements`, lt);
      if (attrs !== null) declareNamespaces(attrs);
      if (name.nsGeneration !== nsGeneration) {
        name.ns = prefixes.get(name.prefix);
        name.nsGeneration = nsGeneration;
      }
      const ns = name.ns;
      if (ns === undefined && name.prefix !== '') fail(`undeclared namespace prefix '${name.prefix}'`, lt);
      const el = new XmlElement(name.local, ns ?? '', current, lt);
      name.list.push(el);
      if (current) pending.push(el);
      else root = el;
      if (selfClosing) {
        if (depth-- === savedDepth) restoreScope();
        textStart = -1;
      } else {
        marks.push(pending.length);
        open.push(name);
        current = el;
        textStart = gt + 1;
      }
      pos = gt + 1;
    }
    if (current) fail('unexpected end of document: element not closed', len);
    if (!root) fail('no root element', 0);
  } finally {
    for (const entry of used) {
      entry.list = NO_LIST;
      entry.lastText = '';
    }
  }
  return { root: root as XmlElement, source, elementsByLocal: byLocal, endTags };

  function declareNamespaces(attrs: Array<[string, string]>): void {
    let previous: Array<[string, string | undefined]> | null = null;
    for (const [name, value] of attrs) {
      let prefix: string | null = null;
      if (name === 'xmlns') prefix = '';
      else if (name.startsWith('xmlns:')) prefix = name.slice(6);
      if (prefix === null) continue;
      (previous ??= []).push([prefix, prefixes.get(prefix)]);
      // A flat copy: the shared name cache keeps resolved namespaces, and a substring would keep
      // the whole document alive until the next scan.
      prefixes.set(prefix, internalize(value));
    }
    if (previous) {
      saved.push({ depth, previous });
      savedDepth = depth;
      nsGeneration = ++generations;
    }
  }
}

/**
 * True when the end tag's name (from..gt, trailing white space ignored) has `local` as its local
 * part. Like the start tag, only the local name is compared.
 */
function endTagMatches(source: string, from: number, gt: number, local: string): boolean {
  const last = source.charCodeAt(gt - 1);
  if (last > 32 && last < 127) {
    // Common case: no trailing white space, so no trimming and no substring.
    let start = from;
    for (let i = from; i < gt; i++) {
      if (source.charCodeAt(i) === 58 /* : */) {
        start = i + 1;
        break;
      }
    }
    return gt - start === local.length && sameAt(source, start, local);
  }
  const qname = source.slice(from, gt).trimEnd();
  const colon = qname.indexOf(':');
  return (colon === -1 ? qname : qname.slice(colon + 1)) === local;
}

/** source.startsWith(s, at) without the builtin's overhead (it is called for every tag). */
function sameAt(source: string, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (source.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
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

/**
 * The same text as a V8 internalized string, so comparisons with name literals in the rules
 * (el.local === 'Bsn') are pointer comparisons. Property keys are always internalized.
 */
function internalize(s: string): string {
  const o: Record<string, number> = {};
  o[s] = 0;
  return Object.keys(o)[0] ?? s;
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
