import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config';
import { createLogger, httpLogger, PinoNestLogger, type Logger } from './platform/logging';
import { setupOpenApi } from './platform/openapi';

export interface CreateAppOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}

/** Builds the HTTP application, not yet listening. Shared by main.ts and the integration tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<{ app: NestExpressApplication; logger: Logger }> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(httpLogger(logger));
  setupOpenApi(app);
  if (config.apiTokens.size === 0) logger.warn('API_TOKENS is empty: every /api route answers 401');
  return { app, logger };
}
