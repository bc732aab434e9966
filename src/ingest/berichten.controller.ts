import { Controller, Get, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { allocateBerichtBytes } from '../istandaarden';
import { Roles } from '../platform/auth';
import { AppConfig } from '../platform/config';
import { BerichtStatusDto, OntvangstDto, toBerichtStatusDto } from './bericht.dto';
import { InboundBerichtRepository } from './inbound-bericht.repository';
import { IngestException } from './ingest.exception';
import { IngestService } from './ingest.service';
import { BodyTooLargeError, readRawBody } from './utils/read-raw-body.util';

const XML_TYPES = /^(application|text)\/([\w.+-]+\+)?xml$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('berichten')
@ApiBearerAuth()
@Controller('api/berichten')
export class BerichtenController {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(InboundBerichtRepository) private readonly repository: InboundBerichtRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles('koppeling', 'backoffice')
  @ApiOperation({ summary: 'Receive one raw iWmo/iJw 3.2 bericht; answered once it is stored' })
  @ApiConsumes('application/xml')
  @ApiBody({ schema: { type: 'string', description: 'the bericht XML, byte for byte' } })
  @ApiResponse({ status: 202, type: OntvangstDto, description: 'stored; processing follows' })
  @ApiResponse({ status: 200, type: OntvangstDto, description: 'these bytes were received before: the same id' })
  @ApiResponse({ status: 400, description: 'INGEST.NOT_A_BERICHT' })
  @ApiResponse({ status: 409, description: 'INGEST.DUPLICATE_IDENTIFICATIE (TR056)' })
  @ApiResponse({ status: 413, description: 'INGEST.TOO_LARGE' })
  @ApiResponse({ status: 415, description: 'INGEST.UNSUPPORTED_MEDIA_TYPE' })
  async ontvang(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<OntvangstDto> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (!XML_TYPES.test(type)) throw IngestException.unsupportedMediaType('Content-Type must be application/xml');
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') throw IngestException.unsupportedMediaType('Content-Encoding is not supported');

    let raw: Buffer;
    try {
      raw = await readRawBody(req, this.config.maxBerichtBytes, { allocate: allocateBerichtBytes });
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw IngestException.tooLarge(this.config.maxBerichtBytes);
      throw e;
    }
    const r = await this.ingest.ontvang({ kanaal: 'rest', raw, correlationId: String(req.id) });
    switch (r.soort) {
      case 'niet-herkend':
        throw IngestException.notABericht(r.reden);
      case 'dubbele-identificatie':
        throw IngestException.duplicateIdentificatie(r.bestaandId);
      case 'opgeslagen':
      case 'herhaald':
        res.status(r.soort === 'opgeslagen' ? HttpStatus.ACCEPTED : HttpStatus.OK);
        res.setHeader('Location', `/api/berichten/${r.id}`);
        return { id: r.id, status: r.status };
    }
  }

  @Get(':id')
  @Roles('koppeling', 'backoffice', 'beheer')
  @ApiOperation({ summary: 'Status and verdict of a received bericht (never its content)' })
  @ApiResponse({ status: 200, type: BerichtStatusDto })
  @ApiResponse({ status: 404, description: 'INGEST.NOT_FOUND' })
  async toon(@Param('id') id: string): Promise<BerichtStatusDto> {
    if (!UUID.test(id)) throw IngestException.invalidId();
    const b = await this.repository.findById(id);
    if (!b) throw IngestException.notFound();
    return toBerichtStatusDto(b);
  }
}
