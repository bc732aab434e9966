import type { Verdict } from '../istandaarden';

/**
 * What is kept of a verdict: the CLI contract shape (architecture.md §4.2). XSD messages come from
 * the core without the offending values, so no client data is stored here.
 */
export interface StoredVerdict extends Verdict {
  /** Set when processing itself failed (not the bericht): quote errorId to find the log line. */
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
