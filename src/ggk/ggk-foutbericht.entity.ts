import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Fo01 the GGK sent about one of our envelopes (spec §2.3: e.g. StUF055, IB210). The omschrijving
 * and details are free text from outside that may quote our payload, hence the client_ prefix.
 * Schema: migrations/1795600000000-ggk-ingest-en-antwoord.
 */
@Entity({ name: 'client_ggk_foutbericht' })
@Index('uq_client_ggk_foutbericht_referentie', ['zender', 'referentienummer'], { unique: true })
@Index('ix_client_ggk_foutbericht_cross_refnummer', ['crossRefnummer'])
export class GgkFoutbericht {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_client_ggk_foutbericht' })
  id!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  zender!: string;

  @Column({ type: 'varchar', length: 40 })
  referentienummer!: string;

  /** referentienummer of our envelope it is about. */
  @Column({ name: 'cross_refnummer', type: 'varchar', length: 40 })
  crossRefnummer!: string;

  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 8 })
  plek!: string;

  @Column({ type: 'varchar', length: 200 })
  omschrijving!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  details!: string | null;

  /** The outbox row (client_outbound_bericht) with referentienummer = crossRefnummer, when found. */
  @Column({ name: 'outbound_id', type: 'uuid', nullable: true })
  outboundId!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;
}
