import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { CommitEvents } from '../database/commit-events';

/** What a host needs of a relay. */
export interface Relay {
  start(): void;
  stop(): Promise<void>;
  nudge(): void;
}

/**
 * Starts a relay with the application (when enabled), nudges it on every local commit to its
 * outbox, and stops it before the database connections close. One Nest provider per relay
 * subclasses it (OutboundRelayHost, SignaalRelayHost).
 */
export abstract class RelayHost implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: (() => void) | null = null;

  protected constructor(
    readonly relay: Relay,
    private readonly events: CommitEvents,
    private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.unsubscribe = this.events.onGeschreven(() => this.relay.nudge());
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.relay.stop();
  }
}
