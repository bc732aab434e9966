import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';

/**
 * One log line per request with its correlation id, which is also echoed in the response header
 * and available as `req.id`. No headers (tokens) and no bodies (client data) are logged.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
      res.setHeader('X-Correlation-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    customLogLevel(_req, res, err) {
      // A SOAP fault about the caller's message (/ggk, Fo03 plek client) is a refusal, not our failure.
      if ((res as ServerResponse & { locals?: { soapFoutPlek?: string } }).locals?.soapFoutPlek === 'client') return 'warn';
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
  });
}
