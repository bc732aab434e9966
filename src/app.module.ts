import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { ContractenModule } from './contracten';
import { GgkModule } from './ggk';
import { IngestModule } from './ingest';
import { ApiTokenGuard } from './platform/auth';
import { AppConfig, ConfigModule } from './platform/config';
import { DatabaseModule } from './platform/database';
import { AllExceptionsFilter } from './platform/errors';
import { HealthModule } from './platform/health/health.module';
import { LoggingModule } from './platform/logging';
import { MessagingModule } from './platform/messaging';
import { MetricsModule } from './platform/metrics';
import { SchemasModule } from './platform/schemas/schemas.module';
import { SignalenModule } from './signalen';
import { DetectorenModule } from './signalen/detectoren';
import { UitgaandModule } from './uitgaand';
import { VerwerkingModule } from './verwerking';

/**
 * The whole gateway. Config and logger are made before Nest starts, so their errors come first.
 * Providers name every constructor dependency with @Inject: the tests run through esbuild, which
 * emits no decorator metadata, so type-based injection would only work in the tsc build.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        MessagingModule,
        MetricsModule,
        SchemasModule,
        HealthModule,
        IngestModule,
        GgkModule,
        UitgaandModule,
        SignalenModule,
        DetectorenModule,
        ContractenModule,
        VerwerkingModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
