export * from './logger';
export * from './correlation-id';
export { httpLogger } from './http-logger';
export { PinoNestLogger } from './nest-logger';
export { LoggingModule } from './logging.module';
export { CENSOR, CLIENT_DATA_KEYS, censorClientData } from './redaction';
export { lazyChild } from './lazy-child';
