import type { BerichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';

/**
 * A large 323/325 split for schema validation into pieces that are each a complete document:
 * prefix (everything up to and including the <Clienten> start tag) + a run of whole Client
 * elements + suffix (from </Clienten> to the end). Offsets are in the text and, because a plan
 * is only made for ASCII input, also in the bytes.
 *
 * Why the verdict is the same as for the whole document: the schemas have no constraint that
 * relates one Client to another (no identity constraints or ID types: SchemaSet.splitsByClient),
 * Clienten is Client{1,unbounded}, and every Client is in exactly one piece. So the document is
 * schema-valid exactly when every piece is, provided the cuts lie on real element boundaries.
 * That proviso is checked against the scanned tree (verifySplit) before a clean result is
 * trusted; a piece with findings, or a plan that fails the check, sends the whole document to
 * libxml2 so that the findings (messages, lines) are exactly those of a whole-document run.
 */
export interface SplitPlan {
  /** Local names from the root to the container: ['Declaratie', 'Clienten'] or ['DeclaratieAntwoord', 'Clienten']. */
  path: readonly [string, string];
  /** End of the container's start tag (just after '>'). */
  prefixEnd: number;
  /** Start of the container's end tag ('<' of </...Clienten>). */
  suffixStart: number;
  /** Cuts: prefixEnd, then just after a </Client> end tag, ..., suffixStart. At least three. */
  cuts: number[];
}

const CONTAINER: Partial<Record<string, string>> = { '323': 'Declaratie', '325': 'DeclaratieAntwoord' };

/** How far into the document the <Clienten> start tag may be (the header is a few kB). */
const HEAD_LIMIT = 64 * 1024;

/**
 * Plans pieces of about `pieceChars` characters, or returns null when the bericht is not a
 * 323/325, not ASCII (byte and text offsets would differ), too small to split, or laid out in a
 * way this quick look does not follow (then the whole document is validated in one go).
 */
export function planSplit(text: string, byteLength: number, bericht: BerichtDefinitie, pieceChars: number): SplitPlan | null {
  const outer = CONTAINER[bericht.nummer];
  if (!outer || text.length !== byteLength || text.length < 2 * pieceChars) return null;
  const head = findContainer(text, outer);
  if (!head) return null;
  const suffixStart = text.lastIndexOf(`</${head.qname}`);
  if (suffixStart <= head.prefixEnd) return null;
  const first = firstChildQname(text, head.prefixEnd);
  if (first === null || localOf(first) !== 'Client') return null;
  const close = `</${first}>`;
  const cuts = [head.prefixEnd];
  let from = head.prefixEnd;
  while (suffixStart - from > pieceChars + pieceChars / 2) {
    const at = text.indexOf(close, from + pieceChars);
    if (at === -1 || at + close.length >= suffixStart) break;
    from = at + close.length;
    cuts.push(from);
  }
  cuts.push(suffixStart);
  return cuts.length >= 3 ? { path: [outer, 'Clienten'], prefixEnd: head.prefixEnd, suffixStart, cuts } : null;
}

/** Byte ranges (flat [start, end) pairs) of piece `i` of a plan, for a document of `length` bytes. */
export function pieceRanges(plan: SplitPlan, i: number, length: number): number[] {
  return [0, plan.prefixEnd, plan.cuts[i], plan.cuts[i + 1], plan.suffixStart, length];
}

/**
 * True when the plan's cuts are real element boundaries of the scanned tree: the prefix ends with
 * the container's start tag, the suffix starts with its end tag, and every inner cut is the end
 * of one of its children. `endTags` holds the offset of each shallow element's end tag.
 */
export function verifySplit(plan: SplitPlan, root: XmlElement, source: string, endTags: ReadonlyMap<XmlElement, number>): boolean {
  const outer = root.child(plan.path[0]);
  const container = outer?.child(plan.path[1]);
  if (!outer || !container) return false;
  if (tagEnd(source, container.offset) !== plan.prefixEnd) return false;
  if (endTags.get(container) !== plan.suffixStart) return false;
  const childEnds = new Set<number>();
  for (const c of container.children) {
    const lt = endTags.get(c);
    if (lt !== undefined) childEnds.add(tagEnd(source, lt));
  }
  for (let i = 1; i < plan.cuts.length - 1; i++) if (!childEnds.has(plan.cuts[i])) return false;
  return true;
}

/** Just after the '>' of the tag starting at `lt` (quoted attribute values skipped); -1 if none. */
function tagEnd(source: string, lt: number): number {
  let i = lt + 1;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 62) return i + 1;
    if (c === 34 || c === 39) {
      const q = source.indexOf(c === 34 ? '"' : "'", i + 1);
      if (q === -1) return -1;
      i = q + 1;
    } else {
      i++;
    }
  }
  return -1;
}

function localOf(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function qnameAt(source: string, from: number): string {
  let i = from;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    i++;
  }
  return source.slice(from, i);
}

/**
 * Walks the tags of the head (skipping the prolog, comments, PIs and CDATA) to the start tag of
 * Bericht/<outer>/Clienten. Null when it is not within HEAD_LIMIT or the head is unexpected.
 */
function findContainer(source: string, outer: string): { qname: string; prefixEnd: number } | null {
  const path: string[] = [];
  let pos = 0;
  const limit = Math.min(source.length, HEAD_LIMIT);
  while (pos < limit) {
    const lt = source.indexOf('<', pos);
    if (lt === -1 || lt >= limit) return null;
    if (source.startsWith('<!--', lt)) {
      pos = source.indexOf('-->', lt + 4) + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      pos = source.indexOf(']]>', lt + 9) + 3;
    } else if (source.startsWith('<?', lt)) {
      pos = source.indexOf('?>', lt + 2) + 2;
    } else if (source.charCodeAt(lt + 1) === 33 /* ! */) {
      return null;
    } else if (source.charCodeAt(lt + 1) === 47 /* / */) {
      path.pop();
      pos = source.indexOf('>', lt) + 1;
    } else {
      const end = tagEnd(source, lt);
      if (end === -1) return null;
      const qname = qnameAt(source, lt + 1);
      const selfClosing = source.charCodeAt(end - 2) === 47;
      if (!selfClosing) path.push(localOf(qname));
      if (!selfClosing && path.length === 3 && path[1] === outer && path[2] === 'Clienten') return { qname, prefixEnd: end };
      pos = end;
    }
    if (pos <= lt) return null;
  }
  return null;
}

/** Qualified name of the first start tag at or after `from`, skipping white space and comments. */
function firstChildQname(source: string, from: number): string | null {
  let pos = from;
  for (;;) {
    const lt = source.indexOf('<', pos);
    if (lt === -1 || source.slice(pos, lt).trim() !== '') return null;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end === -1) return null;
      pos = end + 3;
      continue;
    }
    const c = source.charCodeAt(lt + 1);
    if (c === 47 || c === 33 || c === 63) return null;
    return qnameAt(source, lt + 1);
  }
}
