import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { RegelFinding, ValidatedBericht } from '../istandaarden';
import type { TeVerwerkenBericht, VerwerkingUitkomst } from '../ingest';

/**
 * Processes one claimed bericht inside its transaction and says how it ended. The worker owns the
 * claim, the transaction and the status update; a verwerker owns everything in between.
 */
export interface BerichtVerwerker {
  verwerk(bericht: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst>;
}
export const BERICHT_VERWERKER = Symbol('BERICHT_VERWERKER');

/** What a step sees: the schema-valid bericht, the findings so far, and the bericht's transaction. */
export interface VerwerkingContext {
  readonly bericht: TeVerwerkenBericht;
  /** Schema-valid (root and definitie are set). */
  readonly validated: ValidatedBericht;
  /** Findings so far (TR/CD/CS inside the bericht); a step appends its own. */
  readonly regels: RegelFinding[];
  /** Everything a step writes (register, outbound bericht, outbox rows) goes through this. */
  readonly tx: EntityManager;
  readonly log: Logger;
}

/**
 * A stage after validation, run in order inside the bericht's transaction. The next slices plug in
 * here: rules across berichten (register lookups, TR056/9056 ...), contract checks, composing the
 * retourbericht or 325, validating it against its XSD, and writing it plus signals to the outbox.
 */
export interface VerwerkingStap {
  readonly naam: string;
  voerUit(ctx: VerwerkingContext): Promise<void>;
}
/** Multi-provider token: an array of VerwerkingStap, run in array order. Empty for now. */
export const VERWERKING_STAPPEN = Symbol('VERWERKING_STAPPEN');
