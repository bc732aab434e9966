import { berichtDefinitie, type BerichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';
import { XmlWriter } from '../xml/writer';

/** How the 323 was judged (IV087, IV088, OP303, TR342; istandaarden-3.2.md §4.3). */
export type DeclaratieOordeel =
  /** Level 2 (0001) or a Header error: a 325 with only the Header carrying these codes. */
  | { soort: 'header'; retourCodes: string[] }
  /** An error in the Declaratie class (9333, 8214): nothing approved, no prestaties returned. */
  | { soort: 'declaratie'; retourCodes: string[] }
  /**
   * Judged per prestatie: the rejected prestaties with their codes, optionally codes on a Client
   * (8187: then all its prestaties return, 0233 where they have no code of their own).
   * No rejections means fully approved (8001).
   */
  | { soort: 'prestaties'; afgewezen: ReadonlyMap<XmlElement, readonly string[]>; clientCodes?: ReadonlyMap<XmlElement, readonly string[]> };

export interface DeclaratieAntwoordOpties {
  /** Our 325's own BerichtIdentificatie. */
  identificatie: string;
  dagtekening: string;
  /** Afzender of the 325: the gemeente (CBS code). */
  gemeente: string;
  xsdVersie: { basisschema: string; bericht: string };
  xsltVersie?: string;
}

export interface DeclaratieAntwoord {
  xml: string;
  /** Signed totals in eurocents (debit positive). */
  totaalIngediendCenten: number;
  totaalToegekendCenten: number;
  afgewezenPrestaties: number;
}

/**
 * Builds the declaratie-antwoord (325) on a declaratie (323). Only rejected prestaties are returned;
 * TotaalToegekendBedrag = TotaalIngediendBedrag − Σ rejected (signed), so TR342 holds by construction.
 */
export function buildDeclaratieAntwoord(
  declaratieRoot: XmlElement,
  declaratieDef: BerichtDefinitie,
  oordeel: DeclaratieOordeel,
  opties: DeclaratieAntwoordOpties,
): DeclaratieAntwoord {
  const def = declaratieDef.beantwoordDoor ? berichtDefinitie(declaratieDef.beantwoordDoor) : undefined;
  if (declaratieDef.nummer !== '323' || !def) throw new Error(`${declaratieDef.naam} is not a declaratie`);
  const header = need(declaratieRoot.child('Header'), 'Header');
  const declaratie = need(declaratieRoot.child('Declaratie'), 'Declaratie');
  const p = def.standaard === 'iwmo' ? 'wmo325' : 'jw325';
  const b = def.standaard;
  const ingediend = signed(need(declaratie.child('TotaalIngediendBedrag'), 'TotaalIngediendBedrag'), 'TotaalBedrag');

  const w = new XmlWriter();
  w.open(`${p}:Bericht`, { [`xmlns:${p}`]: def.namespace, [`xmlns:${b}`]: def.basisNamespace });
  w.open(`${p}:Header`)
    .leaf(`${p}:BerichtCode`, def.berichtCode)
    .leaf(`${p}:BerichtVersie`, '3')
    .leaf(`${p}:BerichtSubversie`, '2')
    .leaf(`${p}:Afzender`, opties.gemeente)
    .leaf(`${p}:Ontvanger`, need(header.child('Afzender'), 'Afzender').text);
  w.open(`${p}:BerichtIdentificatie`).leaf(`${b}:Identificatie`, opties.identificatie).leaf(`${b}:Dagtekening`, opties.dagtekening).close(`${p}:BerichtIdentificatie`);
  versie(w, `${p}:XsdVersie`, b, opties.xsdVersie);
  const id = need(header.child('BerichtIdentificatie'), 'BerichtIdentificatie');
  // TR337: DeclaratieIdentificatie = the 323's BerichtIdentificatie; TR371: XsdVersieDeclaratie = its XsdVersie.
  w.open(`${p}:DeclaratieIdentificatie`)
    .leaf(`${b}:Identificatie`, need(id.child('Identificatie'), 'Identificatie').text)
    .leaf(`${b}:Dagtekening`, need(id.child('Dagtekening'), 'Dagtekening').text)
    .close(`${p}:DeclaratieIdentificatie`);
  if (opties.xsltVersie) w.leaf(`${p}:XsltVersie`, opties.xsltVersie);
  const xsd = need(header.child('XsdVersie'), 'XsdVersie');
  versie(w, `${p}:XsdVersieDeclaratie`, b, {
    basisschema: xsd.textAt('BasisschemaXsdVersie') ?? '',
    bericht: xsd.textAt('BerichtXsdVersie') ?? '',
  });

  if (oordeel.soort === 'header') {
    codes(w, p, oordeel.retourCodes);
    w.close(`${p}:Header`).close(`${p}:Bericht`);
    return { xml: w.toString(), totaalIngediendCenten: ingediend, totaalToegekendCenten: 0, afgewezenPrestaties: 0 };
  }
  codes(w, p, ['0200']);
  w.close(`${p}:Header`);

  const terug = oordeel.soort === 'prestaties' ? teRetourneren(declaratie, oordeel) : [];
  const afgewezenSom = terug.reduce((s, c) => s + c.prestaties.reduce((t, pr) => t + signed(need(pr.el.child('IngediendBedrag'), 'IngediendBedrag'), 'Bedrag'), 0), 0);
  const toegekend = oordeel.soort === 'declaratie' ? 0 : ingediend - afgewezenSom;
  const antwoordCodes = oordeel.soort === 'declaratie' ? oordeel.retourCodes : terug.length === 0 ? ['8001'] : ['0200'];

  w.open(`${p}:DeclaratieAntwoord`).leaf(`${p}:DeclaratieNummer`, need(declaratie.child('DeclaratieNummer'), 'DeclaratieNummer').text);
  totaal(w, `${p}:TotaalIngediendBedrag`, b, ingediend);
  totaal(w, `${p}:TotaalToegekendBedrag`, b, toegekend);
  if (terug.length > 0) {
    w.open(`${p}:Clienten`);
    for (const c of terug) {
      w.open(`${p}:Client`).leaf(`${p}:Bsn`, need(c.client.child('Bsn'), 'Bsn').text).open(`${p}:Prestaties`);
      for (const pr of c.prestaties) copyPrestatie(w, pr.el, declaratieDef, p, b, pr.codes);
      w.close(`${p}:Prestaties`);
      codes(w, p, c.codes);
      w.close(`${p}:Client`);
    }
    w.close(`${p}:Clienten`);
  }
  codes(w, p, antwoordCodes);
  w.close(`${p}:DeclaratieAntwoord`).close(`${p}:Bericht`);
  return {
    xml: w.toString(),
    totaalIngediendCenten: ingediend,
    totaalToegekendCenten: toegekend,
    afgewezenPrestaties: terug.reduce((s, c) => s + c.prestaties.length, 0),
  };
}

interface TerugClient {
  client: XmlElement;
  codes: readonly string[];
  prestaties: Array<{ el: XmlElement; codes: readonly string[] }>;
}

function teRetourneren(declaratie: XmlElement, oordeel: Extract<DeclaratieOordeel, { soort: 'prestaties' }>): TerugClient[] {
  const result: TerugClient[] = [];
  for (const client of declaratie.child('Clienten')?.children ?? []) {
    const clientCodes = oordeel.clientCodes?.get(client);
    const prestaties: TerugClient['prestaties'] = [];
    for (const pr of client.child('Prestaties')?.children ?? []) {
      const own = oordeel.afgewezen.get(pr);
      if (own && own.length > 0) prestaties.push({ el: pr, codes: own });
      else if (clientCodes) prestaties.push({ el: pr, codes: ['0233'] });
    }
    if (prestaties.length > 0) result.push({ client, codes: clientCodes ?? ['0200'], prestaties });
  }
  return result;
}

/** TR367: a returned prestatie copies the 323's values unchanged. */
function copyPrestatie(w: XmlWriter, pr: XmlElement, def: BerichtDefinitie, p: string, b: string, retourCodes: readonly string[]): void {
  const copy = (el: XmlElement): void => {
    const name = `${el.ns === def.basisNamespace ? b : p}:${el.local}`;
    if (el.children.length === 0) w.leaf(name, el.text);
    else {
      w.open(name);
      for (const c of el.children) copy(c);
      w.close(name);
    }
  };
  w.open(`${p}:Prestatie`);
  for (const c of pr.children) copy(c);
  codes(w, p, retourCodes);
  w.close(`${p}:Prestatie`);
}

function signed(el: XmlElement, veld: 'Bedrag' | 'TotaalBedrag'): number {
  const centen = Number(need(el.child(veld), veld).text);
  return el.child('DebetCredit')?.text === 'C' ? -centen : centen;
}

function totaal(w: XmlWriter, name: string, b: string, centen: number): void {
  // CS325: zero carries D.
  w.open(name).leaf(`${b}:TotaalBedrag`, Math.abs(centen)).leaf(`${b}:DebetCredit`, centen < 0 ? 'C' : 'D').close(name);
}

function versie(w: XmlWriter, name: string, b: string, v: { basisschema: string; bericht: string }): void {
  w.open(name).leaf(`${b}:BasisschemaXsdVersie`, v.basisschema).leaf(`${b}:BerichtXsdVersie`, v.bericht).close(name);
}

function codes(w: XmlWriter, p: string, list: readonly string[]): void {
  w.open(`${p}:RetourCodes`);
  for (const c of list) w.leaf(`${p}:RetourCode`, c);
  w.close(`${p}:RetourCodes`);
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`declaratie has no ${what} (is it schema-valid?)`);
  return v;
}
