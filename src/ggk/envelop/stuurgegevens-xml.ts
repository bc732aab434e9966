import { randomUUID } from 'node:crypto';
import { isUuidV4 } from './functie';
import { GGK_NS, SOAP11_NS, STUF_NS } from './namespaces';
import { stufTijdstip } from './tijdstip';
import type { GgkSysteem } from './types';
import { leaf } from './xml-tekst';

/** A programming error in what was asked to be built (never bad input from outside). */
export class GgkBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GgkBuildError';
  }
}

export interface BouwOpties {
  /** Default crypto.randomUUID() (a UUID v4, spec §2.4). */
  referentienummer?: string;
  /** tijdstipBericht; default now. */
  nu?: Date;
}

/** A system as StUF:Systeem allows it: organisatie optional (only our answers use that). */
export type Adres = Omit<GgkSysteem, 'organisatie'> & { organisatie?: string };

export const NS_DECLARATIES = `xmlns:StUF="${STUF_NS}" xmlns:GGK="${GGK_NS}"`;

export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body>\n${body}\n</soapenv:Body></soapenv:Envelope>\n`;
}

export interface StuurgegevensVelden {
  berichtcode: string;
  zender: Adres;
  ontvanger: Adres;
  referentienummer: string;
  tijdstipBericht: string;
  crossRefnummer?: string;
  functie?: string;
}

/** stuurgegevens in schema order; `tag` is 'GGK:stuurgegevens' (Di01/Du01) or 'StUF:stuurgegevens'. */
export function stuurgegevensXml(tag: string, s: StuurgegevensVelden): string {
  return (
    `<${tag}>` +
    leaf('StUF:berichtcode', s.berichtcode) +
    systeemXml('StUF:zender', s.zender) +
    systeemXml('StUF:ontvanger', s.ontvanger) +
    leaf('StUF:referentienummer', s.referentienummer) +
    leaf('StUF:tijdstipBericht', s.tijdstipBericht) +
    leaf('StUF:crossRefnummer', s.crossRefnummer) +
    leaf('StUF:functie', s.functie) +
    `</${tag}>`
  );
}

function systeemXml(tag: string, s: Adres): string {
  return (
    `<${tag}>` +
    leaf('StUF:organisatie', s.organisatie || undefined) +
    leaf('StUF:applicatie', s.applicatie) +
    leaf('StUF:administratie', s.administratie) +
    leaf('StUF:gebruiker', s.gebruiker) +
    `</${tag}>`
  );
}

export function nieuweReferentie(opties: BouwOpties): { referentienummer: string; tijdstipBericht: string } {
  if (opties.referentienummer !== undefined && !isUuidV4(opties.referentienummer)) {
    throw new GgkBuildError('referentienummer must be a UUID v4');
  }
  return { referentienummer: opties.referentienummer ?? randomUUID(), tijdstipBericht: stufTijdstip(opties.nu ?? new Date()) };
}

/** The StUF:Systeem facets (stuf0301.xsd); null when the system fits them. */
export function systeemProbleem(s: Adres, organisatieVerplicht: boolean): string | null {
  const len = (v: string | undefined) => (v === undefined ? 0 : Array.from(v).length);
  if (len(s.applicatie) < 3 || len(s.applicatie) > 50) return 'applicatie must be 3 to 50 characters';
  if (organisatieVerplicht && !s.organisatie) return 'organisatie is required';
  if (len(s.organisatie) > 200) return 'organisatie is longer than 200 characters';
  if (len(s.administratie) > 50) return 'administratie is longer than 50 characters';
  if (len(s.gebruiker) > 100) return 'gebruiker is longer than 100 characters';
  return null;
}
