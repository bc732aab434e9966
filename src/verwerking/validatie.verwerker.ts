import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { parseBericht, SchemaSet, validateBerichtAsync, type BerichtDefinitie, type GetypeerdBericht, type RegelFinding, type ValidatedBericht, type XmlElement } from '../istandaarden';
import type { StoredVerdict, TeVerwerkenBericht, VerwerkingUitkomst } from '../ingest';
import { AppConfig } from '../platform/config';
import { lazyChild } from '../platform/logging';
import { VERWERKING_STAPPEN, type BerichtVerwerker, type VerwerkingContext, type VerwerkingStand, type VerwerkingStap, type VooruitContext } from './verwerking.ports';

/**
 * The pipeline: validate (XSD, then TR/CD/CS inside the bericht), then the steps. An XSD failure
 * is uitval (the GGK answer is a Fo01, not a retourbericht); a rule finding is afgekeurd; a step can
 * send the bericht to uitval (e.g. our own 301 that breaks a rule, a retour that fails its schema).
 */
@Injectable()
export class ValidatieVerwerker implements BerichtVerwerker {
  constructor(
    @Inject(SchemaSet) private readonly schemas: SchemaSet,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(VERWERKING_STAPPEN) private readonly stappen: readonly VerwerkingStap[] = [],
  ) {}

  async verwerk(bericht: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst> {
    // One typed bericht for the early reads and all steps: parsed from the tree it belongs to.
    const typed: { root: XmlElement | null; bericht: GetypeerdBericht | null } = { root: null, bericht: null };
    const typeer = (root: XmlElement, definitie: BerichtDefinitie): GetypeerdBericht => {
      if (typed.root !== root || !typed.bericht) Object.assign(typed, { root, bericht: parseBericht(root, definitie) });
      return typed.bericht as GetypeerdBericht;
    };
    // Large berichten (declaraties) get their XSD in worker threads while this thread scans and runs
    // the rules, and the steps' early reads go meanwhile; small ones are validated right here.
    const vooruit: { klaar: Promise<unknown> | null } = { klaar: null };
    const vooruitStappen = this.stappen.filter((s) => s.vooruit);
    const onScanned = vooruitStappen.length === 0 ? undefined : (root: XmlElement, definitie: BerichtDefinitie) => {
      const ctx: VooruitContext = { bericht, definitie, tx, log, getypeerd: () => typeer(root, definitie) };
      vooruit.klaar = leesVooruit(vooruitStappen, ctx).then(() => null, (e: unknown) => e);
    };
    // The early reads share the transaction's connection: they end first, also when validation
    // throws (a worker failed), so the rollback that follows never overtakes them.
    const validated = await validateBerichtAsync(bericht.raw, this.schemas, { maxBytes: this.config.maxBerichtBytes, onScanned }).finally(() => vooruit.klaar);
    const fout = await vooruit.klaar;
    if (fout) throw fout;
    // A tree the schema check rejected has no typed bericht.
    if (typed.root !== validated.root) Object.assign(typed, { root: null, bericht: null });
    const stand: VerwerkingStand = { retourOordeel: null, goedgekeurd: false, antwoord: null, uitval: null };
    const regels = [...validated.regels];
    const xsdFout = validated.xsd.length > 0;
    const parse = (): GetypeerdBericht => {
      if (typed.bericht) return typed.bericht;
      if (!validated.root || !validated.definitie) throw new Error('no tree to parse: not schema-valid, or let go of before it was parsed');
      return typeer(validated.root, validated.definitie);
    };
    const laatBoomLos = (): void => {
      validated.root = null;
    };
    for (const stap of this.stappen) {
      const ctx: VerwerkingContext = { bericht, validated, regels, stand, tx, log: lazyChild(log, { stap: stap.naam }), getypeerd: parse, laatBoomLos };
      if (xsdFout) await stap.bijXsdFout?.(ctx);
      else await stap.voerUit?.(ctx);
    }
    const verdict = verdictVan(validated, regels, stand);
    const status = xsdFout || stand.uitval ? 'uitval' : regels.length > 0 ? 'afgekeurd' : 'verwerkt';
    return { status, verdict, antwoord: stand.antwoord };
  }
}

/**
 * Each step's early reads in a savepoint of their own: a failed statement would otherwise abort the
 * whole transaction, and with it the answer to a bericht that may well be rejected anyway. Rejects
 * only when the savepoint itself cannot be rolled back to (the connection is gone).
 */
async function leesVooruit(stappen: readonly VerwerkingStap[], ctx: VooruitContext): Promise<void> {
  for (const stap of stappen) {
    await ctx.tx.query('SAVEPOINT vooruit');
    try {
      await stap.vooruit?.(ctx);
      await ctx.tx.query('RELEASE SAVEPOINT vooruit');
    } catch (e) {
      await ctx.tx.query('ROLLBACK TO SAVEPOINT vooruit');
      await ctx.tx.query('RELEASE SAVEPOINT vooruit');
      // The tree is not schema-checked yet: an error's message may quote its content, so only its kind is logged.
      // The step reads again; a failure there is logged in full by the processing path.
      const fout = e instanceof Error ? { type: e.name, code: (e as { code?: unknown }).code } : { type: typeof e };
      ctx.log.warn({ stap: stap.naam, fout }, 'early reads failed and were rolled back; the step reads for itself');
    }
  }
}

function verdictVan(validated: ValidatedBericht, regels: RegelFinding[], stand: VerwerkingStand): StoredVerdict {
  return {
    bericht: validated.bericht,
    valid: validated.xsd.length === 0 && regels.length === 0,
    xsd: validated.xsd,
    regels,
    ...(stand.uitval ? { fout: stand.uitval } : {}),
  };
}
