// Every @ApiProperty names its type: the tests run through esbuild, which emits no design:type metadata.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InboundBericht, InboundStatus } from './inbound-bericht.entity';
import type { AntwoordSamenvatting, StoredVerdict } from './inbound-bericht.types';

const STATUSES: InboundStatus[] = ['ontvangen', 'in_verwerking', 'verwerkt', 'afgekeurd', 'uitval'];

export class OntvangstDto {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, enum: STATUSES })
  status!: InboundStatus;
}

class XsdFindingDto {
  @ApiProperty({ type: Number, nullable: true })
  line!: number | null;

  @ApiProperty({ type: String })
  message!: string;
}

class RegelFindingDto {
  @ApiProperty({ type: String, example: 'TR342' })
  code!: string;

  @ApiProperty({ type: String, example: '0001' })
  retourcode!: string;

  @ApiProperty({ type: [String] })
  locatie!: string[];
}

export class VerdictDto {
  @ApiProperty({ type: String, nullable: true, example: 'WMO305' })
  bericht!: string | null;

  @ApiProperty({ type: Boolean })
  valid!: boolean;

  @ApiProperty({ type: () => [XsdFindingDto] })
  xsd!: XsdFindingDto[];

  @ApiProperty({ type: () => [RegelFindingDto] })
  regels!: RegelFindingDto[];
}

class RetourcodesDto {
  @ApiProperty({ type: String, example: '/Bericht/Client/StartProducten/StartProduct' })
  locatie!: string;

  @ApiProperty({ type: [String], example: ['9019'] })
  codes!: string[];
}

export class AntwoordDto {
  @ApiProperty({ type: String, nullable: true, enum: ['Di01', 'Du01', 'Fo01'], description: 'envelope written to the outbox; null when composed but not sent' })
  envelop!: 'Di01' | 'Du01' | 'Fo01' | null;

  @ApiProperty({ type: String, nullable: true, example: 'WMO306', description: 'null for a Fo01' })
  functie!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  referentienummer!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'referentienummer of the envelope answered' })
  crossRefnummer!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  outboxId!: string | null;

  @ApiProperty({ type: () => [RetourcodesDto], description: 'RetourCodes of the retourbericht, Header first; empty when approved' })
  retourcodes!: RetourcodesDto[];

  @ApiPropertyOptional({ type: String, example: 'StUF055' })
  foutcode?: string;

  @ApiPropertyOptional({ type: String })
  toelichting?: string;
}

/** What GET /api/berichten/:id shows: status and verdict, never the raw XML or client data. */
export class BerichtStatusDto extends OntvangstDto {
  @ApiProperty({ type: String, enum: ['rest', 'ggk'] })
  kanaal!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'GGK: the first bericht with this BerichtIdentificatie (answered 9056)' })
  duplicaatVan!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  ontvangenOp!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  verwerktOp!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'WMO305' })
  bericht!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['wmo', 'jeugd'] })
  domein!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '418' })
  berichtcode!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'AGB code of the aanbieder or CBS code of the gemeente' })
  afzender!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ontvanger!: string | null;

  @ApiProperty({ type: String, nullable: true })
  identificatie!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dagtekening!: string | null;

  @ApiProperty({ type: Number, description: 'how often a worker claimed it' })
  pogingen!: number;

  @ApiProperty({ type: String })
  correlationId!: string;

  @ApiProperty({ type: () => VerdictDto, nullable: true, description: 'null until processed' })
  verdict!: VerdictDto | null;

  @ApiProperty({ type: () => AntwoordDto, nullable: true, description: 'what was sent for it (retour in a Du01, Fo01, or our own bericht in a Di01); null until then' })
  antwoord!: AntwoordDto | null;
}

/** Whitelists response fields (no raw bytes, no envelope). */
export function toBerichtStatusDto(b: InboundBericht): BerichtStatusDto {
  return {
    id: b.id,
    status: b.status,
    kanaal: b.kanaal,
    duplicaatVan: b.duplicaatVan,
    ontvangenOp: b.receivedAt.toISOString(),
    verwerktOp: b.processedAt ? b.processedAt.toISOString() : null,
    bericht: b.bericht,
    domein: b.domein,
    berichtcode: b.berichtcode,
    afzender: b.afzender,
    ontvanger: b.ontvanger,
    identificatie: b.identificatie,
    dagtekening: b.dagtekening,
    pogingen: b.attempts,
    correlationId: b.correlationId,
    verdict: b.verdict ? toVerdictDto(b.verdict) : null,
    antwoord: b.antwoord ? toAntwoordDto(b.antwoord) : null,
  };
}

function toAntwoordDto(a: AntwoordSamenvatting): AntwoordDto {
  return {
    envelop: a.envelop,
    functie: a.functie,
    referentienummer: a.referentienummer,
    crossRefnummer: a.crossRefnummer,
    outboxId: a.outboxId,
    retourcodes: a.retourcodes.map((r) => ({ locatie: r.locatie, codes: [...r.codes] })),
    ...(a.foutcode ? { foutcode: a.foutcode } : {}),
    ...(a.toelichting ? { toelichting: a.toelichting } : {}),
  };
}

function toVerdictDto(v: StoredVerdict): VerdictDto {
  return { bericht: v.bericht, valid: v.valid, xsd: v.xsd, regels: v.regels };
}
