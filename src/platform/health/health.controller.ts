import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '../messaging/amqp-connection';

export interface CheckResult {
  status: 'up' | 'down';
  /** Short reason when down; never a URL or credentials. */
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  live: true;
  ready: boolean;
  checks: { database: CheckResult; broker: CheckResult & { state: string } };
}

const DATABASE_TIMEOUT_MS = 2000;

/** Liveness and readiness. Public (no /api prefix, no client data). */
@ApiTags('platform')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AmqpConnection) private readonly amqp: AmqpConnection,
  ) {}

  /** 200 when the database answers and the broker is connected; 503 otherwise. */
  @Get()
  @ApiOkResponse({ description: 'ready' })
  @ApiServiceUnavailableResponse({ description: 'live but not ready' })
  async readiness(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const database = await this.checkDatabase();
    const broker = { status: this.amqp.state === 'connected' ? ('up' as const) : ('down' as const), state: this.amqp.state };
    const brokerError = this.amqp.error;
    const ready = database.status === 'up' && broker.status === 'up';
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    res.setHeader('Cache-Control', 'no-store');
    return {
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      checks: { database, broker: brokerError && broker.status === 'down' ? { ...broker, error: brokerError } : broker },
    };
  }

  /** Always 200 while the process serves HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  private async checkDatabase(): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'up' };
    } catch (e) {
      return { status: 'down', error: e instanceof Error ? e.message.slice(0, 200) : 'unknown error' };
    } finally {
      clearTimeout(timer);
    }
  }
}
