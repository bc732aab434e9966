import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../platform/config';
import { LOGGER } from '../platform/logging';
import { GgkSchemas } from './envelop';

/** The ggk0210 envelope schema, compiled once at start-up; a missing file fails the start naming it. */
export const GGK_SCHEMAS_PROVIDER: Provider = {
  provide: GgkSchemas,
  inject: [AppConfig, LOGGER],
  useFactory: async (config: AppConfig, logger: Logger): Promise<GgkSchemas> => {
    const started = Date.now();
    const schemas = await GgkSchemas.load(config.ggkXsdDir);
    logger.info({ ms: Date.now() - started }, 'GGK envelope schemas compiled');
    return schemas;
  },
};

@Injectable()
export class GgkSchemasLifecycle implements OnApplicationShutdown {
  constructor(@Inject(GgkSchemas) private readonly schemas: GgkSchemas) {}

  onApplicationShutdown(): void {
    this.schemas.dispose();
  }
}
