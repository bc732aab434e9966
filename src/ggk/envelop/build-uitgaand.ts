import { berichtDefinitie } from '../../istandaarden/catalogus';
import { BerichtInputError, DEFAULT_MAX_BYTES, prepareInput } from '../../istandaarden/input';
import type { GgkPlek } from './foutcodes';
import { berichtcodeVoor, isUuidV4 } from './functie';
import { OPERATIES } from './namespaces';
import {
  GgkBuildError,
  NS_DECLARATIES,
  nieuweReferentie,
  soapEnvelope,
  stuurgegevensXml,
  systeemProbleem,
  type BouwOpties,
} from './stuurgegevens-xml';
import type { GgkParameters, GgkStuurgegevens, GgkSysteem } from './types';
import { escapeXml, kapAf, leaf } from './xml-tekst';

/** An envelope we send to the GGK (GGK_ENDPOINT_URL), with the SOAPAction header it needs. */
export interface GgkUitgaandEnvelop {
  xml: string;
  referentienummer: string;
  tijdstipBericht: string;
  soapAction: string;
}

/** ontvanger.applicatie is the fixed value "GGk" in Di01, Du01 and Fo01 (spec §3.1-§3.3). */
export const GGK_APPLICATIE = 'GGk';

export interface Di01Input extends BouwOpties {
  /** Our side: CBS gemeentecode and the application name without version (spec §2.5). */
  zender: GgkSysteem;
  /** ontvanger.organisatie: the aanbieder's AGB code (or SVB, CAK, ...). */
  ontvanger: string;
  /** e.g. 'WMO301'. */
  functie: string;
  parameters: GgkParameters;
  /** The iWmo/iJw bericht (UTF-8 XML); a BOM is dropped (spec §2.2). */
  bericht: Uint8Array | string;
  /** Cap on the whole envelope; default 25 MB. */
  maxBytes?: number;
}

export interface Du01Input extends Di01Input {
  /** referentienummer of the Di01 this answers (spec §3.3). */
  crossRefnummer: string;
}

/** Heenbericht (301, 319; also 305-323 for tests and tools) in a ggk0210-Di01 (spec §3.2). */
export function buildDi01(input: Di01Input): GgkUitgaandEnvelop {
  return buildBericht('Di01', input, undefined);
}

/** Retourbericht (302-320) or declaratie-antwoord 325 in a ggk0210-Du01 (spec §3.3). */
export function buildDu01(input: Du01Input): GgkUitgaandEnvelop {
  if (!isUuidV4(input.crossRefnummer)) throw new GgkBuildError('crossRefnummer must be a UUID v4');
  return buildBericht('Du01', input, input.crossRefnummer);
}

function buildBericht(code: 'Di01' | 'Du01', input: Di01Input, crossRefnummer: string | undefined): GgkUitgaandEnvelop {
  const definitie = berichtDefinitie(input.functie);
  if (!definitie) throw new GgkBuildError(`functie ${input.functie} is not an iWmo 3.2 or iJw 3.2 bericht`);
  if (berichtcodeVoor(definitie) !== code) {
    throw new GgkBuildError(`${definitie.naam} travels in a ${berichtcodeVoor(definitie)}, not in a ${code}`);
  }
  controleerZender(input.zender);
  if (!input.ontvanger || Array.from(input.ontvanger).length > 200) throw new GgkBuildError('ontvanger must be 1 to 200 characters');
  for (const [naam, waarde] of Object.entries(input.parameters)) {
    if (!/^[0-9]{4}$/.test(waarde)) throw new GgkBuildError(`parameters.${naam} must be four digits (StUF:Versienr)`);
  }
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  const raw = typeof input.bericht === 'string' ? Buffer.from(input.bericht, 'utf8') : input.bericht;
  let payload;
  try {
    payload = prepareInput(raw, maxBytes);
  } catch (e) {
    if (e instanceof BerichtInputError) throw new GgkBuildError(`bericht: ${e.message}`);
    throw e;
  }
  if (payload.bericht?.naam !== definitie.naam) throw new GgkBuildError(`bericht is not a ${definitie.naam}`);

  const ref = nieuweReferentie(input);
  const op = OPERATIES[code];
  const p = input.parameters;
  const body =
    `<GGK:${op.element} ${NS_DECLARATIES}>` +
    stuurgegevensXml('GGK:stuurgegevens', {
      berichtcode: code,
      zender: input.zender,
      ontvanger: { organisatie: input.ontvanger, applicatie: GGK_APPLICATIE },
      ...ref,
      crossRefnummer,
      functie: definitie.naam,
    }) +
    '<GGK:parameters>' +
    leaf('GGK:applicatieVersie', p.applicatieVersie) +
    leaf('GGK:applicatieSubversie', p.applicatieSubversie) +
    leaf('GGK:functieVersie', p.functieVersie) +
    leaf('GGK:functieSubversie', p.functieSubversie) +
    `<GGK:bericht><GGK:xmlBestand>${Buffer.from(payload.bytes).toString('base64')}</GGK:xmlBestand></GGK:bericht>` +
    '</GGK:parameters>' +
    `</GGK:${op.element}>`;
  return uitgaand(soapEnvelope(body), ref, op.soapAction, maxBytes);
}

