import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { runPendingMigrations } from './run-migrations';

/**
 * Runs pending migrations during module initialisation, i.e. before the worker starts and before
 * the HTTP server listens. MIGRATIONS_RUN=false turns it off.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.migrationsRun) {
      this.logger.info('migrations not run at start-up (MIGRATIONS_RUN=false)');
      return;
    }
    const done = await runPendingMigrations(this.dataSource);
    this.logger.info({ migrations: done }, done.length > 0 ? `ran ${done.length} migration(s)` : 'database schema is up to date');
  }
}
