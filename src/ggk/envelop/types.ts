import type { BerichtDefinitie } from '../../istandaarden/catalogus';
import type { GgkFoutcode, GgkPlek } from './foutcodes';
import type { GgkBerichtcode, GgkOperatie } from './namespaces';

/** stuurgegevens.zender / ontvanger (StUF:Systeem_ggkberichten). */
export interface GgkSysteem {
  organisatie: string;
  applicatie: string;
  administratie?: string;
  gebruiker?: string;
}

/** The stuurgegevens every accepted envelope carries (spec §3.1-§3.3). */
export interface GgkStuurgegevens {
  berichtcode: GgkBerichtcode;
  zender: GgkSysteem;
  ontvanger: GgkSysteem;
  /** UUID v4 (spec §2.4). */
  referentienummer: string;
  /** StUF Tijdstip as sent: 8 to 17 digits, JJJJMMDDUUMMSSmmm. */
  tijdstipBericht: string;
  /** Du01: the Di01 answered; Fo01: the Di01/Du01 the error is about. */
  crossRefnummer?: string;
  /** Di01/Du01: the iWmo/iJw bericht in the payload, e.g. 'WMO323'. */
  functie?: string;
}

/** parameters.* of a Di01/Du01 (spec §2.5, §2.6). */
export interface GgkParameters {
  applicatieVersie: string;
  applicatieSubversie: string;
  functieVersie: string;
  functieSubversie: string;
}

/** The decoded parameters.bericht.xmlBestand. */
export interface GgkPayload {
  /** UTF-8 bytes of the iWmo/iJw bericht, without byte-order mark. */
  bytes: Uint8Array;
  text: string;
  /** True when the sender put a BOM in front (spec §2.2 says none); it was removed, see README. */
  bomVerwijderd: boolean;
}

/** body of a StUF foutbericht (Fo01 received, Fo03/Fo01 sent). */
export interface GgkFout {
  code: string;
  plek: GgkPlek;
  omschrijving: string;
  details?: string;
}

interface Geaccepteerd {
  ok: true;
  operatie: GgkOperatie;
}

export interface GgkDi01 extends Geaccepteerd {
  kind: 'Di01';
  stuurgegevens: GgkStuurgegevens & { functie: string };
  parameters: GgkParameters;
  definitie: BerichtDefinitie;
  bericht: GgkPayload;
}

export interface GgkDu01 extends Geaccepteerd {
  kind: 'Du01';
  stuurgegevens: GgkStuurgegevens & { functie: string; crossRefnummer: string };
  parameters: GgkParameters;
  definitie: BerichtDefinitie;
  bericht: GgkPayload;
}

export interface GgkFo01 extends Geaccepteerd {
  kind: 'Fo01';
  stuurgegevens: GgkStuurgegevens & { crossRefnummer: string };
  fout: GgkFout;
}

/**
 * A refused request. `reason` is safe to log and to send (never repeats payload or envelope
 * content); `stuurgegevens` is present when the envelope could be read, so the answer can be addressed.
 */
export interface GgkWeigering {
  ok: false;
  fault: GgkPlek;
  code: GgkFoutcode;
  reason: string;
  kind?: GgkBerichtcode;
  stuurgegevens?: GgkStuurgegevens;
  parameters?: GgkParameters;
}

export type GgkVerzoek = GgkDi01 | GgkDu01 | GgkFo01;
export type GgkParseResultaat = GgkVerzoek | GgkWeigering;
