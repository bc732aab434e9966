import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { BerichtDefinitie, GetypeerdBericht, RetourOordeel, RegelFinding, ValidatedBericht } from '../istandaarden';
import type { AntwoordSamenvatting, TeVerwerkenBericht, VerwerkingUitkomst } from '../ingest';

/**
 * Processes one claimed bericht inside its transaction and says how it ended. The worker owns the
 * claim, the transaction and the status update; a verwerker owns everything in between.
 */
export interface BerichtVerwerker {
  verwerk(bericht: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst>;
}
export const BERICHT_VERWERKER = Symbol('BERICHT_VERWERKER');

/**
 * What the steps of one bericht decide together. Everything here commits with the bericht's status
 * (one transaction), so an answer is written exactly once (IV028), also after a crash and retry.
 */
export interface VerwerkingStand {
  /**
   * How the retourbericht judges the heenbericht (IV028, istandaarden-3.2.md §4.1-4.2): level 2 →
   * Header 0001, TR056 duplicate → Header 9056, else the rules across berichten. Null when the bericht
   * gets no retour (a retour itself, a 323/325, our own 301/319).
   */
  retourOordeel: RetourOordeel | null;
  /** The bericht is approved and may change the register (mutatiesVoor), once its answer is written. */
  goedgekeurd: boolean;
  /** What was written to the outbox (or composed, when it cannot be sent). */
  antwoord: AntwoordSamenvatting | null;
  /** The bericht ends in uitval with this reason (no answer goes out for it). */
  uitval: { code: string; message: string } | null;
}

/** What a step sees: the bericht, the findings so far, the shared decisions and the transaction. */
export interface VerwerkingContext {
  readonly bericht: TeVerwerkenBericht;
  /**
   * voerUit: schema-valid (definitie is set, and root until a step lets go of the tree);
   * bijXsdFout: with xsd findings.
   */
  readonly validated: ValidatedBericht;
  /** The typed bericht (parseBericht), parsed once for all steps; only after a clean XSD check. */
  getypeerd(): GetypeerdBericht;
  /**
   * Lets go of the element tree (validated.root becomes null): a large declaratie's tree is the
   * biggest thing in memory, and the steps after the 325 is built need only the typed bericht.
   */
  laatBoomLos(): void;
  /** Findings so far (TR/CD/CS inside the bericht); a step appends its own. */
  readonly regels: RegelFinding[];
  readonly stand: VerwerkingStand;
  /** Everything a step writes (register, outbound bericht, outbox rows) goes through this. */
  readonly tx: EntityManager;
  readonly log: Logger;
}

/** What a step sees of a large bericht while libxml2 still checks its schema (VerwerkingStap.vooruit). */
export interface VooruitContext {
  readonly bericht: TeVerwerkenBericht;
  readonly definitie: BerichtDefinitie;
  /** The typed bericht of the scanned tree (the one voerUit gets, if the tree passes); may throw, as it may not. */
  getypeerd(): GetypeerdBericht;
  readonly tx: EntityManager;
  readonly log: Logger;
}

/**
 * A stage of the pipeline, run in array order inside the bericht's transaction: `voerUit` after a
 * successful XSD check (rules across berichten, contract checks, retour, register), `bijXsdFout`
 * when the XSD check failed (level 1: a Fo01 StUF055 instead of a retourbericht).
 */
export interface VerwerkingStap {
  readonly naam: string;
  /**
   * Optional, large berichten only: reads the step can start on the scanned tree while the schema
   * check and the rules still run, kept by the step for its voerUit. Each step's vooruit runs in a
   * savepoint and ends before any step runs; a failure is rolled back and logged, and voerUit then
   * reads for itself. Reads and locks only, never writes: the bericht may still be rejected.
   */
  vooruit?(ctx: VooruitContext): Promise<void>;
  voerUit?(ctx: VerwerkingContext): Promise<void>;
  bijXsdFout?(ctx: VerwerkingContext): Promise<void>;
}
/** Multi-provider token: an array of VerwerkingStap, run in array order. */
export const VERWERKING_STAPPEN = Symbol('VERWERKING_STAPPEN');