export interface Fo01Input extends BouwOpties {
  zender: GgkSysteem;
  /** The Di01/Du01 we refuse, as parseGgkRequest read it (stored by ingest). */
  antwoordOp: { stuurgegevens: GgkStuurgegevens; parameters?: GgkParameters };
  /** e.g. { code: 'StUF055', omschrijving: 'Berichtbody is niet conform schema in sectormodel: ...' }. */
  fout: { code: string; omschrijving: string; plek?: GgkPlek; details?: string };
}

/**
 * Foutbericht to the sender of a Di01/Du01 (spec §3.1, §2.3: StUF055 when the payload fails its
 * XSD). details defaults to functie + '-' + applicatieVersie + applicatieSubversie; detailsXML (the
 * original envelope) is left out: it would copy client data and up to 25 MB into the error path.
 */
export function buildFo01(input: Fo01Input): GgkUitgaandEnvelop {
  const origineel = input.antwoordOp.stuurgegevens;
  if (!isUuidV4(origineel.referentienummer)) throw new GgkBuildError('crossRefnummer (the refused message) must be a UUID v4');
  controleerZender(input.zender);
  const ontvanger = { organisatie: origineel.zender.organisatie, applicatie: GGK_APPLICATIE };
  if (systeemProbleem(ontvanger, true)) throw new GgkBuildError('the refused message has no usable zender organisatie');
  const p = input.antwoordOp.parameters;
  const details =
    input.fout.details ?? (origineel.functie && p ? `${origineel.functie}-${p.applicatieVersie}${p.applicatieSubversie}` : undefined);
  const ref = nieuweReferentie(input);
  const body =
    `<StUF:Fo01Bericht ${NS_DECLARATIES}>` +
    stuurgegevensXml('StUF:stuurgegevens', {
      berichtcode: 'Fo01',
      zender: input.zender,
      ontvanger,
      ...ref,
      crossRefnummer: origineel.referentienummer,
    }) +
    foutBodyXml({ ...input.fout, plek: input.fout.plek ?? 'client', details }) +
    '</StUF:Fo01Bericht>';
  return uitgaand(soapEnvelope(body), ref, OPERATIES.Fo01.soapAction, DEFAULT_MAX_BYTES);
}

/** StUF:Foutbericht: code max 7, omschrijving max 200, details max 1000 characters (stuf0301.xsd). */
export function foutBodyXml(fout: { code: string; plek: GgkPlek; omschrijving: string; details?: string }): string {
  if (!/^[A-Za-z0-9]{1,7}$/.test(fout.code)) throw new GgkBuildError('fout code must be 1 to 7 letters and digits');
  return (
    '<StUF:body>' +
    leaf('StUF:code', fout.code) +
    leaf('StUF:plek', fout.plek) +
    `<StUF:omschrijving>${escapeXml(kapAf(fout.omschrijving, 200))}</StUF:omschrijving>` +
    (fout.details === undefined ? '' : `<StUF:details>${escapeXml(kapAf(fout.details, 1000))}</StUF:details>`) +
    '</StUF:body>'
  );
}

function controleerZender(zender: GgkSysteem): void {
  const probleem = systeemProbleem(zender, true);
  if (probleem) throw new GgkBuildError(`zender: ${probleem}`);
}

function uitgaand(
  xml: string,
  ref: { referentienummer: string; tijdstipBericht: string },
  soapAction: string,
  maxBytes: number,
): GgkUitgaandEnvelop {
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) throw new GgkBuildError(`envelope is ${size} bytes, over the limit of ${maxBytes} bytes (IB007)`);
  return { xml, ...ref, soapAction };
}
