import { berichtDefinitie, type BerichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';
import { XmlWriter } from '../xml/writer';

/** The berichtklassen that carry RetourCodes in a retour (istandaarden-3.2.md §2.2); containers do not. */
export const BERICHTKLASSEN: ReadonlySet<string> = new Set([
  'Client', 'Relatie', 'Contact', 'ToegewezenProduct', 'StartProduct', 'StopProduct', 'AangevraagdProduct',
  'Verzoek', 'OngewijzigdProduct', 'TeWijzigenProduct', 'NieuwProduct', 'Antwoord', 'Woonplaatsbeginsel',
]);

/** How the heenbericht was judged (IV028, istandaarden-3.2.md §4.1-4.2). */
export type RetourOordeel =
  /** Fully approved: only the Header, without RetourCodes. */
  | { soort: 'goedgekeurd' }
  /** Level 2 (0001) or a Header error (9056, 8848, S300): only the Header, with these codes. */
  | { soort: 'header'; retourCodes: string[] }
  /**
   * An error below the Header: Header 0200 and the body copied, each berichtklasse with its codes
   * (0200 when it has none).
   */
  | { soort: 'klassen'; codes: ReadonlyMap<XmlElement, readonly string[]> };

export interface RetourOpties {
  /** The retour's own identification (IdentificatieRetour, max 12 characters). */
  identificatieRetour: string;
  dagtekeningRetour: string;
  xsdVersieRetour: { basisschema: string; bericht: string };
  /** Filled when the rejection was based on the published XSLT (IV028, IV033). */
  xsltVersie?: string;
}

/**
 * Builds the technical retour (302/306/308/316/318/320) of a heenbericht: its Header copied whole,
 * Afzender and Ontvanger included (IV028), with the retour's BerichtCode and own fields.
 */
export function buildRetourbericht(heen: XmlElement, heenDef: BerichtDefinitie, oordeel: RetourOordeel, opties: RetourOpties): string {
  const retourDef = heenDef.beantwoordDoor ? berichtDefinitie(heenDef.beantwoordDoor) : undefined;
  if (!retourDef || !retourDef.isRetour) throw new Error(`${heenDef.naam} has no technical retourbericht`);
  const p = retourDef.standaard === 'iwmo' ? `wmo${retourDef.nummer}` : `jw${retourDef.nummer}`;
  const b = retourDef.standaard;
  const w = new XmlWriter();
  w.open(`${p}:Bericht`, { [`xmlns:${p}`]: retourDef.namespace, [`xmlns:${b}`]: retourDef.basisNamespace });
  const header = heen.child('Header');
  if (!header) throw new Error('heenbericht has no Header');
  w.open(`${p}:Header`);
  for (const el of header.children) {
    if (el.local === 'BerichtCode') w.leaf(`${p}:BerichtCode`, retourDef.berichtCode);
    else copy(w, el, heenDef, p, b, null);
  }
  w.leaf(`${p}:IdentificatieRetour`, opties.identificatieRetour);
  w.leaf(`${p}:DagtekeningRetour`, opties.dagtekeningRetour);
  if (opties.xsltVersie) w.leaf(`${p}:XsltVersie`, opties.xsltVersie);
  w.open(`${p}:XsdVersieRetour`).leaf(`${b}:BasisschemaXsdVersie`, opties.xsdVersieRetour.basisschema).leaf(`${b}:BerichtXsdVersie`, opties.xsdVersieRetour.bericht).close(`${p}:XsdVersieRetour`);
  const headerCodes = oordeel.soort === 'goedgekeurd' ? [] : oordeel.soort === 'header' ? oordeel.retourCodes : ['0200'];
  writeCodes(w, p, headerCodes);
  w.close(`${p}:Header`);
  if (oordeel.soort === 'klassen') {
    for (const el of heen.children) if (el.local !== 'Header') copy(w, el, heenDef, p, b, oordeel.codes);
  }
  w.close(`${p}:Bericht`);
  return w.toString();
}

function writeCodes(w: XmlWriter, p: string, codes: readonly string[]): void {
  if (codes.length === 0) return;
  w.open(`${p}:RetourCodes`);
  for (const c of codes) w.leaf(`${p}:RetourCode`, c);
  w.close(`${p}:RetourCodes`);
}

/** Copies an element into the retour's namespaces, adding RetourCodes to berichtklassen. */
function copy(w: XmlWriter, el: XmlElement, heenDef: BerichtDefinitie, p: string, b: string, codes: ReadonlyMap<XmlElement, readonly string[]> | null): void {
  const prefix = el.ns === heenDef.basisNamespace ? b : p;
  const name = `${prefix}:${el.local}`;
  if (el.children.length === 0) {
    w.leaf(name, el.text);
    return;
  }
  w.open(name);
  for (const c of el.children) copy(w, c, heenDef, p, b, codes);
  if (codes && prefix === p && BERICHTKLASSEN.has(el.local)) writeCodes(w, p, codes.get(el) ?? ['0200']);
  w.close(name);
}
