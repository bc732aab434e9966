import { berichtDefinitie, type BerichtDefinitie } from '../../istandaarden/catalogus';
import { BerichtInputError, DEFAULT_MAX_BYTES, prepareInput } from '../../istandaarden/input';
import { GGK_FOUTCODES, type GgkFoutcode } from './foutcodes';
import { berichtcodeVoor, isUuidV4, veiligeWaarde } from './functie';
import type { GgkSchemas } from './ggk-schemas';
import { GGK_NS, OPERATIES, STUF_NS, operatieVoorElement, type GgkBerichtcode } from './namespaces';
import { decodeerPayload } from './payload';
import { kind, leesSoapEnvelope, parseOptions, type LibXmlDocument, type LibXmlElement } from './soap';
import type { GgkFout, GgkParameters, GgkParseResultaat, GgkPayload, GgkStuurgegevens, GgkSysteem, GgkWeigering } from './types';
import { samenvatting } from './xsd-meldingen';

export interface ParseGgkOptions {
  /** Cap on the whole request, base64 included; default 25 MB (spec §3.2, §3.3). */
  maxBytes?: number;
  /** CBS codes this gateway serves (GEMEENTE_CODES); when given, another ontvanger is refused (IB210). */
  gemeenteCodes?: readonly string[];
  /** Told about an internal failure (a bug, not bad input) before it becomes a StUF058 refusal. */
  onInterneFout?: (error: unknown) => void;
}

/**
 * Reads a SOAP 1.1 request of portType OntvangAsynchroon (ggk_Di01, ggk_Du01, Fo01). Checks, in this
 * order: size, UTF-8 and no DOCTYPE, well-formedness, SOAP shape, the ggk0210 schema, UUID v4, ontvanger,
 * functie, payload. Never throws: bad input is a GgkWeigering, an internal failure a server StUF058.
 */
export function parseGgkRequest(raw: Uint8Array, schemas: GgkSchemas, options: ParseGgkOptions = {}): GgkParseResultaat {
  try {
    return parse(raw, schemas, options);
  } catch (e) {
    options.onInterneFout?.(e);
    return weiger('StUF058', 'the envelope could not be read because of an internal error');
  }
}

function parse(raw: Uint8Array, schemas: GgkSchemas, options: ParseGgkOptions): GgkParseResultaat {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (raw.byteLength > maxBytes) return weiger('IB007', `request is ${raw.byteLength} bytes, over the limit of ${maxBytes} bytes`);
  let bytes: Uint8Array;
  try {
    bytes = prepareInput(raw, maxBytes).bytes;
  } catch (e) {
    if (e instanceof BerichtInputError) return weiger('StUF055', `request: ${e.message.replace(/\bbericht\b/g, 'request')}`);
    throw e;
  }
  const { lib } = schemas;
  let doc: LibXmlDocument;
  try {
    doc = lib.XmlDocument.fromBuffer(bytes, { option: parseOptions(lib) });
  } catch (e) {
    if (e instanceof lib.XmlLibError) {
      const line = e.details.find((d) => d.line > 0)?.line;
      return weiger('StUF055', `request is not well-formed XML${line ? ` (line ${line})` : ''}`);
    }
    throw e;
  }
  try {
    return leesVerzoek(doc, schemas, options, maxBytes);
  } finally {
    doc.dispose();
  }
}

function leesVerzoek(doc: LibXmlDocument, schemas: GgkSchemas, options: ParseGgkOptions, maxBytes: number): GgkParseResultaat {
  const { lib } = schemas;
  const soap = leesSoapEnvelope(lib, doc);
  if (!soap.ok) return weiger('StUF055', soap.line ? `${soap.reason} (line ${soap.line})` : soap.reason);
  const operatie = operatieVoorElement(soap.body.namespaceUri, soap.body.name);
  if (!operatie) return weiger('StUF055', 'the SOAP Body holds no ggk_Di01, ggk_Du01 or Fo01 message');
  const kindCode = operatie.berichtcode;
  const lezer = new Lezer(lib, soap.body, kindCode);

  const findings = schemas.validateBody(kindCode, soap.body);
  if (findings.length > 0) {
    // The schema's UUID pattern is the only rule broken: answer with the specific code.
    if (findings.every((f) => f.element === 'referentienummer' || f.element === 'crossRefnummer')) {
      return weiger('IB009', `referentienummer or crossRefnummer is not a UUID v4 (${samenvatting(findings)})`, lezer.context());
    }
    return weiger('StUF055', `the ${kindCode} envelope does not conform to the ggk0210 schema: ${samenvatting(findings)}`, { kind: kindCode });
  }

  const context = lezer.context();
  const stuurgegevens = context.stuurgegevens;
  if (!isUuidV4(stuurgegevens.referentienummer)) {
    return weiger('IB009', 'referentienummer is not a UUID v4', context);
  }
  if (options.gemeenteCodes && !options.gemeenteCodes.includes(stuurgegevens.ontvanger.organisatie)) {
    const org = veiligeWaarde(stuurgegevens.ontvanger.organisatie);
    return weiger('IB210', `ontvanger organisatie ${org ? `${org} ` : ''}is not a gemeente this gateway serves`, context);
  }
  const crossRefnummer = stuurgegevens.crossRefnummer ?? '';
  if (kindCode === 'Fo01') {
    return { ok: true, kind: 'Fo01', operatie: operatie.operatie, stuurgegevens: { ...stuurgegevens, crossRefnummer }, fout: lezer.fout() };
  }
  const bericht = leesBericht(lezer, context, maxBytes);
  if (!bericht.ok) return bericht;
  const { functie, definitie, payload } = bericht;
  const base = { ok: true as const, operatie: operatie.operatie, parameters: lezer.parameters(), definitie, bericht: payload };
  if (kindCode === 'Di01') return { ...base, kind: 'Di01', stuurgegevens: { ...stuurgegevens, functie } };
  return { ...base, kind: 'Du01', stuurgegevens: { ...stuurgegevens, functie, crossRefnummer } };
}

