import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { SchemaSet } from '../../istandaarden';
import { AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';

/** Frees the compiled schemas when the application stops. */
@Injectable()
class SchemaSetLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SchemaSet) private readonly schemas: SchemaSet) {}

  onApplicationShutdown(): void {
    this.schemas.dispose();
  }
}

/**
 * The iStandaarden schemas, compiled once at start-up (architecture.md §4.1). A missing schema fails
 * the start with a SchemaDirectoryError naming the file. Inject `SchemaSet` by type.
 */
@Global()
@Module({
  providers: [
    {
      provide: SchemaSet,
      inject: [AppConfig, LOGGER],
      useFactory: async (config: AppConfig, logger: Logger): Promise<SchemaSet> => {
        const started = Date.now();
        const schemas = await SchemaSet.load(config.xsdDir, { compileAll: true });
        logger.info({ ms: Date.now() - started }, 'iStandaarden schemas compiled');
        return schemas;
      },
    },
    SchemaSetLifecycle,
  ],
  exports: [SchemaSet],
})
export class SchemasModule {}
