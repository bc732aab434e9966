import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { AppException } from './app.exception';

export interface ErrorBody {
  code: string;
  message: string;
  /** Only on 500: quote it to find the log line. */
  errorId?: string;
}

/**
 * Every error leaves as `{"code": "MODULE.REASON", "message": "..."}` (architecture.md §4.3).
 * Unexpected errors get a generic message and an error id; details go to the log only.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { status, body, headers } = toErrorResponse(exception);
    if (body.errorId) {
      this.logger.error({ err: exception, errorId: body.errorId, correlationId: req.id, method: req.method, url: req.originalUrl }, 'unexpected error');
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }
}

export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (exception instanceof AppException) {
    return { status: exception.status, body: { code: exception.code, message: exception.message }, headers: { ...exception.headers } };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { status, body: { code: `HTTP.${HttpStatus[status] ?? status}`, message: messageOf(exception) }, headers: {} };
  }
  const client = clientError(exception);
  if (client) return { status: client.status, body: { code: `HTTP.${HttpStatus[client.status] ?? client.status}`, message: client.message }, headers: {} };
  const errorId = randomUUID();
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'PLATFORM.INTERNAL', message: `internal error; quote error id ${errorId}`, errorId },
    headers: {},
  };
}

function messageOf(e: HttpException): string {
  const r = e.getResponse();
  if (typeof r === 'string') return r;
  const m = (r as { message?: unknown }).message;
  if (Array.isArray(m)) return m.map(String).join('; ');
  return typeof m === 'string' ? m : e.message;
}

/** Errors from express middleware (body-parser's http-errors) that are meant for the client. */
function clientError(e: unknown): { status: number; message: string } | null {
  if (!(e instanceof Error)) return null;
  const { status, expose } = e as { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) return null;
  return { status, message: e.message };
}
