import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './platform/config';

/** `npm start`: validate config, compile schemas, migrate (unless MIGRATIONS_RUN=false), listen. */
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
  const { app, logger } = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.info({ port: config.port }, 'istd-gateway listening');
}

main().catch((err: unknown) => {
  // Start-up failures (e.g. a missing schema file, an unreachable database) name their cause.
  process.stderr.write(`istd-gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
