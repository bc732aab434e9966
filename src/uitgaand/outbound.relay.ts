import type { Logger } from 'pino';
import { OPERATIES } from '../ggk/envelop';
import type { UitgaandConfig } from '../platform/config';
import { wachttijdMs } from './backoff';
import type { Afloop } from './ggk-antwoord';
import type { GgkVerzender } from './ggk-client';
import type { OutboundBerichtRepository, UitgaandClaim } from './outbound-bericht.repository';
import type { UitgaandMetrics } from './uitgaand.metrics';
import { PollLus } from '../platform/lus/poll-lus';

export interface OutboundRelayDeps {
  repository: OutboundBerichtRepository;
  verzender: GgkVerzender;
  options: Omit<UitgaandConfig, 'enabled'>;
  logger: Logger;
  metrics?: UitgaandMetrics;
  /** For the backoff jitter; Math.random by default. */
  random?: () => number;
}

/** What happened to one claimed envelope in runOnce (tests, logs). */
export type RelayUitkomst = 'verzonden' | 'opnieuw' | 'uitval' | 'claim-verloren';

/**
 * Delivers the outbox to the GGK. Claims due envelopes in small batches (FOR UPDATE SKIP LOCKED, so
 * any number of relays in any number of processes can run), POSTs each one, and records the outcome
 * only while it still holds the claim. At-least-once: an envelope is marked verzonden only after the
 * peer confirmed it; when the confirmation is lost (timeout, crash between answer and update) it is
 * sent again with the same referentienummer, which is how the peer recognises the repeat.
 * Plain class: Nest starts it (UitgaandModule), tests and the demo can construct it.
 */
export class OutboundRelay {
  private readonly lus: PollLus;
  private readonly log: Logger;

  constructor(private readonly deps: OutboundRelayDeps) {
    this.log = deps.logger.child({ component: 'outbound-relay' });
    this.lus = new PollLus(() => this.ronde(), deps.options.pollIntervalMs);
  }

  /**
   * How long a claim keeps others away: the whole exchange is bounded by the timeout, and the margin
   * covers writing the outcome. Only a relay that stalls beyond this can overlap with the next one.
   */
  get leaseMs(): number {
    return 2 * this.deps.options.timeoutMs + 10_000;
  }

  get running(): boolean {
    return this.lus.running;
  }

  start(): void {
    if (this.lus.running) return;
    this.log.info({ batchSize: this.deps.options.batchSize, maxPogingen: this.deps.options.maxPogingen }, 'relay started');
    this.lus.start(async () => this.log.info('relay stopped'));
  }

  /** Lets the deliveries in flight finish (each bounded by the timeout), then stops. */
  async stop(): Promise<void> {
    await this.lus.stop();
  }

  /** Look for work now instead of at the next poll (called after a local commit). */
  nudge(): void {
    this.lus.nudge();
  }

  /** Claims one batch of due envelopes and delivers them concurrently. */
  async runOnce(): Promise<RelayUitkomst[]> {
    const claims = await this.deps.repository.claim(this.deps.options.batchSize, this.leaseMs);
    return Promise.all(claims.map((c) => this.bezorg(c)));
  }

  /** One round for the loop: true when it claimed a full batch (more may be due). */
  private async ronde(): Promise<boolean> {
    try {
      return (await this.runOnce()).length >= this.deps.options.batchSize;
    } catch (err) {
      this.log.error({ err }, 'claiming outbound envelopes failed; retrying after the poll interval');
      return false;
    }
  }

  private async bezorg(claim: UitgaandClaim): Promise<RelayUitkomst> {
    const { repository, verzender, options, metrics } = this.deps;
    // Codes and ids only: the envelope never reaches a log line.
    const log = this.log.child({
      uitgaandId: claim.id,
      referentienummer: claim.referentienummer,
      soort: claim.soort,
      functie: claim.functie,
      poging: claim.attempts,
      correlationId: claim.correlationId,
    });
    try {
      if (claim.attempts > options.maxPogingen) {
        // The previous attempt was interrupted (its relay died) and used up the last try.
        return await this.geefOp(claim, null, `attempt ${claim.attempts - 1} of ${options.maxPogingen} was interrupted before its outcome was recorded`, 'onderbroken', log);
      }
      const envelop = await repository.envelop(claim.id);
      if (envelop === null) return 'claim-verloren';
      const started = process.hrtime.bigint();
      const afloop = await verzender.verstuur({
        envelop,
        soapAction: OPERATIES[claim.soort].soapAction,
        referentienummer: claim.referentienummer,
        poging: claim.attempts,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics?.pogingen.inc({ soort: claim.soort, afloop: afloop.soort });
      metrics?.duur.observe({ soort: claim.soort }, seconds);
      return await this.leg(claim, afloop, log, Math.round(seconds * 1000));
    } catch (err) {
      // The database failed while recording: the claim runs out and the envelope is tried again.
      log.error({ err }, 'recording the delivery outcome failed; the envelope is tried again after the lease');
      return 'claim-verloren';
    }
  }

  private async leg(claim: UitgaandClaim, afloop: Afloop, log: Logger, ms: number): Promise<RelayUitkomst> {
    const { repository, options, metrics } = this.deps;
    switch (afloop.soort) {
      case 'bevestigd': {
        if (!(await repository.verzonden(claim, afloop.httpStatus, afloop.antwoordRefnummer))) return this.verloren(log);
        metrics?.verzonden.inc({ soort: claim.soort, functie: claim.functie ?? 'geen' });
        log.info({ httpStatus: afloop.httpStatus, antwoord: afloop.reden, ms }, 'envelope delivered to the GGK');
        return 'verzonden';
      }
      case 'geweigerd':
        return this.geefOp(claim, afloop.httpStatus, `refused by the GGK: ${afloop.reden}`, 'geweigerd', log);
      case 'mislukt': {
        if (claim.attempts >= options.maxPogingen) {
          return this.geefOp(claim, afloop.httpStatus, `gave up after ${claim.attempts} attempts; last: ${afloop.reden}`, 'max_pogingen', log);
        }
        const wacht = wachttijdMs(claim.attempts, options.backoffBaseMs, options.backoffMaxMs, this.deps.random);
        if (!(await repository.opnieuw(claim, new Date(Date.now() + wacht), afloop.httpStatus, afloop.reden))) return this.verloren(log);
        log.warn({ httpStatus: afloop.httpStatus, reden: afloop.reden, opnieuwOverMs: wacht, ms }, 'delivery failed; will retry');
        return 'opnieuw';
      }
    }
  }

  private async geefOp(claim: UitgaandClaim, httpStatus: number | null, reden: string, label: 'geweigerd' | 'max_pogingen' | 'onderbroken', log: Logger): Promise<RelayUitkomst> {
    if (!(await this.deps.repository.uitval(claim, httpStatus, reden.slice(0, 500)))) return this.verloren(log);
    this.deps.metrics?.uitval.inc({ soort: claim.soort, reden: label });
    log.warn({ httpStatus, reden }, 'envelope not delivered: uitval');
    return 'uitval';
  }

  private verloren(log: Logger): RelayUitkomst {
    log.warn('claim taken over by another relay (lease ran out); outcome not recorded');
    return 'claim-verloren';
  }
}
