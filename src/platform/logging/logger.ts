import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { redactPaths } from './redaction';

export type { Logger } from 'pino';

/** Nest injection token for the root pino logger. */
export const LOGGER = Symbol('LOGGER');

/** JSON logger with the client-data redaction list and an error serializer that keeps no data. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'istd-gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

/**
 * Only type, message, code and stack: driver errors carry the query parameters (a raw bericht with
 * BSNs) and a pg `detail`, which must not reach the log.
 */
export function serializeError(err: unknown, depth = 0): SerializedError | unknown {
  if (!(err instanceof Error)) return err;
  const out: SerializedError = { type: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  if (err.stack) out.stack = err.stack;
  if (err.cause instanceof Error && depth < 3) out.cause = serializeError(err.cause, depth + 1) as SerializedError;
  return out;
}
