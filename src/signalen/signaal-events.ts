import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';

type Listener = () => void;

/**
 * "A signal was committed to the outbox": wakes the signal relay in this process at once instead of
 * at its next poll (same pattern as UitgaandEvents). Only a wake-up call: relays elsewhere poll.
 */
@Injectable()
export class SignaalEvents implements EntitySubscriberInterface, OnModuleInit {
  private readonly listeners = new Set<Listener>();
  private readonly wachtOpCommit = new WeakSet<QueryRunner>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  onGeschreven(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  geschreven(manager: EntityManager): void {
    const qr = manager.queryRunner;
    if (qr?.isTransactionActive) this.wachtOpCommit.add(qr);
    else this.meld();
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
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
