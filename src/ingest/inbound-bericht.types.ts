import type { Verdict } from '../istandaarden';
import type { GgkParameters, GgkStuurgegevens } from '../ggk/envelop';

/**
 * What is kept of a verdict: the CLI contract shape (architecture.md §4.2). XSD messages come from
 * the core without the offending values, so no client data is stored here.
 */
export interface StoredVerdict extends Verdict {
  /** Set when processing itself failed or the bericht cannot go out: quote errorId to find the log line. */
  fout?: { code: string; errorId?: string; message: string };
}

/** The identifying header fields, read before the bericht is stored. */
export interface BerichtIdentiteit {
  bericht: string;
  domein: 'wmo' | 'jeugd';
  berichtcode: string;
  afzender: string;
  ontvanger: string | null;
  identificatie: string;
  /** ISO date, or null when absent or not a real date (the XSD check reports it later). */
  dagtekening: string | null;
}

/**
 * The StUF envelope of a bericht received on /ggk, as parseGgkRequest read it (codes and UUIDs, no
 * client data); stored as JSON in client_inbound_bericht.envelope. The payload itself is `raw`.
 */
export interface GgkEnvelopGegevens {
  soort: 'Di01' | 'Du01';
  stuurgegevens: GgkStuurgegevens;
  parameters: GgkParameters;
}

/** A RetourCodes element of what we sent: where it sits (a path, never a value) and its codes. */
export interface RetourcodesOpPlek {
  /** e.g. '/Bericht/Header' or '/Bericht/Client/StartProducten/StartProduct[2]'. */
  locatie: string;
  codes: string[];
}

/**
 * The answer to a bericht (or, for our own 301/319, the envelope it went out in), kept with its
 * status and shown by GET /api/berichten/:id. Codes and references only: never XML or client data.
 */
export interface AntwoordSamenvatting {
  /** The envelope written to the outbox; null when the answer was composed but not sent. */
  envelop: 'Di01' | 'Du01' | 'Fo01' | null;
  /** The iWmo/iJw bericht in it, e.g. 'WMO306'; null for a Fo01. */
  functie: string | null;
  referentienummer: string | null;
  crossRefnummer: string | null;
  /** Id of the outbox row (OutboxWriter.schrijf). */
  outboxId: string | null;
  /** The RetourCodes of a retourbericht, Header first; empty for a clean retour and for a Di01. */
  retourcodes: RetourcodesOpPlek[];
  /** The StUF foutcode of a Fo01, e.g. 'StUF055'. */
  foutcode?: string;
  /** Why it was not sent, when envelop is null. */
  toelichting?: string;
}
