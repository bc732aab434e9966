import type { VerwerkingContext, VerwerkingStap } from '../verwerking.ports';

/**
 * Seam for the declaratie work (the next issue): a schema-valid 323 has its verdict (XSD and the
 * rules inside the bericht) stored and nothing else yet. That work judges the prestaties against the
 * register and the contracts, builds the 325 (buildDeclaratieAntwoord), validates it, writes it in a
 * Du01 through the OutboxWriter and records the approved prestaties, all in this transaction, setting
 * ctx.stand.antwoord like AntwoordStap does. Until then a 323 gets no answer; a TR056 duplicate of a
 * 323 is marked (9056 in the verdict) but not answered either.
 */
export class DeclaratieStap implements VerwerkingStap {
  readonly naam = 'declaratie';

  async voerUit(ctx: VerwerkingContext): Promise<void> {
    if (ctx.validated.definitie?.nummer !== '323') return;
    ctx.log.info({ regels: ctx.regels.map((r) => r.code) }, 'declaratie: verdict stored; the 325 is not built yet');
  }
}
