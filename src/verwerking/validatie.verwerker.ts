import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { parseBericht, SchemaSet, validateBerichtAsync, type GetypeerdBericht, type RegelFinding, type ValidatedBericht } from '../istandaarden';
import type { StoredVerdict, TeVerwerkenBericht, VerwerkingUitkomst } from '../ingest';
import { AppConfig } from '../platform/config';
import { lazyChild } from '../platform/logging';
import { VERWERKING_STAPPEN, type BerichtVerwerker, type VerwerkingContext, type VerwerkingStand, type VerwerkingStap } from './verwerking.ports';

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
    // Large berichten (declaraties) get their XSD in worker threads while this thread runs the rules;
    // small ones are validated right here (validateBerichtAsync decides by size).
    const validated = await validateBerichtAsync(bericht.raw, this.schemas, { maxBytes: this.config.maxBerichtBytes });
    const stand: VerwerkingStand = { retourOordeel: null, goedgekeurd: false, antwoord: null, uitval: null };
    const regels = [...validated.regels];
    const xsdFout = validated.xsd.length > 0;
    let getypeerd: GetypeerdBericht | null = null;
    const parse = (): GetypeerdBericht => {
      if (getypeerd) return getypeerd;
      if (!validated.root || !validated.definitie) throw new Error('no tree to parse: not schema-valid, or let go of before it was parsed');
      return (getypeerd = parseBericht(validated.root, validated.definitie));
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

function verdictVan(validated: ValidatedBericht, regels: RegelFinding[], stand: VerwerkingStand): StoredVerdict {
  return {
    bericht: validated.bericht,
    valid: validated.xsd.length === 0 && regels.length === 0,
    xsd: validated.xsd,
    regels,
    ...(stand.uitval ? { fout: stand.uitval } : {}),
  };
}
