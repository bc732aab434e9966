import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { FetchGgkVerzender } from './ggk-client';
import { OutboundBericht } from './outbound-bericht.entity';
import { OutboundBerichtRepository } from './outbound-bericht.repository';
import { OutboundRelay } from './outbound.relay';
import { OUTBOX_WRITER } from './outbox.port';
import { TypeOrmOutboxWriter } from './outbox.writer';
import { UitgaandEvents } from './uitgaand-events';
import { UitgaandMetrics } from './uitgaand.metrics';

/**
 * Starts the relay with the application (the HTTP app and the worker process alike, unless
 * GGK_RELAY_ENABLED=false) and stops it before the database connections close.
 */
@Injectable()
export class OutboundRelayHost implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(OutboundRelay) readonly relay: OutboundRelay,
    @Inject(UitgaandEvents) private readonly events: UitgaandEvents,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.uitgaand.enabled) return;
    this.unsubscribe = this.events.onGeschreven(() => this.relay.nudge());
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.relay.stop();
  }
}

/**
 * Outbound berichten to the GGK: the outbox table, OUTBOX_WRITER (global, so a VerwerkingStap in any
 * module can inject it) and the relay that delivers it to GGK_ENDPOINT_URL.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboundBericht])],
  providers: [
    OutboundBerichtRepository,
    UitgaandEvents,
    UitgaandMetrics,
    { provide: OUTBOX_WRITER, useClass: TypeOrmOutboxWriter },
    {
      provide: OutboundRelay,
      inject: [OutboundBerichtRepository, AppConfig, LOGGER, UitgaandMetrics],
      useFactory: (repository: OutboundBerichtRepository, config: AppConfig, logger: Logger, metrics: UitgaandMetrics) =>
        new OutboundRelay({
          repository,
          verzender: new FetchGgkVerzender(config.ggkEndpointUrl, config.uitgaand.timeoutMs),
          options: config.uitgaand,
          logger,
          metrics,
        }),
    },
    OutboundRelayHost,
  ],
  exports: [OUTBOX_WRITER, OutboundBerichtRepository, OutboundRelay],
})
export class UitgaandModule {}
