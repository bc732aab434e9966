import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUuidV4 } from '../ggk/envelop';
import { MAX_BERICHT_BYTES_LIMIT } from '../platform/config';
import { OutboundBerichtRepository } from './outbound-bericht.repository';
import type { OutboxWriter, UitgaandBericht } from './outbox.port';
import { UitgaandEvents } from './uitgaand-events';

/** A caller asked for something the outbox cannot hold: a bug in the caller, never bad input from outside. */
export class OutboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxError';
  }
}

/**
 * OUTBOX_WRITER: inserts the envelope into client_outbound_bericht through the caller's
 * EntityManager, so it commits or rolls back with the state change that caused it. The relay in this
 * process is woken after the commit. Writing the same referentienummer and envelope twice returns
 * the first row's id; the same referentienummer with another envelope is an OutboxError.
 */
@Injectable()
export class TypeOrmOutboxWriter implements OutboxWriter {
  constructor(
    @Inject(OutboundBerichtRepository) private readonly repository: OutboundBerichtRepository,
    @Inject(UitgaandEvents) private readonly events: UitgaandEvents,
  ) {}

  async schrijf(manager: EntityManager, bericht: UitgaandBericht): Promise<string> {
    controleer(bericht);
    const r = await this.repository.insert(manager, bericht);
    if (r.soort === 'conflict') {
      throw new OutboxError(`referentienummer ${bericht.referentienummer} is already in the outbox with another envelope`);
    }
    if (r.soort === 'nieuw') this.events.geschreven(manager);
    return r.id;
  }
}

/** The port's promises, checked before anything is written. Messages name fields, never content. */
function controleer(b: UitgaandBericht): void {
  const fout = (m: string): never => {
    throw new OutboxError(`outbound ${String(b.soort)}: ${m}`);
  };
  if (b.soort !== 'Di01' && b.soort !== 'Du01' && b.soort !== 'Fo01') fout('soort must be Di01, Du01 or Fo01');
  if (!isUuidV4(b.referentienummer)) fout('referentienummer must be a lower-case UUID v4');
  if (b.soort === 'Fo01') {
    if (b.functie !== null) fout('a Fo01 has no functie');
  } else if (!b.functie || !/^(WMO|JW)\d{3}$/.test(b.functie)) {
    fout('functie must name the iWmo/iJw bericht, e.g. WMO306');
  }
  if (b.soort !== 'Di01' && (!b.crossRefnummer || b.crossRefnummer.length > 40)) fout('crossRefnummer (1 to 40 characters) is required');
  if (b.soort === 'Di01' && b.crossRefnummer !== null) fout('a Di01 has no crossRefnummer');
  if (!b.envelop.includes(b.referentienummer)) fout('the envelope does not carry this referentienummer');
  if (Buffer.byteLength(b.envelop, 'utf8') > MAX_BERICHT_BYTES_LIMIT) fout(`the envelope is over ${MAX_BERICHT_BYTES_LIMIT} bytes (IB007)`);
  if (!b.correlationId || b.correlationId.length > 64) fout('correlationId must be 1 to 64 characters');
}
