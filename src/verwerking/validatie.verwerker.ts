import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { SchemaSet, validateBericht, type RegelFinding } from '../istandaarden';
import type { StoredVerdict, TeVerwerkenBericht, VerwerkingUitkomst } from '../ingest';
import { AppConfig } from '../platform/config';
import { VERWERKING_STAPPEN, type BerichtVerwerker, type VerwerkingStap } from './verwerking.ports';

/**
 * The pipeline: validate (XSD, then TR/CD/CS inside the bericht), then the steps. An XSD failure
 * is uitval (the GGK answer is a Fo01, not a retourbericht); a rule finding is afgekeurd.
 */
@Injectable()
export class ValidatieVerwerker implements BerichtVerwerker {
  constructor(
    @Inject(SchemaSet) private readonly schemas: SchemaSet,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(VERWERKING_STAPPEN) private readonly stappen: readonly VerwerkingStap[] = [],
  ) {}

  async verwerk(bericht: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst> {
    const validated = validateBericht(bericht.raw, this.schemas, { maxBytes: this.config.maxBerichtBytes });
    const verdictVan = (regels: RegelFinding[]): StoredVerdict => ({
      bericht: validated.bericht,
      valid: validated.xsd.length === 0 && regels.length === 0,
      xsd: validated.xsd,
      regels,
    });
    if (validated.xsd.length > 0) return { status: 'uitval', verdict: verdictVan([]) };

    const regels = [...validated.regels];
    for (const stap of this.stappen) {
      await stap.voerUit({ bericht, validated, regels, tx, log: log.child({ stap: stap.naam }) });
    }
    return { status: regels.length > 0 ? 'afgekeurd' : 'verwerkt', verdict: verdictVan(regels) };
  }
}
