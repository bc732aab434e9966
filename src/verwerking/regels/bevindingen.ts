import type { BerichtDefinitie, Domein, GetypeerdBericht, RegelFinding, XmlElement } from '../../istandaarden';
import type { RegisterLezer } from './register';

/** The CBS gemeentecodes list (TR378 → S300), injected; its source is the service's business. */
export interface CbsGemeentecodes {
  /** True when the code is in the CBS list valid on that date. */
  bestaatOp(gemeenteCode: string, peildatum: string): boolean | Promise<boolean>;
}

export interface OverstijgendContext {
  /** The system date (ISO date) for TR135. */
  vandaag: string;
  /** Without it TR378 (S300) is skipped: the gateway has no CBS list of its own. */
  gemeenteCodes?: CbsGemeentecodes;
}

/**
 * The verdict of the rules across berichten, assignable to buildRetourbericht's RetourOordeel:
 * approved (Header only), Header codes (9056, 8848, S300), or codes per berichtklasse (any error
 * rejects the whole bericht, istandaarden-3.2.md §4.1; classes without codes get 0200 there).
 * `bevindingen` lists every violated rule with its location, for uitval and logs (no client data).
 */
export type OverstijgendOordeel = (
  | { soort: 'goedgekeurd' }
  | { soort: 'header'; retourCodes: string[] }
  | { soort: 'klassen'; codes: Map<XmlElement, string[]> }
) & { bevindingen: RegelFinding[] };

/** Collects violated rules: Header codes apart, class codes per element. */
export class Bevindingen {
  readonly header: string[] = [];
  readonly klassen = new Map<XmlElement, string[]>();
  readonly lijst: RegelFinding[] = [];

  headerFout(regel: string, retourcode: string, element: XmlElement): void {
    if (!this.header.includes(retourcode)) this.header.push(retourcode);
    this.lijst.push({ code: regel, retourcode, locatie: [element.locatie()] });
  }

  /** `klasse` is the berichtklasse that carries the code in the retour (StartProduct, Client, ...). */
  klasseFout(regel: string, retourcode: string, klasse: XmlElement): void {
    const codes = this.klassen.get(klasse);
    if (!codes) this.klassen.set(klasse, [retourcode]);
    else if (!codes.includes(retourcode)) codes.push(retourcode);
    this.lijst.push({ code: regel, retourcode, locatie: [klasse.locatie()] });
  }

  oordeel(): OverstijgendOordeel {
    if (this.header.length > 0) return { soort: 'header', retourCodes: [...this.header], bevindingen: this.lijst };
    if (this.klassen.size > 0) return { soort: 'klassen', codes: this.klassen, bevindingen: this.lijst };
    return { soort: 'goedgekeurd', bevindingen: this.lijst };
  }
}

/** Everything a group of rules needs for one bericht. */
export interface Beoordeling {
  readonly root: XmlElement;
  readonly def: BerichtDefinitie;
  readonly bericht: GetypeerdBericht;
  readonly domein: Domein;
  readonly register: RegisterLezer;
  readonly context: OverstijgendContext;
  readonly bevindingen: Bevindingen;
}

/** Children of the Client (or root) by path; the message's own elements, never basisschema ones. */
export function klassen(root: XmlElement, ...pad: string[]): XmlElement[] {
  const laatste = pad[pad.length - 1];
  const ouder = pad.length > 1 ? root.at(...pad.slice(0, -1)) : root;
  return ouder ? ouder.childrenNamed(laatste) : [];
}

export function klasse(root: XmlElement, ...pad: string[]): XmlElement {
  const el = root.at(...pad);
  if (!el) throw new Error(`element ${pad.join('/')} missing (is the bericht schema-valid?)`);
  return el;
}

/** The class codes by location (XmlElement.locatie), e.g. for uitval records and compact test assertions. */
export function codesPerLocatie(oordeel: OverstijgendOordeel): Record<string, string[]> {
  const uit: Record<string, string[]> = {};
  if (oordeel.soort === 'klassen') for (const [el, codes] of oordeel.codes) uit[el.locatie()] = [...codes];
  return uit;
}
