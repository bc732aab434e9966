import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BodyTooLargeError, readRawBody } from '../ingest/utils/read-raw-body.util';
import { AppConfig } from '../platform/config';
import { SOAP11_CONTENT_TYPE } from './envelop';
import { GgkOntvangstService } from './ggk-ontvangst.service';

const XML_TYPES = /^(application|text)\/([\w.+-]+\+)?xml$/i;

/**
 * SOAP 1.1 endpoint of portType OntvangAsynchroon (ggk_Di01, ggk_Du01, Fo01), architecture.md §4.3.
 * Not under /api and without bearer token: it sits behind two-sided TLS (PKIoverheid, Digikoppeling),
 * which authenticates the GGK (architecture.md §7). Every answer is SOAP: Bv03 (200) or a Fo03 fault
 * (500, WS-I R1126), never the JSON error of /api.
 */
@ApiTags('ggk')
@Controller('ggk')
export class GgkController {
  constructor(
    @Inject(GgkOntvangstService) private readonly ontvangst: GgkOntvangstService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'GGK koppelvlak ggk0210 OntvangAsynchroon: ggk_Di01, ggk_Du01 or Fo01; stored before the Bv03' })
  @ApiConsumes('text/xml')
  @ApiProduces('text/xml')
  @ApiBody({ schema: { type: 'string', description: 'SOAP 1.1 envelope' } })
  @ApiResponse({ status: 200, description: 'Bv03: stored (or this envelope was stored before)' })
  @ApiResponse({ status: 500, description: 'SOAP Fault with a StUF Fo03 (code and reason) in detail' })
  async ontvang(@Req() req: Request, @Res() res: Response): Promise<void> {
    const correlationId = String(req.id);
    const type = (req.headers['content-type'] ?? 'text/xml').split(';')[0].trim();
    // Another type may already have been consumed by a body parser; SOAP 1.1 is text/xml.
    if (!XML_TYPES.test(type) || (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity') {
      req.resume();
      return stuur(res, this.ontvangst.geenSoap('request: SOAP 1.1 needs Content-Type text/xml without Content-Encoding'));
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(req, this.config.maxBerichtBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return stuur(res, this.ontvangst.teGroot());
      throw e;
    }
    stuur(res, await this.ontvangst.ontvang(raw, correlationId));
  }
}

function stuur(res: Response, antwoord: { xml: string; httpStatus: number; plek?: string }): void {
  // The request log line is a warning, not an error, when the fault is the sender's (http-logger).
  if (antwoord.plek) res.locals.soapFoutPlek = antwoord.plek;
  res.status(antwoord.httpStatus).type(SOAP11_CONTENT_TYPE).send(antwoord.xml);
}
