export * from './logger';
export * from './correlation-id';
export { httpLogger } from './http-logger';
export { PinoNestLogger } from './nest-logger';
export { LoggingModule } from './logging.module';
export { CLIENT_DATA_KEYS, redactPaths } from './redaction';
export { lazyChild } from './lazy-child';
