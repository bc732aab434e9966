import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UitgaandBericht } from './outbox.port';

export type UitgaandStatus = 'te_verzenden' | 'verzonden' | 'uitval';
export type UitgaandSoort = UitgaandBericht['soort'];

/**
 * One envelope to the GGK in the outbox. Holds client data (the base64 bericht in `envelop`), hence
 * the table name. Schema: migrations/1795500000000-create-client-outbound-bericht. Written by
 * TypeOrmOutboxWriter, delivered by OutboundRelay; all SQL is in OutboundBerichtRepository.
 */
@Entity({ name: 'client_outbound_bericht' })
@Index('uq_client_outbound_bericht_referentienummer', ['referentienummer'], { unique: true })
export class OutboundBericht {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_outbound_bericht' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 4 })
  soort!: UitgaandSoort;

  /** 'WMO306', 'JW325', ...; null for a Fo01. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  functie!: string | null;

  /** stuurgegevens/referentienummer of the envelope (UUID v4): the peer's deduplication key. */
  @Column({ type: 'varchar', length: 40 })
  referentienummer!: string;

  @Column({ name: 'cross_refnummer', type: 'varchar', length: 40, nullable: true })
  crossRefnummer!: string | null;

  /** The SOAP envelope as it goes on the wire. Not selected unless asked for (up to 25 MB). */
  @Column({ type: 'text', select: false })
  envelop!: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize!: number;

  @Column({ name: 'inbound_id', type: 'uuid', nullable: true })
  inboundId!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;

  @Column({ type: 'varchar', length: 16, default: 'te_verzenden' })
  status!: UitgaandStatus;

  /** Delivery attempts started (a claim counts as one). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the relay may (re)try; while an attempt runs, the end of its lease. Null once final. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'last_http_status', type: 'integer', nullable: true })
  lastHttpStatus!: number | null;

  /** Why the last attempt failed, or why it went to uitval. Never payload text. */
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** referentienummer of the peer's Bv03, when it sent one. */
  @Column({ name: 'antwoord_refnummer', type: 'varchar', length: 40, nullable: true })
  antwoordRefnummer!: string | null;
}
