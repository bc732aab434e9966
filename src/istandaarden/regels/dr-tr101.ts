import type { BerichtNummer, Standaard } from '../catalogus';
import type { XmlElement } from '../xml/element';
import type { Regel, RegelContext } from './regel';

/*
 * TR101: no duplicate lines. The rule XSLT has one template per element type with a key of
 * fields; it compares each element with its siblings of the same name (same parent) and reports
 * a group of equal keys once, at its last member, with all members as locaties. A key field
 * matches on its exact text; a missing field only matches a missing field. Here: one hash map
 * per sibling group instead of the XSLT's sibling scans.
 */

interface Sleutel {
  readonly element: string;
  /** Each field as a path of local names below the element. */
  readonly velden: readonly (readonly string[])[];
  readonly standaard?: Standaard;
}

const BSN: readonly (readonly string[])[] = [['Bsn']];
const PRESTATIE: readonly (readonly string[])[] = [['ProductReferentie', 'ReferentieNummer'], ['ProductReferentie', 'VorigReferentieNummer']];

const TR101_SLEUTELS: Partial<Record<BerichtNummer, readonly Sleutel[]>> = {
  '301': [
    { element: 'Client', velden: BSN },
    { element: 'Contact', velden: [['Soort']] },
    { element: 'Relatie', velden: [['Nummer']] },
    { element: 'ToegewezenProduct', velden: [['ToewijzingNummer']] },
  ],
  '305': [
    { element: 'Client', velden: BSN },
    { element: 'StartProduct', velden: [['Begindatum'], ['Product', 'Categorie'], ['Product', 'Code'], ['ToewijzingNummer']] },
  ],
  '307': [
    { element: 'Client', velden: BSN },
    {
      element: 'StopProduct',
      velden: [['Begindatum'], ['Einddatum'], ['Product', 'Categorie'], ['Product', 'Code'], ['RedenBeeindiging'], ['ToewijzingNummer']],
    },
  ],
  '315': [
    { element: 'AangevraagdProduct', velden: [['ReferentieAanbieder']] },
    { element: 'Client', velden: BSN },
  ],
  '317': [
    { element: 'Client', velden: BSN },
    { element: 'NieuwProduct', velden: [['GewensteIngangsdatum'], ['Product', 'Categorie'], ['Product', 'Code']] },
    { element: 'OngewijzigdProduct', velden: [['ToewijzingNummer']] },
    { element: 'TeWijzigenProduct', velden: [['ToewijzingNummer']] },
    { element: 'Verzoek', velden: [['ReferentieAanbieder']] },
  ],
  '319': [
    { element: 'Antwoord', velden: [['ReferentieAanbieder'], ['VerzoekAntwoord']] },
    { element: 'Woonplaatsbeginsel', velden: [['Gemeente']], standaard: 'ijw' },
  ],
  '323': [
    { element: 'Client', velden: BSN },
    { element: 'Declaratie', velden: [['DeclaratieNummer']] },
    { element: 'Prestatie', velden: PRESTATIE },
  ],
  '325': [
    { element: 'Client', velden: BSN },
    { element: 'DeclaratieAntwoord', velden: [['DeclaratieNummer']] },
    { element: 'Prestatie', velden: PRESTATIE },
  ],
};

/** TR101: no two sibling lines of the same kind with the same logical key. */
export const TR101: Regel = {
  code: 'TR101',
  berichten: ['301', '305', '307', '315', '317', '319', '323', '325'],
  check(ctx) {
    for (const sleutel of TR101_SLEUTELS[ctx.bericht.nummer] ?? []) {
      if (sleutel.standaard && sleutel.standaard !== ctx.bericht.standaard) continue;
      for (const groep of siblingGroups(ctx, sleutel.element)) if (groep.length > 1) checkGroep(ctx, groep, sleutel.velden);
    }
  },
};

/** Elements of the message namespace with this local name, grouped by parent (document order). */
function siblingGroups(ctx: RegelContext, local: string): Iterable<XmlElement[]> {
  const groups = new Map<XmlElement | null, XmlElement[]>();
  for (const el of ctx.elements(local)) {
    // The XSLT checks the children of every element except Bericht itself, so its own children
    // (Client in 301-317, Antwoord, Declaratie, DeclaratieAntwoord) are never compared; the XSD
    // allows only one of each there anyway.
    if (el.ns !== ctx.bericht.namespace || el.parent === ctx.root) continue;
    const g = groups.get(el.parent);
    if (g) g.push(el);
    else groups.set(el.parent, [el]);
  }
  return groups.values();
}

const ABSENT = '\u0000A';
const SEP = '\u0000|';

/*
 * Each element has two keys. As the one looking (XSLT's $v variables) a field is its text, or
 * absent when there is no text node. As the one looked for, a field matches text by equality and
 * "absent" only when the element is missing; a present but empty element matches neither, so
 * such a sibling is never found (null key). XML text cannot contain U+0000, so the joins are safe.
 */
function checkGroep(ctx: RegelContext, groep: readonly XmlElement[], velden: readonly (readonly string[])[]): void {
  const gevonden = new Map<string, number[]>();
  const zoek: string[] = [];
  for (let i = 0; i < groep.length; i++) {
    let zoekKey = '';
    let vindKey: string | null = '';
    for (const pad of velden) {
      const veld = volg(groep[i], pad);
      const text = veld?.text ?? '';
      zoekKey += (text === '' ? ABSENT : 'T' + text) + SEP;
      if (vindKey !== null) vindKey = veld === undefined ? vindKey + ABSENT + SEP : text === '' ? null : vindKey + 'T' + text + SEP;
    }
    zoek.push(zoekKey);
    if (vindKey === null) continue;
    const lijst = gevonden.get(vindKey);
    if (lijst) lijst.push(i);
    else gevonden.set(vindKey, [i]);
  }
  for (let i = 0; i < groep.length; i++) {
    const lijst = gevonden.get(zoek[i]);
    if (!lijst || lijst[lijst.length - 1] > i) continue; // a later sibling with this key reports the group
    const leden: XmlElement[] = [];
    for (const j of lijst) if (j < i) leden.push(groep[j]);
    if (leden.length === 0) continue;
    leden.push(groep[i]);
    ctx.report('TR101', leden);
  }
}

function volg(el: XmlElement, pad: readonly string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (let i = 0; cur && i < pad.length; i++) cur = cur.child(pad[i]);
  return cur;
}
