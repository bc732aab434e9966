import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config';
import { RelayHost } from '../platform/lus/relay-host';
import { LOGGER } from '../platform/logging';
import { AmqpConnection } from '../platform/messaging';
import { MetricsService } from '../platform/metrics';
import { AmqpSignaalPublisher } from './amqp-signaal.publisher';
import { SignaalEvents } from './signaal-events';
import { SignaalOutboxRepository } from './signaal-outbox.repository';
import { SIGNAAL_WRITER } from './signaal.port';
import { SignaalRelay } from './signaal.relay';
import { OutboxSignaalWriter } from './signaal.writer';
import { WeigerendeSignaalWriter } from './weigerende-signaal.writer';

/** Starts the signal relay with the application (unless SIGNALEN_RELAY_ENABLED=false) and stops it first. */
@Injectable()
export class SignaalRelayHost extends RelayHost {
  constructor(@Inject(SignaalRelay) relay: SignaalRelay, @Inject(SignaalEvents) events: SignaalEvents, @Inject(AppConfig) config: AppConfig) {
    super(relay, events, config.signalen.enabled);
  }
}

/** Signals: the outbox table, SIGNAAL_WRITER (global) and the relay to SIGNALEN_EXCHANGE. */
@Global()
@Module({
  providers: [
    SignaalEvents,
    { provide: SignaalOutboxRepository, inject: [DataSource], useFactory: (ds: DataSource) => new SignaalOutboxRepository(ds) },
    {
      provide: SIGNAAL_WRITER,
      inject: [SignaalOutboxRepository, SignaalEvents, LOGGER, MetricsService],
      useFactory: (repository: SignaalOutboxRepository, events: SignaalEvents, logger: Logger, metrics: MetricsService) =>
        new WeigerendeSignaalWriter(
          new OutboxSignaalWriter(repository, events),
          logger.child({ component: 'signalen' }),
          new Counter({
            name: 'istd_signalen_geweigerd_total',
            help: 'Signals refused by the client-data and shape guard (a bug in the code that made them), by type',
            labelNames: ['type'] as const,
            registers: [metrics.registry],
          }),
        ),
    },
    {
      provide: SignaalRelay,
      inject: [SignaalOutboxRepository, AmqpConnection, AppConfig, LOGGER],
      useFactory: (repository: SignaalOutboxRepository, amqp: AmqpConnection, config: AppConfig, logger: Logger) =>
        new SignaalRelay({
          repository,
          publisher: new AmqpSignaalPublisher(() => amqp.connection, config.signalenExchange, config.signalen.confirmTimeoutMs),
          options: config.signalen,
          logger,
        }),
    },
    SignaalRelayHost,
  ],
  exports: [SIGNAAL_WRITER, SignaalOutboxRepository, SignaalRelay],
})
export class SignalenModule {}
