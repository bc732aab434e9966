import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Domein } from '../istandaarden';
import type { AntwoordSamenvatting, StoredVerdict } from './inbound-bericht.types';

export type Kanaal = 'rest' | 'ggk';
export type InboundStatus = 'ontvangen' | 'in_verwerking' | 'verwerkt' | 'afgekeurd' | 'uitval';
/** The statuses a bericht ends in; it is never processed again. */
export type EindStatus = Extract<InboundStatus, 'verwerkt' | 'afgekeurd' | 'uitval'>;

/**
 * One received bericht, stored before it is acknowledged. Holds client data (the raw bytes carry
 * BSNs and names), hence the table name. Schema: migrations/1795400000000-create-client-inbound-bericht
 * and 1795600000000-ggk-ingest-en-antwoord.
 */
@Entity({ name: 'client_inbound_bericht' })
@Index('uq_client_inbound_bericht_identificatie', ['domein', 'berichtcode', 'afzender', 'identificatie'], { unique: true, where: 'duplicaat_van IS NULL' })
@Index('uq_client_inbound_bericht_content_sha256', ['contentSha256'], { unique: true, where: `kanaal = 'rest'` })
@Index('uq_client_inbound_bericht_ggk_referentie', ['ggkZender', 'ggkReferentienummer'], { unique: true, where: 'ggk_referentienummer IS NOT NULL' })
export class InboundBericht {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_inbound_bericht' })
  id!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 8 })
  kanaal!: Kanaal;

  /** The exact bytes received. Not selected unless asked for (up to 25 MB). */
  @Column({ type: 'bytea', select: false })
  raw!: Buffer;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize!: number;

  @Column({ name: 'content_sha256', type: 'char', length: 64 })
  contentSha256!: string;

  /** The StUF envelope around the bericht (GGK kanaal) as GgkEnvelopGegevens JSON; null for REST. */
  @Column({ type: 'text', nullable: true, select: false })
  envelope!: string | null;

  /** GGK kanaal: stuurgegevens zender organisatie and referentienummer (IB216 key); null for REST. */
  @Column({ name: 'ggk_zender', type: 'varchar', length: 200, nullable: true })
  ggkZender!: string | null;

  @Column({ name: 'ggk_referentienummer', type: 'varchar', length: 40, nullable: true })
  ggkReferentienummer!: string | null;

  /**
   * GGK kanaal: a new envelope with a BerichtIdentificatie received before (TR056); the id of the
   * first bericht with it. Processing answers it with 9056.
   */
  @Column({ name: 'duplicaat_van', type: 'uuid', nullable: true })
  duplicaatVan!: string | null;

  /** 'WMO305', 'JW323', ...; null when the bericht could not be identified. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  bericht!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  domein!: Domein | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  berichtcode!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  afzender!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ontvanger!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  identificatie!: string | null;

  /** ISO date string. */
  @Column({ type: 'date', nullable: true })
  dagtekening!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'ontvangen' })
  status!: InboundStatus;

  @Column({ type: 'jsonb', nullable: true })
  verdict!: StoredVerdict | null;

  /** What was sent for it (retour in a Du01, Fo01, or our own bericht in a Di01); null until then. */
  @Column({ type: 'jsonb', nullable: true })
  antwoord!: AntwoordSamenvatting | null;

  /** How often a worker claimed it. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;
}
