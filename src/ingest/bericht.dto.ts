// Every @ApiProperty names its type: the tests run through esbuild, which emits no design:type metadata.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InboundBericht, InboundStatus } from './inbound-bericht.entity';
import type { StoredVerdict } from './inbound-bericht.types';

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

/** What GET /api/berichten/:id shows: status and verdict, never the raw XML or client data. */
export class BerichtStatusDto extends OntvangstDto {
  @ApiProperty({ type: String, enum: ['rest', 'ggk'] })
  kanaal!: string;

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

  @ApiProperty({ type: Object, nullable: true, description: 'the retourbericht or 325 sent; not yet implemented (always null)' })
  antwoord!: null;
}

/** Whitelists response fields (no raw bytes, no envelope). */
export function toBerichtStatusDto(b: InboundBericht): BerichtStatusDto {
  return {
    id: b.id,
    status: b.status,
    kanaal: b.kanaal,
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
    antwoord: null,
  };
}

function toVerdictDto(v: StoredVerdict): VerdictDto {
  return { bericht: v.bericht, valid: v.valid, xsd: v.xsd, regels: v.regels };
}
