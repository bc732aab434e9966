import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { InboundBerichtRepository, InboundEvents, IngestModule } from '../ingest';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { MetricsService } from '../platform/metrics';
import { SchemaSet } from '../istandaarden';
import { BESTEDINGSRUIMTE_BOEKER, CONTRACT_LEZER, type BestedingsruimteBoeker, type ContractLezer } from '../contracten/contracten.port';
import { SIGNAAL_WRITER, type SignaalWriter } from '../signalen/signaal.port';
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
      // OUTBOX_WRITER, CONTRACT_LEZER, BESTEDINGSRUIMTE_BOEKER and SIGNAAL_WRITER come from global modules.
      provide: VERWERKING_STAPPEN,
      inject: [SchemaSet, OUTBOX_WRITER, AppConfig, CONTRACT_LEZER, BESTEDINGSRUIMTE_BOEKER, SIGNAAL_WRITER],
      useFactory: (schemas: SchemaSet, outbox: OutboxWriter, config: AppConfig, contracten: ContractLezer, bestedingsruimte: BestedingsruimteBoeker, signalen: SignaalWriter) =>
        pijplijnStappen({ schemas, outbox, config, declaratie: { contracten, bestedingsruimte, signalen } }),
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

