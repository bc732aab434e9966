import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process. A registry per application (not prom-client's global one),
 * so several apps in one test process do not collide. Labels stay low-cardinality: bericht names,
 * kanaal, status; never ids.
 */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  readonly registry = new Registry();

  readonly berichtenOntvangen = new Counter({
    name: 'istd_berichten_ontvangen_total',
    help: 'Berichten received, by kanaal, bericht and resultaat (opgeslagen, herhaald, geweigerd)',
    labelNames: ['kanaal', 'bericht', 'resultaat'] as const,
    registers: [this.registry],
  });

  readonly berichtenVerwerkt = new Counter({
    name: 'istd_berichten_verwerkt_total',
    help: 'Berichten processed, by bericht and resulting status',
    labelNames: ['bericht', 'status'] as const,
    registers: [this.registry],
  });

  readonly verwerkingDuur = new Histogram({
    name: 'istd_bericht_verwerking_seconds',
    help: 'Time to process one bericht inside its transaction',
    labelNames: ['bericht'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}
