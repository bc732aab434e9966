import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Claim, InboundBerichtRepository, VerwerkingUitkomst } from '../ingest';
import { lazyChild } from '../platform/logging';
import type { MetricsService } from '../platform/metrics';
import type { VerwerkingConfig } from '../platform/config';
import type { BerichtVerwerker } from './verwerking.ports';
import { PollLus } from '../platform/lus/poll-lus';

export interface InboundWorkerDeps {
  dataSource: DataSource;
  repository: InboundBerichtRepository;
  verwerker: BerichtVerwerker;
  options: Omit<VerwerkingConfig, 'enabled'>;
  logger: Logger;
  metrics?: Pick<MetricsService, 'berichtenVerwerkt' | 'verwerkingDuur'>;
}

/**
 * Claims stored berichten in small batches and processes each in its own transaction. Any number
 * of workers (in this or other processes) may run: claims use FOR UPDATE SKIP LOCKED, and the
 * outcome is written only by the holder of the current claim, so a bericht is processed once.
 * Plain class: Nest starts it (VerwerkingModule), tests and other entry points can construct it.
 */
export class InboundWorker {
  private lussen: PollLus[] = [];
  private stopping = false;
  private readonly log: Logger;

  constructor(private readonly deps: InboundWorkerDeps) {
    this.log = deps.logger.child({ component: 'inbound-worker' });
  }

  get running(): boolean {
    return this.lussen.some((l) => l.running);
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.log.info({ batchSize: this.deps.options.batchSize, parallel: this.deps.options.parallel }, 'worker started');
    // Several loops overlap one bericht's database round trips with another's CPU work; each claims its own batch.
    this.lussen = Array.from({ length: this.deps.options.parallel }, () => new PollLus(() => this.ronde(), this.deps.options.pollIntervalMs));
    for (const l of this.lussen) l.start();
  }

  /** Finishes the bericht in hand, gives the rest of the batch back, and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.lussen.map((l) => l.stop()));
    this.log.info('worker stopped');
  }

  /** Look for work now instead of at the next poll (called after a local commit). */
  nudge(): void {
    for (const l of this.lussen) l.nudge();
  }

  /** Claims and processes one batch; returns how many berichten were claimed. */
  async runOnce(): Promise<number> {
    const { repository, options } = this.deps;
    const claims = await repository.claim(options.batchSize, options.leaseSeconds);
    for (let i = 0; i < claims.length; i++) {
      if (this.stopping) {
        await repository.release(claims.slice(i));
        break;
      }
      await this.verwerkEen(claims[i]);
    }
    return claims.length;
  }

  /** Runs batches until nothing is left (tests, a one-shot CLI). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0) {
      /* next batch */
    }
  }

  /** One round for a loop: true when it claimed something (look again at once). */
  private async ronde(): Promise<boolean> {
    try {
      return (await this.runOnce()) > 0;
    } catch (err) {
      this.log.error({ err }, 'claiming berichten failed; retrying after the poll interval');
      return false;
    }
  }

  private async verwerkEen(claim: Claim): Promise<void> {
    const { dataSource, repository, verwerker, options, metrics } = this.deps;
    const started = process.hrtime.bigint();
    let log = lazyChild(this.log, { berichtId: claim.id, poging: claim.attempts });
    try {
      const uitkomst = await dataSource.transaction(async (tx): Promise<(VerwerkingUitkomst & { bericht: string }) | null> => {
        const bericht = await repository.laadGeclaimd(claim, tx);
        if (!bericht) return null;
        log = log.child({ correlationId: bericht.correlationId, bericht: bericht.bericht });
        const u =
          claim.attempts > options.maxAttempts
            ? opgegeven(bericht.bericht, `processing was interrupted ${claim.attempts - 1} times`)
            : await verwerker.verwerk(bericht, tx, log);
        if (!(await repository.finish(claim, u, tx))) throw new ClaimVerlorenError();
        return { ...u, bericht: bericht.bericht ?? 'onbekend' };
      });
      if (!uitkomst) {
        log.info('claim taken over by another worker; skipped');
        return;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics?.berichtenVerwerkt.inc({ bericht: uitkomst.bericht, status: uitkomst.status });
      metrics?.verwerkingDuur.observe({ bericht: uitkomst.bericht }, seconds);
      log.info(
        { status: uitkomst.status, xsd: uitkomst.verdict.xsd.length, regels: uitkomst.verdict.regels.map((r) => r.code), ms: Math.round(seconds * 1000) },
        'bericht processed',
      );
    } catch (err) {
      if (err instanceof ClaimVerlorenError) log.info('claim taken over by another worker while processing; rolled back');
      else await this.mislukt(claim, err, log);
    }
  }

  /**
   * Processing threw (a bug or the database): the transaction rolled back. Below the attempt limit
   * the claim is left to expire, so the lease is the back-off; at the limit the bericht goes to uitval.
   */
  private async mislukt(claim: Claim, err: unknown, log: Logger): Promise<void> {
    const errorId = randomUUID();
    log.error({ err, errorId }, 'processing failed');
    if (claim.attempts < this.deps.options.maxAttempts) return;
    try {
      await this.deps.repository.finish(claim, opgegeven(null, 'processing failed', errorId));
      this.deps.metrics?.berichtenVerwerkt.inc({ bericht: 'onbekend', status: 'uitval' });
      log.warn({ errorId }, 'gave up after the maximum number of attempts: uitval');
    } catch (e) {
      log.error({ err: e }, 'could not record uitval; the claim will expire and be retried');
    }
  }
}

/** Another worker claimed the bericht while this one processed it: this transaction rolls back. */
class ClaimVerlorenError extends Error {
  constructor() {
    super('claim lost while processing');
    this.name = 'ClaimVerlorenError';
  }
}

function opgegeven(bericht: string | null, message: string, errorId?: string): VerwerkingUitkomst {
  return {
    status: 'uitval',
    verdict: { bericht, valid: false, xsd: [], regels: [], fout: { code: 'VERWERKING.OPGEGEVEN', message, ...(errorId ? { errorId } : {}) } },
  };
}
