import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { InboundBerichtRepository, InboundEvents, IngestModule } from '../ingest';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import { InboundWorker } from './inbound.worker';
import { ValidatieVerwerker } from './validatie.verwerker';
import { BERICHT_VERWERKER, VERWERKING_STAPPEN, type BerichtVerwerker } from './verwerking.ports';

/** Starts the worker with the application (unless VERWERKING_ENABLED=false) and stops it first on shutdown. */
@Injectable()
export class InboundWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(InboundWorker) readonly worker: InboundWorker,
    @Inject(InboundEvents) private readonly events: InboundEvents,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.verwerking.enabled) return;
    this.unsubscribe = this.events.onStored(() => this.worker.nudge());
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.worker.stop();
  }
}

@Module({
  imports: [IngestModule],
  providers: [
    { provide: VERWERKING_STAPPEN, useValue: [] },
    { provide: BERICHT_VERWERKER, useClass: ValidatieVerwerker },
    {
      provide: InboundWorker,
      inject: [DataSource, InboundBerichtRepository, BERICHT_VERWERKER, AppConfig, LOGGER, MetricsService],
      useFactory: (
        dataSource: DataSource,
        repository: InboundBerichtRepository,
        verwerker: BerichtVerwerker,
        config: AppConfig,
        logger: Logger,
        metrics: MetricsService,
      ) => new InboundWorker({ dataSource, repository, verwerker, options: config.verwerking, logger, metrics }),
    },
    InboundWorkerHost,
  ],
  exports: [InboundWorker, BERICHT_VERWERKER],
})
export class VerwerkingModule {}

