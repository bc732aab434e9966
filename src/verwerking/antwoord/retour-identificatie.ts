import type { EntityManager } from 'typeorm';

const BLOK = 50;

/**
 * Identificaties for our retourberichten and 325s (`R<n>`), from retour_identificatie_seq in blocks
 * of 50 per process: one round trip per 50 answers instead of one per answer. A sequence value is
 * never handed out twice (nextval is not rolled back); a block left over at a stop is a gap, which
 * the standard allows: an Identificatie must be unique per afzender, not gapless.
 */
export class RetourIdentificaties {
  private readonly vrij: string[] = [];

  async volgende(tx: EntityManager): Promise<string> {
    if (this.vrij.length === 0) {
      const rijen = (await tx.query(`SELECT nextval('retour_identificatie_seq')::text AS n FROM generate_series(1, ${BLOK})`)) as Array<{ n: string }>;
      this.vrij.push(...rijen.map((r) => r.n));
    }
    const n = this.vrij.shift();
    if (n === undefined) throw new Error('retour_identificatie_seq gave no value');
    return `R${n}`;
  }
}

/** One allocator per process: every processing loop draws from the same blocks. */
export const retourIdentificaties = new RetourIdentificaties();