type Context = Pick<GgkWeigering, 'kind' | 'parameters'> & { stuurgegevens: GgkStuurgegevens };

/** Di01/Du01: functie names an iWmo/iJw bericht that belongs in this berichtcode, and the payload is it. */
function leesBericht(
  lezer: Lezer,
  context: Context,
  maxBytes: number,
): { ok: true; functie: string; definitie: BerichtDefinitie; payload: GgkPayload } | GgkWeigering {
  const functie = context.stuurgegevens.functie ?? '';
  const definitie = berichtDefinitie(functie);
  if (!definitie) {
    const naam = veiligeWaarde(functie);
    return weiger('IB102', `functie ${naam ? `${naam} ` : ''}is not an iWmo 3.2 or iJw 3.2 bericht`, context);
  }
  const hoort = berichtcodeVoor(definitie);
  const kindCode = context.stuurgegevens.berichtcode;
  if (hoort !== kindCode) return weiger('IB240', `${definitie.naam} travels in a ${hoort}, not in a ${kindCode}`, context);
  const xmlBestand = lezer.xmlBestand();
  if (xmlBestand === undefined) {
    return weiger('StUF055', `${definitie.naam} must travel as xmlBestand, not as tekstBestand (spec §2.7)`, context);
  }
  const decoded = decodeerPayload(xmlBestand, definitie, maxBytes);
  if (!decoded.ok) return weiger('StUF055', decoded.reason, context);
  return { ok: true, functie, definitie, payload: decoded.payload };
}

/** Reads fields from a body element that passed (or nearly passed) the schema. */
class Lezer {
  /** stuurgegevens is a local element: GGK namespace in Di01/Du01, StUF in Fo01; its children are StUF. */
  private readonly ns: string;

  constructor(
    private readonly lib: GgkSchemas['lib'],
    private readonly body: LibXmlElement,
    private readonly kindCode: GgkBerichtcode,
  ) {
    this.ns = OPERATIES[kindCode].namespace;
  }

  stuurgegevens(): GgkStuurgegevens {
    const sg = this.el(this.body, 'stuurgegevens', this.ns);
    const tekst = (name: string) => this.tekst(sg, name, STUF_NS);
    return {
      berichtcode: this.kindCode,
      zender: this.systeem(sg && this.el(sg, 'zender', STUF_NS)),
      ontvanger: this.systeem(sg && this.el(sg, 'ontvanger', STUF_NS)),
      referentienummer: tekst('referentienummer') ?? '',
      tijdstipBericht: tekst('tijdstipBericht') ?? '',
      ...optioneel('crossRefnummer', tekst('crossRefnummer')),
      ...optioneel('functie', tekst('functie')),
    };
  }

  /** Di01/Du01 only: a Fo01 has no parameters. */
  parameters(): GgkParameters {
    const p = this.el(this.body, 'parameters', GGK_NS);
    const tekst = (name: string) => this.tekst(p, name, GGK_NS) ?? '';
    return {
      applicatieVersie: tekst('applicatieVersie'),
      applicatieSubversie: tekst('applicatieSubversie'),
      functieVersie: tekst('functieVersie'),
      functieSubversie: tekst('functieSubversie'),
    };
  }

  context(): Context {
    const stuurgegevens = this.stuurgegevens();
    return this.kindCode === 'Fo01'
      ? { kind: this.kindCode, stuurgegevens }
      : { kind: this.kindCode, stuurgegevens, parameters: this.parameters() };
  }

  xmlBestand(): string | undefined {
    const p = this.el(this.body, 'parameters', GGK_NS);
    const bericht = p && this.el(p, 'bericht', GGK_NS);
    return this.tekst(bericht, 'xmlBestand', GGK_NS);
  }

  fout(): GgkFout {
    const b = this.el(this.body, 'body', STUF_NS);
    const tekst = (name: string) => this.tekst(b, name, STUF_NS);
    return {
      code: tekst('code') ?? '',
      plek: tekst('plek') === 'server' ? 'server' : 'client',
      omschrijving: tekst('omschrijving') ?? '',
      ...optioneel('details', tekst('details')),
    };
  }

  private systeem(el: LibXmlElement | undefined): GgkSysteem {
    const tekst = (name: string) => this.tekst(el, name, STUF_NS);
    return {
      organisatie: tekst('organisatie') ?? '',
      applicatie: tekst('applicatie') ?? '',
      ...optioneel('administratie', tekst('administratie')),
      ...optioneel('gebruiker', tekst('gebruiker')),
    };
  }

  private el(parent: LibXmlElement | undefined, name: string, ns: string): LibXmlElement | undefined {
    return parent && kind(this.lib, parent, name, ns);
  }

  private tekst(parent: LibXmlElement | undefined, name: string, ns: string): string | undefined {
    return this.el(parent, name, ns)?.content;
  }
}

function optioneel<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A refusal; `reason` starts with the list's omschrijving, so it can go into body.omschrijving as is. */
export function weiger(
  code: GgkFoutcode,
  detail: string,
  context: Pick<GgkWeigering, 'kind' | 'stuurgegevens' | 'parameters'> = {},
): GgkWeigering {
  const { omschrijving, plek } = GGK_FOUTCODES[code];
  return { ok: false, fault: plek, code, reason: `${omschrijving}: ${detail}`, ...context };
}
