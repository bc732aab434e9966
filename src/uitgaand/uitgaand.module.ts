import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AppConfig } from '../platform/config';
import { RelayHost } from '../platform/lus/relay-host';
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
export class OutboundRelayHost extends RelayHost {
  constructor(@Inject(OutboundRelay) relay: OutboundRelay, @Inject(UitgaandEvents) events: UitgaandEvents, @Inject(AppConfig) config: AppConfig) {
    super(relay, events, config.uitgaand.enabled);
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
