import type { Logger } from 'pino';
import type { SignalenConfig } from '../platform/config';
import type { SignaalPublisher } from './amqp-signaal.publisher';
import type { SignaalClaim, SignaalOutboxRepository } from './signaal-outbox.repository';
import { PollLus } from '../platform/lus/poll-lus';

export interface SignaalRelayDeps {
  repository: SignaalOutboxRepository;
  publisher: SignaalPublisher;
  options: Omit<SignalenConfig, 'enabled'>;
  logger: Logger;
}

/** What one round did (tests, logs). */
export interface RelayRonde {
  gepubliceerd: number;
  mislukt: number;
  brokerOnbereikbaar: boolean;
}

/**
 * Publishes signaal_outbox to SIGNALEN_EXCHANGE. Claims due signals in batches (FOR UPDATE SKIP
 * LOCKED), publishes them on a confirm channel and marks them verzonden only after the broker's
 * confirm, while it still holds the claim. At-least-once: when the confirm or the update is lost
 * (timeout, crash) the signal is published again with the same message_id (= dedupKey), on which
 * consumers de-duplicate. While the broker is unreachable nothing is claimed: the signals wait.
 * Plain class: Nest starts it (SignalenModule); tests construct it.
 */
export class SignaalRelay {
  private readonly lus: PollLus;
  private readonly log: Logger;
  private brokerWeg = false;

  constructor(private readonly deps: SignaalRelayDeps) {
    this.log = deps.logger.child({ component: 'signaal-relay' });
    this.lus = new PollLus(() => this.ronde(), deps.options.pollIntervalMs);
  }

  /** A claim keeps other relays away for the publish and its confirm, plus a margin for the update. */
  get leaseMs(): number {
    return 2 * this.deps.options.confirmTimeoutMs + 1000;
  }

  get running(): boolean {
    return this.lus.running;
  }

  start(): void {
    if (this.lus.running) return;
    this.log.info({ batchSize: this.deps.options.batchSize }, 'signal relay started');
    this.lus.start(async () => {
      await this.deps.publisher.close();
      this.log.info('signal relay stopped');
    });
  }

  async stop(): Promise<void> {
    await this.lus.stop();
  }

  nudge(): void {
    this.lus.nudge();
  }

  /** One batch: broker reachable? claim, publish, wait for the confirms, mark verzonden. */
  async runOnce(): Promise<RelayRonde> {
    const { repository, publisher, options } = this.deps;
    try {
      await publisher.bereid();
    } catch (err) {
      if (!this.brokerWeg) this.log.warn({ err }, 'broker unreachable; signals wait in the outbox');
      this.brokerWeg = true;
      return { gepubliceerd: 0, mislukt: 0, brokerOnbereikbaar: true };
    }
    if (this.brokerWeg) this.log.info('broker reachable again; publishing waiting signals');
    this.brokerWeg = false;
    const claims = await repository.claim(options.batchSize, this.leaseMs);
    if (claims.length === 0) return { gepubliceerd: 0, mislukt: 0, brokerOnbereikbaar: false };
    try {
      await publisher.publiceer(claims.map(bericht));
    } catch (err) {
      this.log.warn({ err, aantal: claims.length }, 'publishing signals failed; they are tried again');
      await repository.opnieuw(claims, new Date(Date.now() + options.pollIntervalMs), String((err as Error)?.message ?? err));
      return { gepubliceerd: 0, mislukt: claims.length, brokerOnbereikbaar: false };
    }
    const gemarkeerd = await repository.verzonden(claims);
    if (gemarkeerd < claims.length) this.log.warn({ aantal: claims.length - gemarkeerd }, 'claims taken over by another relay; published twice (same message_id)');
    this.log.debug({ aantal: claims.length, dedupKeys: claims.map((c) => c.dedupKey) }, 'signals published and confirmed');
    return { gepubliceerd: claims.length, mislukt: 0, brokerOnbereikbaar: false };
  }

  /** One round for the loop: true when it published a full batch (more may be waiting). */
  private async ronde(): Promise<boolean> {
    try {
      return (await this.runOnce()).gepubliceerd === this.deps.options.batchSize;
    } catch (err) {
      // Database trouble, or the update after the confirm failed: the lease runs out and the
      // signals are published again (same message_id).
      this.log.error({ err }, 'signal relay round failed; retrying after the poll interval');
      return false;
    }
  }
}

function bericht(c: SignaalClaim): { routingKey: string; messageId: string; type: string; body: string } {
  return { routingKey: `signaal.${c.type}`, messageId: c.dedupKey, type: c.type, body: c.body };
}
