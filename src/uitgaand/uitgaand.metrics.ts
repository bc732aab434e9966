import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../platform/metrics';
import { OutboundBerichtRepository } from './outbound-bericht.repository';

/**
 * Metrics of the outbound relay, on the application's registry. Labels are soort, functie and fixed
 * words; never a referentienummer or id.
 */
@Injectable()
export class UitgaandMetrics {
  readonly pogingen: Counter<'soort' | 'afloop'>;
  readonly verzonden: Counter<'soort' | 'functie'>;
  readonly uitval: Counter<'soort' | 'reden'>;
  readonly duur: Histogram<'soort'>;

  constructor(@Inject(MetricsService) metrics: MetricsService, @Inject(OutboundBerichtRepository) repository: OutboundBerichtRepository) {
    const registers = [metrics.registry];
    this.pogingen = new Counter({
      name: 'istd_uitgaand_pogingen_total',
      help: 'Delivery attempts to the GGK, by soort and afloop (bevestigd, geweigerd, mislukt)',
      labelNames: ['soort', 'afloop'] as const,
      registers,
    });
    this.verzonden = new Counter({
      name: 'istd_uitgaand_verzonden_total',
      help: 'Envelopes delivered to the GGK, by soort and functie',
      labelNames: ['soort', 'functie'] as const,
      registers,
    });
    this.uitval = new Counter({
      name: 'istd_uitgaand_uitval_total',
      help: 'Envelopes given up, by soort and reden (geweigerd, max_pogingen, onderbroken)',
      labelNames: ['soort', 'reden'] as const,
      registers,
    });
    this.duur = new Histogram({
      name: 'istd_uitgaand_verzend_seconds',
      help: 'Time of one POST to the GGK, answer included',
      labelNames: ['soort'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    new Gauge({
      name: 'istd_uitgaand_te_verzenden',
      help: 'Envelopes in the outbox not yet delivered (status te_verzenden), read at scrape time',
      registers,
      async collect() {
        try {
          this.set(await repository.aantalTeVerzenden());
        } catch {
          // Database unreachable: keep the last value; /health reports the database.
        }
      },
    });
  }
}
