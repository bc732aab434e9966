import type { EntityManager } from 'typeorm';
import { mutatiesVoor, type RegisterMutatie } from '../regels';
import { pasMutatiesToe } from '../register';
import type { VerwerkingContext, VerwerkingStap } from '../verwerking.ports';

/**
 * An approved bericht changes the register (istandaarden-3.2.md §11: only a fully approved
 * heenbericht is processed; a rejected one changes nothing), in the transaction that also holds its
 * answer: both commit or neither does. Not when the answer could not be made (uitval).
 */
export class RegisterStap implements VerwerkingStap {
  readonly naam = 'register';

  /** `pasToe` is a seam for tests (InMemoryRegister); the service writes the register tables. */
  constructor(private readonly pasToe: (tx: EntityManager, mutaties: readonly RegisterMutatie[], inboundId: string) => Promise<void> = pasMutatiesToe) {}

  async voerUit(ctx: VerwerkingContext): Promise<void> {
    const def = ctx.validated.definitie;
    if (!def || !ctx.stand.goedgekeurd || ctx.stand.uitval || !ctx.stand.antwoord) return;
    const mutaties = mutatiesVoor({ def, getypeerd: ctx.getypeerd() });
    await this.pasToe(ctx.tx, mutaties, ctx.bericht.id);
    ctx.log.info({ mutaties: mutaties.map((m) => m.soort) }, 'register updated');
  }
}
