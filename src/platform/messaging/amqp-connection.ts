import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';

export type BrokerState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/**
 * The process's RabbitMQ connection. It reconnects forever with backoff, so a broker outage makes
 * the gateway not ready (GET /health) instead of stopping it. The signal relay (next slice) opens
 * its confirm channel on it.
 */
@Injectable()
export class AmqpConnection implements OnModuleInit, OnApplicationShutdown {
  private model: RecoveringChannelModel | null = null;
  private current: BrokerState = 'connecting';
  private lastError: string | null = null;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get state(): BrokerState {
    return this.current;
  }

  /** The last connection error's message (no URL, no credentials), for /health. */
  get error(): string | null {
    return this.current === 'connected' ? null : this.lastError;
  }

  /** The connection, for channels; operations wait until it is connected. */
  get connection(): RecoveringChannelModel {
    if (!this.model) throw new Error('AMQP connection not started');
    return this.model;
  }

  async onModuleInit(): Promise<void> {
    const log = this.logger.child({ component: 'amqp' });
    const model = await connect(this.config.amqpUrl, {
      clientProperties: { connection_name: 'istd-gateway' },
      recovery: { waitForConnect: false, initialDelay: 250, maxDelay: 15_000, maxRetries: Infinity },
    });
    model.on('connect', () => {
      this.current = 'connected';
      log.info('broker connected');
    });
    model.on('disconnect', (err: Error) => {
      this.current = 'disconnected';
      this.lastError = err?.message ?? 'disconnected';
      log.warn({ err }, 'broker connection lost');
    });
    model.on('connect-failed', (err: Error) => {
      if (this.current !== 'closed') this.current = 'disconnected';
      if (this.lastError !== err?.message) log.warn({ err }, 'broker connection failed');
      this.lastError = err?.message ?? 'connection failed';
    });
    model.on('error', (err: Error) => log.warn({ err }, 'broker connection error'));
    model.on('handler-error', (err: Error) => log.error({ err }, 'broker event handler failed'));
    this.model = model;
  }

  async onApplicationShutdown(): Promise<void> {
    this.current = 'closed';
    const model = this.model;
    this.model = null;
    await model?.close().catch(() => undefined);
  }
}
