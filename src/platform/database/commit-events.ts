import type { OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

type Listener = () => void;

/**
 * "A row was committed to an outbox": wakes a relay in this process at once instead of at its next
 * poll. Only a wake-up call: the row is the truth, and relays in other processes find it by polling.
 *
 * A writer inside a transaction cannot tell the relay yet (the row is invisible until commit), so it
 * marks the transaction's QueryRunner; this subscriber on the DataSource fires after the outermost
 * COMMIT of a marked runner and forgets it on rollback. One subclass per outbox (UitgaandEvents,
 * SignaalEvents), each its own Nest provider.
 */
export abstract class CommitEvents implements EntitySubscriberInterface, OnModuleInit {
  private readonly listeners = new Set<Listener>();
  private readonly wachtOpCommit = new WeakSet<QueryRunner>();

  protected constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  onGeschreven(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the writer after its INSERT: tell the listeners now, or after the transaction commits. */
  geschreven(manager: EntityManager): void {
    const qr = manager.queryRunner;
    if (qr?.isTransactionActive) this.wachtOpCommit.add(qr);
    else this.meld();
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    // Also called when a savepoint is released; only the outermost commit makes the row visible.
    if (event.queryRunner.isTransactionActive || !this.wachtOpCommit.delete(event.queryRunner)) return;
    this.meld();
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    if (!event.queryRunner.isTransactionActive) this.wachtOpCommit.delete(event.queryRunner);
  }

  private meld(): void {
    for (const l of this.listeners) l();
  }
}
