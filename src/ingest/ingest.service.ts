import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../platform/config';
import { lazyChild, LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import { InboundEvents } from './inbound-events';
import type { Kanaal } from './inbound-bericht.entity';
import { InboundBerichtRepository, type BewaarResultaat, type GgkBewaarResultaat } from './inbound-bericht.repository';
import type { GgkEnvelopGegevens } from './inbound-bericht.types';
import { identificeerBericht, NietHerkendError } from './utils/identificeer-bericht.util';

export interface RestOntvangInput {
  kanaal: 'rest';
  raw: Buffer;
  correlationId: string;
}

/** A Di01/Du01 payload accepted by parseGgkRequest, with the envelope it came in. */
export interface GgkOntvangInput {
  kanaal: 'ggk';
  raw: Buffer;
  envelope: GgkEnvelopGegevens;
  correlationId: string;
}

export type OntvangInput = RestOntvangInput | GgkOntvangInput;
export type OntvangResultaat = BewaarResultaat | { soort: 'niet-herkend'; reden: string };
export type GgkOntvangResultaat = GgkBewaarResultaat;

/**
 * Receive: identify, store raw, hand off. Expected outcomes (repeat, TR056 conflict, not a bericht)
 * are values; each channel decides how to answer them (REST status codes, Bv03/Fo03 on /ggk).
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

  ontvang(input: RestOntvangInput): Promise<OntvangResultaat>;
  ontvang(input: GgkOntvangInput): Promise<GgkOntvangResultaat>;
  async ontvang(input: OntvangInput): Promise<OntvangResultaat | GgkOntvangResultaat> {
    return input.kanaal === 'ggk' ? this.ontvangGgk(input) : this.ontvangRest(input);
  }

  private async ontvangRest(input: RestOntvangInput): Promise<OntvangResultaat> {
    const log = lazyChild(this.logger, { correlationId: input.correlationId, kanaal: input.kanaal });
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
      contentSha256: sha256(input.raw),
      envelope: null,
      identiteit,
      correlationId: input.correlationId,
    });
    // Header fields below are codes (AGB, CBS, message ids), not client data.
    const fields = { bericht: identiteit.bericht, afzender: identiteit.afzender, identificatie: identiteit.identificatie };
    switch (resultaat.soort) {
      case 'opgeslagen':
        this.opgeslagen(log, 'rest', identiteit.bericht, resultaat.id, { ...fields, bytes: input.raw.length });
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

  /**
   * The payload passed parseGgkRequest. One that cannot be identified (no readable Header) is stored
   * all the same: it fails its XSD in processing, which answers it with a Fo01 StUF055 (spec §2.3).
   */
  private async ontvangGgk(input: GgkOntvangInput): Promise<GgkOntvangResultaat> {
    const sg = input.envelope.stuurgegevens;
    const log = lazyChild(this.logger, { correlationId: input.correlationId, kanaal: input.kanaal });
    const naam = sg.functie ?? 'onbekend';
    let identiteit = null;
    try {
      identiteit = identificeerBericht(input.raw, this.config.maxBerichtBytes);
    } catch (e) {
      if (!(e instanceof NietHerkendError)) throw e;
      log.warn({ reden: e.reason, functie: naam }, 'GGK payload not identified; stored for the XSD check');
    }
    const resultaat = await this.repository.bewaarGgk({
      raw: input.raw,
      contentSha256: sha256(input.raw),
      envelope: JSON.stringify(input.envelope),
      identiteit,
      correlationId: input.correlationId,
      ggkZender: sg.zender.organisatie,
      ggkReferentienummer: sg.referentienummer,
      bericht: naam,
    });
    const fields = { bericht: naam, zender: sg.zender.organisatie, referentienummer: sg.referentienummer, identificatie: identiteit?.identificatie };
    switch (resultaat.soort) {
      case 'opgeslagen':
        this.opgeslagen(log, 'ggk', naam, resultaat.id, { ...fields, bytes: input.raw.length, duplicaatVan: resultaat.duplicaatVan });
        if (resultaat.duplicaatVan) log.warn({ ...fields, berichtId: resultaat.id, duplicaatVan: resultaat.duplicaatVan }, 'BerichtIdentificatie received before (TR056): stored, answered 9056');
        break;
      case 'herhaald':
        this.metrics.berichtenOntvangen.inc({ kanaal: 'ggk', bericht: naam, resultaat: 'herhaald' });
        log.info({ ...fields, berichtId: resultaat.id }, 'same envelope received again; not stored twice');
        break;
      case 'referentie-hergebruikt':
        this.metrics.berichtenOntvangen.inc({ kanaal: 'ggk', bericht: naam, resultaat: 'geweigerd' });
        log.warn({ ...fields, bestaandId: resultaat.bestaandId }, 'referentienummer reused for another payload (IB216)');
        break;
    }
    return resultaat;
  }

  private opgeslagen(log: Logger, kanaal: Kanaal, bericht: string, id: string, fields: Record<string, unknown>): void {
    this.metrics.berichtenOntvangen.inc({ kanaal, bericht, resultaat: 'opgeslagen' });
    log.info({ ...fields, berichtId: id }, 'bericht stored');
    this.events.stored(id);
  }
}

function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}
