import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { OutboxWriter, UitgaandBericht } from '../../src/uitgaand/outbox.port';

/**
 * OutboxWriter test double for unit tests without a database: records every envelope with the
 * manager it was written through. The service and the integration tests use the real
 * TypeOrmOutboxWriter (src/uitgaand) through OUTBOX_WRITER.
 */
export class RecordingOutbox implements OutboxWriter {
  readonly berichten: Array<UitgaandBericht & { id: string; manager: EntityManager }> = [];

  async schrijf(manager: EntityManager, bericht: UitgaandBericht): Promise<string> {
    const id = randomUUID();
    this.berichten.push({ ...bericht, id, manager });
    return id;
  }
}
