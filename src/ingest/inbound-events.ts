import { Injectable } from '@nestjs/common';

type Listener = (id: string) => void;

/**
 * Hand-off from ingest to processing inside one process: "a bericht was committed". Only a wake-up
 * call; the database row is the truth, and workers in other processes find it by polling.
 */
@Injectable()
export class InboundEvents {
  private readonly listeners = new Set<Listener>();

  onStored(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stored(id: string): void {
    for (const l of this.listeners) l(id);
  }
}
