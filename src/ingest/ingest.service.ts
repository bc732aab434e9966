import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import { InboundEvents } from './inbound-events';
import type { Kanaal } from './inbound-bericht.entity';
import { InboundBerichtRepository, type BewaarResultaat } from './inbound-bericht.repository';
import { identificeerBericht, NietHerkendError } from './utils/identificeer-bericht.util';

export interface OntvangInput {
  kanaal: Kanaal;
  raw: Buffer;
  envelope?: string | null;
  correlationId: string;
}

export type OntvangResultaat = BewaarResultaat | { soort: 'niet-herkend'; reden: string };

/**
 * Receive: identify, store raw, hand off. Expected outcomes (repeat, TR056 conflict, not a bericht)
 * are values; each channel decides how to answer them (REST status codes here, Bv03/Fo01 on /ggk).
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(InboundBerichtRepository) private readonly repository: InboundBerichtRepository,
    @Inject(InboundEvents) private readonly events: InboundEvents,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async ontvang(input: OntvangInput): Promise<OntvangResultaat> {
    const log = this.logger.child({ correlationId: input.correlationId, kanaal: input.kanaal });
    let identiteit;
    try {
      identiteit = identificeerBericht(input.raw, this.config.maxBerichtBytes);
    } catch (e) {
      if (!(e instanceof NietHerkendError)) throw e;
      this.metrics.berichtenOntvangen.inc({ kanaal: input.kanaal, bericht: 'onbekend', resultaat: 'geweigerd' });
      log.warn({ reden: e.reason, bytes: input.raw.length }, 'bericht not identified');
      return { soort: 'niet-herkend', reden: e.reason };
    }
    const resultaat = await this.repository.bewaar({
      kanaal: input.kanaal,
      raw: input.raw,
      contentSha256: createHash('sha256').update(input.raw).digest('hex'),
      envelope: input.envelope ?? null,
      identiteit,
      correlationId: input.correlationId,
    });
    // Header fields below are codes (AGB, CBS, message ids), not client data.
    const fields = { bericht: identiteit.bericht, afzender: identiteit.afzender, identificatie: identiteit.identificatie };
    switch (resultaat.soort) {
      case 'opgeslagen':
        this.metrics.berichtenOntvangen.inc({ kanaal: input.kanaal, bericht: identiteit.bericht, resultaat: 'opgeslagen' });
        log.info({ ...fields, berichtId: resultaat.id, bytes: input.raw.length }, 'bericht stored');
        this.events.stored(resultaat.id);
        break;
      case 'herhaald':
        this.metrics.berichtenOntvangen.inc({ kanaal: input.kanaal, bericht: identiteit.bericht, resultaat: 'herhaald' });
        log.info({ ...fields, berichtId: resultaat.id }, 'same bericht received again; not stored twice');
        break;
      case 'dubbele-identificatie':
        this.metrics.berichtenOntvangen.inc({ kanaal: input.kanaal, bericht: identiteit.bericht, resultaat: 'geweigerd' });
        log.warn({ ...fields, bestaandId: resultaat.bestaandId }, 'BerichtIdentificatie reused by a different bericht (TR056)');
        break;
    }
    return resultaat;
  }
}
