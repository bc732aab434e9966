import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BodyTooLargeError, readRawBody } from '../ingest/utils/read-raw-body.util';
import { Roles } from '../platform/auth';
import { AppException } from '../platform/errors';
import { BestedingsruimteService, type NieuweBestedingsruimte } from './bestedingsruimte.service';
import { ClientenstopService, type ClientenstopOverzicht } from './clientenstop.service';
import type { ImportFout } from './contract-csv';
import { ContractenService, type BestedingsruimteOverzicht } from './contracten.service';
import { ToestemmingService } from './toestemming.service';

/** 415 CONTRACT.UNSUPPORTED_MEDIA_TYPE unless the body is JSON (every route here but the CSV import). */
function vereisJson(req: Request): void {
  if (!req.is('application/json')) throw new AppException('CONTRACT.UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

/** Largest CSV import accepted. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

@ApiTags('contracten')
@ApiBearerAuth()
@Controller('api/contracten')
export class ContractenController {
  constructor(
    @Inject(ContractenService) private readonly service: ContractenService,
    @Inject(ClientenstopService) private readonly stops: ClientenstopService,
    @Inject(BestedingsruimteService) private readonly ruimtes: BestedingsruimteService,
    @Inject(ToestemmingService) private readonly toestemmingen: ToestemmingService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Register one contract with its products (tarief per validity period) and bestedingsruimtes' })
  @ApiResponse({ status: 201, description: '{"id": "<uuid>"}' })
  @ApiResponse({ status: 400, description: 'CONTRACT.INVALID' })
  @ApiResponse({ status: 409, description: 'CONTRACT.DUPLICATE' })
  async maak(@Req() req: Request, @Body() body: unknown): Promise<{ id: string }> {
    vereisJson(req);
    return this.service.maak(body);
  }

  @Post('import')
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Import contracts from CSV (docs/signalen.md); all or nothing, with a report per line' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  @ApiResponse({ status: 201, description: '{"contracten": [{"kenmerk", "id"}]}' })
  @ApiResponse({ status: 422, description: '{"code": "CONTRACT.IMPORT_INVALID", "message", "fouten": [{"regel", "melding"}]}; nothing imported' })
  async importeer(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ contracten: { kenmerk: string; id: string }[] } | { code: string; message: string; fouten: ImportFout[] }> {
    if (!req.is('text/csv') && !req.is('text/plain')) throw new AppException('CONTRACT.UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be text/csv', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    let raw: Buffer;
    try {
      raw = await readRawBody(req, MAX_IMPORT_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw new AppException('CONTRACT.TOO_LARGE', `the import is over ${MAX_IMPORT_BYTES} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
      throw e;
    }
    const r = await this.service.importeer(raw.toString('utf8'));
    if (r.soort === 'afgekeurd') {
      res.status(HttpStatus.UNPROCESSABLE_ENTITY);
      return { code: 'CONTRACT.IMPORT_INVALID', message: `${r.fouten.length} problem(s); nothing was imported`, fouten: r.fouten };
    }
    res.status(HttpStatus.CREATED);
    return { contracten: r.contracten };
  }

  @Get(':id/bestedingsruimte')
  @Roles('contractmanager', 'backoffice')
  @ApiOperation({ summary: 'Budget, spent and percentage per bestedingsruimte period (newest version)' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  async bestedingsruimte(@Param('id') id: string): Promise<BestedingsruimteOverzicht> {
    return this.service.bestedingsruimte(id);
  }

  @Put(':id/normen')
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Change the wachttijdNormen and/or the inzetNorm (art. 1.6) of a contract; a field left out stays, null clears it' })
  @ApiResponse({ status: 200, description: '{"contractId", "wachttijdNormen", "inzetNorm"} as stored now' })
  @ApiResponse({ status: 400, description: 'CONTRACT.INVALID (one problem per "; "), CONTRACT.INVALID_ID' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  async zetNormen(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<Awaited<ReturnType<ContractenService['zetNormen']>>> {
    vereisJson(req);
    return this.service.zetNormen(id, body);
  }

  @Post(':id/bestedingsruimtes')
  @HttpCode(HttpStatus.CREATED)
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Add a bestedingsruimte: a new version of a period (addendum; the total carries over) or a new period (its total from the approved prestaties dated in it)' })
  @ApiResponse({ status: 201, description: '{"id", "periode": {"van", "tot"}, "versie", "budgetCenten", "besteedCenten"}; threshold signals of the new version in the same transaction' })
  @ApiResponse({ status: 400, description: 'CONTRACT.BESTEDINGSRUIMTE_INVALID (one problem per "; "), CONTRACT.INVALID_ID' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'CONTRACT.BESTEDINGSRUIMTE_CONFLICT: the versie given is not the next one of the period' })
  async voegBestedingsruimteToe(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<NieuweBestedingsruimte> {
    vereisJson(req);
    return this.ruimtes.voegToe(id, body);
  }

  @Post(':id/toestemmingen-voor-18')
  @HttpCode(HttpStatus.CREATED)
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Register the written approval (art. 1.7.2) that Wmo support under a toewijzing starts before the client turns 18' })
  @ApiResponse({ status: 201, description: '{"id": "<uuid>"}' })
  @ApiResponse({ status: 400, description: 'CONTRACT.TOESTEMMING_INVALID (one problem per "; "), CONTRACT.INVALID_ID' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'CONTRACT.TOESTEMMING_DUPLICATE' })
  async registreerToestemmingVoor18(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<{ id: string }> {
    vereisJson(req);
    return this.toestemmingen.registreerVoor18(id, body);
  }

  @Post(':id/clientenstops')
  @HttpCode(HttpStatus.CREATED)
  @Roles('beheer', 'contractmanager')
  @ApiOperation({ summary: 'Register a cliëntenstop (melding date, start, end, scope, consent); writes CS-MELDING and CS-CRISIS signals' })
  @ApiResponse({ status: 201, description: '{"id": "<uuid>"}' })
  @ApiResponse({ status: 400, description: 'CLIENTENSTOP.INVALID (one problem per "; "), CONTRACT.INVALID_ID' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  async registreerStop(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<{ id: string }> {
    vereisJson(req);
    return this.stops.registreer(id, body);
  }

  @Get(':id/clientenstops')
  @Roles('contractmanager', 'backoffice')
  @ApiOperation({ summary: 'The registered cliëntenstops of a contract' })
  @ApiResponse({ status: 404, description: 'CONTRACT.NOT_FOUND' })
  async clientenstops(@Param('id') id: string): Promise<ClientenstopOverzicht> {
    return this.stops.lijst(id);
  }
}
