import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IngestService } from '../ingest';
import { AppConfig } from '../platform/config';
import { lazyChild, LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import {
  buildBv03,
  buildFo03VoorWeigering,
  GgkSchemas,
  parseGgkRequest,
  weiger,
  type Adres,
  type GgkAntwoord,
  type GgkDi01,
  type GgkDu01,
  type GgkFo01,
  type GgkPlek,
  type GgkStuurgegevens,
  type GgkWeigering,
  isUuidV4,
} from './envelop';
import { GATEWAY_APPLICATIE } from './gateway-applicatie';
import { GgkFoutberichtRepository } from './ggk-foutbericht.repository';

/**
 * POST /ggk behind the controller: parse the SOAP request, store, answer. Bv03 only after the
 * commit; a repeated envelope gets the same Bv03 again (its referentienummer is the stored row's id,
 * its tijdstip the moment of receipt), never a second row. Never throws: an internal failure is a
 * Fo03 StUF058 (server) whose reason names the error id of the log line.
 */
@Injectable()
export class GgkOntvangstService {
  constructor(
    @Inject(GgkSchemas) private readonly schemas: GgkSchemas,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(GgkFoutberichtRepository) private readonly foutberichten: GgkFoutberichtRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The Bv03, or the Fo03 of a refusal with its plek (client: the sender's message; server: ours). */
  async ontvang(raw: Buffer, correlationId: string): Promise<GgkAntwoord & { plek?: GgkPlek }> {
    const log = lazyChild(this.logger, { correlationId, kanaal: 'ggk' });
    try {
      const r = parseGgkRequest(raw, this.schemas, {
        maxBytes: this.config.maxBerichtBytes,
        gemeenteCodes: this.config.gemeenteCodes,
        onInterneFout: (err) => log.error({ err }, 'parsing a GGK request failed internally'),
      });
      if (!r.ok) return this.weigering(r, log, raw.length);
      if (r.kind === 'Fo01') return await this.fo01(r, correlationId, log);
      return await this.bericht(r, correlationId, log);
    } catch (err) {
      const errorId = randomUUID();
      log.error({ err, errorId }, 'GGK request could not be handled');
      return this.weigering(weiger('StUF058', `internal error; quote error id ${errorId}`), log, raw.length);
    }
  }

  /** The request is too large to read (IB007), refused before parsing. */
  teGroot(log = this.logger): GgkAntwoord & { plek: GgkPlek } {
    return this.weigering(weiger('IB007', `request is over the limit of ${this.config.maxBerichtBytes} bytes`), log, null);
  }

  /** Something other than a SOAP 1.1 text/xml request. */
  geenSoap(reden: string, log = this.logger): GgkAntwoord & { plek: GgkPlek } {
    return this.weigering(weiger('StUF055', reden), log, null);
  }

  private async bericht(r: GgkDi01 | GgkDu01, correlationId: string, log: Logger): Promise<GgkAntwoord> {
    const resultaat = await this.ingest.ontvang({
      kanaal: 'ggk',
      raw: Buffer.from(r.bericht.bytes.buffer, r.bericht.bytes.byteOffset, r.bericht.bytes.byteLength),
      envelope: { soort: r.kind, stuurgegevens: r.stuurgegevens, parameters: r.parameters },
      correlationId,
    });
    if (resultaat.soort === 'referentie-hergebruikt') {
      return this.weigering(weiger('IB216', 'this referentienummer was used before for another message', { kind: r.kind, stuurgegevens: r.stuurgegevens, parameters: r.parameters }), log, null);
    }
    return this.bv03(r.stuurgegevens, resultaat.id, resultaat.ontvangenOp);
  }

  private async fo01(r: GgkFo01, correlationId: string, log: Logger): Promise<GgkAntwoord> {
    const sg = r.stuurgegevens;
    const resultaat = await this.foutberichten.bewaar({ zender: sg.zender.organisatie, referentienummer: sg.referentienummer, crossRefnummer: sg.crossRefnummer, fout: r.fout, correlationId });
    if (resultaat.soort === 'referentie-hergebruikt') {
      return this.weigering(weiger('IB216', 'this referentienummer was used before for another message', { kind: 'Fo01', stuurgegevens: sg }), log, null);
    }
    this.metrics.berichtenOntvangen.inc({ kanaal: 'ggk', bericht: 'Fo01', resultaat: resultaat.soort });
    // Code and references only: omschrijving and details may quote our payload.
    log.warn(
      { foutberichtId: resultaat.id, code: r.fout.code, plek: r.fout.plek, crossRefnummer: sg.crossRefnummer, outboundId: resultaat.outboundId, herhaald: resultaat.soort === 'herhaald' },
      resultaat.outboundId ? 'Fo01 received about an envelope we sent' : 'Fo01 received about an envelope not in the outbox',
    );
    return this.bv03(sg, resultaat.id, resultaat.ontvangenOp);
  }

  private bv03(antwoordOp: GgkStuurgegevens, rijId: string, ontvangenOp: Date): GgkAntwoord {
    return buildBv03({ zender: this.wij(antwoordOp), antwoordOp, referentienummer: rijId, nu: ontvangenOp });
  }

  private weigering(w: GgkWeigering, log: Logger, bytes: number | null): GgkAntwoord & { plek: GgkPlek } {
    this.metrics.berichtenOntvangen.inc({ kanaal: 'ggk', bericht: w.stuurgegevens?.functie && /^(WMO|JW)\d{3}$/.test(w.stuurgegevens.functie) ? w.stuurgegevens.functie : 'onbekend', resultaat: 'geweigerd' });
    // The reason never repeats payload or envelope values (parseGgkRequest's promise).
    log.warn({ code: w.code, plek: w.fault, reden: w.reason, referentienummer: veiligeReferentie(w.stuurgegevens), bytes }, 'GGK request refused with a Fo03');
    return { ...buildFo03VoorWeigering(w, { zender: this.wij(w.stuurgegevens) }), plek: w.fault };
  }

  /** Our side: the gemeente the request was addressed to when we serve it, else only the application. */
  private wij(verzoek: GgkStuurgegevens | undefined): Adres {
    const org = verzoek?.ontvanger.organisatie;
    if (org && this.config.gemeenteCodes.includes(org)) return { organisatie: org, applicatie: GATEWAY_APPLICATIE };
    const enige = this.config.gemeenteCodes.length === 1 ? this.config.gemeenteCodes[0] : undefined;
    return enige ? { organisatie: enige, applicatie: GATEWAY_APPLICATIE } : { applicatie: GATEWAY_APPLICATIE };
  }
}

/** Only a well-formed referentienummer goes into a log line (an IB009 one may be any text). */
function veiligeReferentie(sg: GgkStuurgegevens | undefined): string | undefined {
  return sg && isUuidV4(sg.referentienummer) ? sg.referentienummer : undefined;
}
