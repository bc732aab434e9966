import type { BerichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';
import type { Regel, RegelContext, RegelFinding } from './regel';
import { ALLE_REGELS } from './registry';

const LEVEL_2_RETOURCODE = '0001';

/**
 * Runs every rule that applies to this bericht on a schema-valid tree. Linear in the tree size.
 * `elementsByLocal` is the index scanXml built on the way (saves a pass over the tree); without
 * it the index is built here.
 */
export function runRegels(
  root: XmlElement,
  bericht: BerichtDefinitie,
  regels: readonly Regel[] = ALLE_REGELS,
  elementsByLocal?: ReadonlyMap<string, readonly XmlElement[]>,
): RegelFinding[] {
  const run = regelRun(root, bericht, elementsByLocal);
  for (const regel of regels) run.check(regel);
  return run.findings;
}

/**
 * runRegels with a turn of the event loop after each rule, so I/O the caller started meanwhile
 * (the service reading the register for a large declaratie) proceeds while the rules run.
 */
export async function runRegelsAsync(
  root: XmlElement,
  bericht: BerichtDefinitie,
  regels: readonly Regel[] = ALLE_REGELS,
  elementsByLocal?: ReadonlyMap<string, readonly XmlElement[]>,
): Promise<RegelFinding[]> {
  const run = regelRun(root, bericht, elementsByLocal);
  for (const regel of regels) {
    if (run.check(regel)) await new Promise((r) => setImmediate(r));
  }
  return run.findings;
}

/** The context the rules share and where their findings go; check() says whether the rule applied. */
function regelRun(root: XmlElement, bericht: BerichtDefinitie, elementsByLocal?: ReadonlyMap<string, readonly XmlElement[]>) {
  const index = elementsByLocal ?? indexByLocalName(root);
  const findings: RegelFinding[] = [];
  const ctx: RegelContext = {
    bericht,
    root,
    elements: (local) => index.get(local) ?? NONE,
    dagtekening: root.child('Header')?.textAt('BerichtIdentificatie', 'Dagtekening'),
    report(code, elements) {
      const locatie: string[] = [];
      for (const el of elements) if (el) locatie.push(el.locatie());
      findings.push({ code, retourcode: LEVEL_2_RETOURCODE, locatie });
    },
  };
  return {
    findings,
    check(regel: Regel): boolean {
      if (!appliesTo(regel, bericht)) return false;
      regel.check(ctx);
      return true;
    },
  };
}

export function appliesTo(regel: Regel, bericht: BerichtDefinitie): boolean {
  if (regel.standaarden && !regel.standaarden.includes(bericht.standaard)) return false;
  return regel.berichten === 'alle' || regel.berichten.includes(bericht.nummer);
}

const NONE: readonly XmlElement[] = [];

export function indexByLocalName(root: XmlElement): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  const stack: XmlElement[] = [root];
  // Depth-first, document order: push children in reverse.
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    const list = index.get(el.local);
    if (list) list.push(el);
    else index.set(el.local, [el]);
    const cs = el.children;
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  return index;
}
