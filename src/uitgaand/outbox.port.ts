import type { EntityManager } from 'typeorm';

/**
 * An envelope to deliver to the GGK. Written in the same transaction as the state change that
 * causes it (architecture.md §2 step 2), delivered afterwards by the outbound relay (step 3).
 */
export interface UitgaandBericht {
  soort: 'Di01' | 'Du01' | 'Fo01';
  /** iWmo/iJw bericht in the envelope, e.g. 'WMO306'; null for a Fo01. */
  functie: string | null;
  /** UUID v4 of this envelope (stuurgegevens/referentienummer). */
  referentienummer: string;
  /** Referentienummer of the envelope this one answers (Du01, Fo01). */
  crossRefnummer: string | null;
  /** The complete SOAP envelope as it goes on the wire. */
  envelop: string;
  /** The inbound bericht this answers, if any. */
  inboundId: string | null;
  correlationId: string;
}

/** Writes outbound envelopes into the outbox table inside the caller's transaction. */
export interface OutboxWriter {
  schrijf(manager: EntityManager, bericht: UitgaandBericht): Promise<string>;
}

export const OUTBOX_WRITER = Symbol('OUTBOX_WRITER');
