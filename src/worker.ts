import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type AppConfig } from './platform/config';
import { createLogger, PinoNestLogger } from './platform/logging';

/**
 * `npm run start:worker`: the processing worker without the HTTP server, for scaling processing
 * apart from receiving. Same configuration as `npm start`; the worker is always enabled here.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  config = config.with({ verwerking: { ...config.verwerking, enabled: true } });
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await app.init();
  logger.info('istd-gateway worker running');
}

main().catch((err: unknown) => {
  process.stderr.write(`istd-gateway worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
