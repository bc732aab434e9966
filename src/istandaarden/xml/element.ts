/** A namespace-aware element of a parsed bericht. Leaf elements carry their text. */
export class XmlElement {
  children: XmlElement[] = NO_CHILDREN;
  /** Text of a leaf element (entities decoded); '' for elements with child elements. */
  text = '';

  constructor(
    /** Local name, without prefix. */
    readonly local: string,
    /** Namespace URI ('' when none). */
    readonly ns: string,
    readonly parent: XmlElement | null,
    /** Offset of the start tag in the source text, for line numbers on demand. */
    readonly offset: number,
  ) {}

  /** First child with this local name. */
  child(local: string): XmlElement | undefined {
    const cs = this.children;
    for (let i = 0; i < cs.length; i++) if (cs[i].local === local) return cs[i];
    return undefined;
  }

  /** All children with this local name, in document order. */
  childrenNamed(local: string): XmlElement[] {
    return this.children.filter((c) => c.local === local);
  }

  /** Follows a path of local names: el.at('ProductPeriode', 'Begindatum'). */
  at(...path: string[]): XmlElement | undefined {
    let el: XmlElement | undefined = path.length > 0 ? this.child(path[0]) : undefined;
    for (let i = 1; el && i < path.length; i++) el = el.child(path[i]);
    return el;
  }

  /** Text of the element at a path, or undefined when absent. */
  textAt(...path: string[]): string | undefined {
    return this.at(...path)?.text;
  }

  /**
   * Location in the notation of the official validation report: local names from the root,
   * with a 1-based [n] only where siblings share the local name.
   * Example: /Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie/ProductPeriode
   */
  locatie(): string {
    const parts: string[] = [];
    const steps: XmlElement[] = [];
    for (let p: XmlElement | null = this.parent; p; p = p.parent) steps.push(p);
    steps.unshift(this);
    for (const el of steps) parts.push(el.parent ? el.parent.stepOf(el) : el.local);
    return '/' + parts.reverse().join('/');
  }

  /** The step of a child: its local name, with [n] when siblings share it. Cached per parent, so many findings stay linear. */
  private stepOf(child: XmlElement): string {
    let steps = CHILD_STEPS.get(this);
    if (!steps) {
      const counts = new Map<string, number>();
      for (const c of this.children) counts.set(c.local, (counts.get(c.local) ?? 0) + 1);
      const seen = new Map<string, number>();
      steps = new Map();
      for (const c of this.children) {
        const n = (seen.get(c.local) ?? 0) + 1;
        seen.set(c.local, n);
        steps.set(c, (counts.get(c.local) ?? 0) > 1 ? `${c.local}[${n}]` : c.local);
      }
      CHILD_STEPS.set(this, steps);
    }
    return steps.get(child) ?? child.local;
  }
}

/**
 * Location steps of the children of an element, computed on the first locatie() below it. Kept
 * beside the tree rather than in a field: a declaratie has millions of elements and few findings.
 */
const CHILD_STEPS = new WeakMap<XmlElement, Map<XmlElement, string>>();

const NO_CHILDREN: XmlElement[] = [];
Object.freeze(NO_CHILDREN);

export function isEmptyChildren(children: XmlElement[]): boolean {
  return children === NO_CHILDREN || children.length === 0;
}

/** Adds a child, replacing the shared empty array on first use. */
export function appendChild(parent: XmlElement, child: XmlElement): void {
  if (parent.children === NO_CHILDREN) parent.children = [child];
  else parent.children.push(child);
}
