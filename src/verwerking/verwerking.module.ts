import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { InboundBerichtRepository, InboundEvents, IngestModule } from '../ingest';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import { SchemaSet } from '../istandaarden';
import { OUTBOX_WRITER, type OutboxWriter } from '../uitgaand/outbox.port';
import { InboundWorker } from './inbound.worker';
import { REGISTER_ENTITIES } from './register';
import { pijplijnStappen } from './stappen';
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
  imports: [IngestModule, TypeOrmModule.forFeature(REGISTER_ENTITIES)],
  providers: [
    {
      // OUTBOX_WRITER comes from the global UitgaandModule (src/uitgaand).
      provide: VERWERKING_STAPPEN,
      inject: [SchemaSet, OUTBOX_WRITER, AppConfig],
      useFactory: (schemas: SchemaSet, outbox: OutboxWriter, config: AppConfig) => pijplijnStappen({ schemas, outbox, config }),
    },
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

