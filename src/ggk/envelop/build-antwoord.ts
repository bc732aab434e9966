import { foutBodyXml, GGK_APPLICATIE } from './build-uitgaand';
import { STUF_NS } from './namespaces';
import {
  GgkBuildError,
  nieuweReferentie,
  soapEnvelope,
  stuurgegevensXml,
  systeemProbleem,
  type Adres,
  type BouwOpties,
} from './stuurgegevens-xml';
import type { GgkFout, GgkParameters, GgkStuurgegevens, GgkWeigering } from './types';
import { escapeXml, kapAf } from './xml-tekst';

/** The synchronous answer to a ggk_Di01 / ggk_Du01 / Fo01 call: Bv03 (HTTP 200) or Fo03 fault (HTTP 500). */
export interface GgkAntwoord {
  xml: string;
  referentienummer: string;
  tijdstipBericht: string;
  /** WS-I Basic Profile R1126: a SOAP fault goes with HTTP 500. */
  httpStatus: 200 | 500;
}

/** SOAP 1.1 over HTTP. */
export const SOAP11_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface AntwoordInput extends BouwOpties {
  /** Our side, e.g. { organisatie: '0363', applicatie: 'istd-gateway' }. */
  zender: Adres;
  /** The stuurgegevens of the call we answer, when they could be read. */
  antwoordOp?: GgkStuurgegevens;
}

/**
 * Bv03 as the WSDL output of every operation: crossRefnummer is the caller's referentienummer, the
 * ontvanger its zender. (Spec §2.3 says gemeenten exchange no Bv03 as separate messages; this is the
 * synchronous SOAP response the WSDL prescribes, see README.)
 */
export function buildBv03(input: AntwoordInput & { antwoordOp: GgkStuurgegevens }): GgkAntwoord {
  const ref = nieuweReferentie(input);
  const body =
    `<StUF:Bv03Bericht xmlns:StUF="${STUF_NS}">` +
    stuurgegevensXml('StUF:stuurgegevens', { berichtcode: 'Bv03', ...adressering(input), ...ref }) +
    '</StUF:Bv03Bericht>';
  return { xml: soapEnvelope(body), ...ref, httpStatus: 200 };
}

/**
 * Fo03 as a SOAP 1.1 Fault (StUF protocolbindingen): faultcode soapenv:Client or soapenv:Server
 * after body.plek, faultstring the omschrijving, detail the StUF:Fo03Bericht.
 */
export function buildFo03(input: AntwoordInput & { fout: GgkFout }): GgkAntwoord {
  const ref = nieuweReferentie(input);
  const omschrijving = kapAf(input.fout.omschrijving, 200);
  const fo03 =
    `<StUF:Fo03Bericht xmlns:StUF="${STUF_NS}">` +
    stuurgegevensXml('StUF:stuurgegevens', { berichtcode: 'Fo03', ...adressering(input), ...ref }) +
    foutBodyXml({ ...input.fout, omschrijving }) +
    '</StUF:Fo03Bericht>';
  const body =
    '<soapenv:Fault>' +
    `<faultcode>soapenv:${input.fout.plek === 'server' ? 'Server' : 'Client'}</faultcode>` +
    `<faultstring>${escapeXml(omschrijving)}</faultstring>` +
    `<detail>${fo03}</detail>` +
    '</soapenv:Fault>';
  return { xml: soapEnvelope(body), ...ref, httpStatus: 500 };
}

/** The Fo03 for a refusal of parseGgkRequest, with details as spec §3.1 fills them for a Fo01. */
export function buildFo03VoorWeigering(weigering: GgkWeigering, input: Omit<AntwoordInput, 'antwoordOp'>): GgkAntwoord {
  return buildFo03({
    ...input,
    antwoordOp: weigering.stuurgegevens,
    fout: {
      code: weigering.code,
      plek: weigering.fault,
      omschrijving: weigering.reason,
      details: foutDetails(weigering.stuurgegevens, weigering.parameters),
    },
  });
}

/** functie + '-' + applicatieVersie + applicatieSubversie, e.g. 'JW315-00020010' (spec §3.1). */
export function foutDetails(stuurgegevens?: GgkStuurgegevens, parameters?: GgkParameters): string | undefined {
  if (!stuurgegevens?.functie || !parameters) return undefined;
  return `${stuurgegevens.functie}-${parameters.applicatieVersie}${parameters.applicatieSubversie}`;
}

/**
 * zender is ours and must be right; the ontvanger and crossRefnummer come from the caller and may be
 * unusable (a refused call): then the ontvanger is the GGk and the crossRefnummer empty (StUF:Refnummer
 * allows that), so a fault can always be built.
 */
function adressering(input: AntwoordInput): { zender: Adres; ontvanger: Adres; crossRefnummer: string } {
  const probleem = systeemProbleem(input.zender, false);
  if (probleem) throw new GgkBuildError(`zender: ${probleem}`);
  const op = input.antwoordOp;
  const ontvanger = op && !systeemProbleem(op.zender, false) ? op.zender : { applicatie: GGK_APPLICATIE };
  const cross = op && Array.from(op.referentienummer).length <= 40 ? op.referentienummer : '';
  return { zender: input.zender, ontvanger, crossRefnummer: cross };
}
