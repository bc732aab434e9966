import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { censorClientData } from './redaction';

export type { Logger } from 'pino';

/** Nest injection token for the root pino logger. */
export const LOGGER = Symbol('LOGGER');

/**
 * JSON logger that censors client data (redaction.ts) in every logged object and in the bindings of
 * every child logger, and an error serializer that keeps no data.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'istd-gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (obj) => censorClientData(obj) },
    serializers: { err: serializeError, error: serializeError },
  };
  const root = destination ? pino(options, destination) : pino(options);
  // pino's `formatters.bindings` is not applied to children's bindings; every child (and pino-http's
  // per-request child) inherits this child() from the root through its prototype.
  type ChildFn = (this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) => Logger;
  const protoChild = (Object.getPrototypeOf(root) as { child: ChildFn }).child;
  const censoredChild: ChildFn = function (bindings, childOptions) {
    return protoChild.call(this, censorClientData(bindings), childOptions);
  };
  (root as unknown as { child: ChildFn }).child = censoredChild;
  return root;
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
