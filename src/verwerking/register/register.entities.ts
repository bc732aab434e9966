import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import type { Domein, Omvang, Product } from '../../istandaarden';

/**
 * The register tables (migrations/1795700000000-create-register), read by PostgresRegister and
 * written only by RegisterSchrijver from the mutations of approved berichten. Dates are ISO strings.
 */

/** bigint eurocents as a JS number (budgets stay far below 2^53). */
const centen: ValueTransformer = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One version of a toewijzing (IV013). Holds the BSN, hence client_. */
@Entity({ name: 'client_register_toewijzing' })
@Index('uq_client_register_toewijzing_versie', ['domein', 'gemeente', 'toewijzingNummer', 'toewijzingsdatum', 'toewijzingstijd'], { unique: true })
@Index('ix_client_register_toewijzing_client', ['domein', 'gemeente', 'aanbieder', 'bsn'])
export class RegisterToewijzing {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_client_register_toewijzing' })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  domein!: Domein;

  @Column({ type: 'varchar', length: 8 })
  gemeente!: string;

  @Column({ name: 'toewijzing_nummer', type: 'varchar', length: 16 })
  toewijzingNummer!: string;

  @Column({ type: 'varchar', length: 16 })
  aanbieder!: string;

  @Column({ type: 'varchar', length: 16 })
  bsn!: string;

  @Column({ name: 'referentie_aanbieder', type: 'varchar', length: 36, nullable: true })
  referentieAanbieder!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  product!: Product | null;

  @Column({ type: 'date' })
  toewijzingsdatum!: string;

  /** As in the bericht (xs:time text): IV013 compares it as the rules do. */
  @Column({ type: 'varchar', length: 16 })
  toewijzingstijd!: string;

  @Column({ type: 'date' })
  ingangsdatum!: string;

  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Column({ name: 'reden_wijziging', type: 'varchar', length: 4, nullable: true })
  redenWijziging!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  omvang!: Omvang | null;

  @Column({ name: 'budget_centen', type: 'bigint', nullable: true, transformer: centen })
  budgetCenten!: number | null;

  /** Client/Geboortedatum of the 301 (client data), for the PLAN-16-5 detector. */
  @Column({ type: 'date', nullable: true })
  geboortedatum!: string | null;

  /** Its DatumGebruik (COD170: 1, 2 or 3 = partly unknown). */
  @Column({ name: 'geboortedatum_gebruik', type: 'varchar', length: 1, nullable: true })
  geboortedatumGebruik!: string | null;

  @Column({ name: 'inbound_id', type: 'uuid', nullable: true })
  inboundId!: string | null;
}

/** A start (305) or stop (307) delivery with its IV008 key. Holds the BSN, hence client_. */
@Entity({ name: 'client_register_levering' })
export class RegisterLevering {
  /** Arrival order. */
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_client_register_levering' })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  domein!: Domein;

  @Column({ type: 'varchar', length: 8 })
  gemeente!: string;

  @Column({ name: 'toewijzing_nummer', type: 'varchar', length: 16, nullable: true })
  toewijzingNummer!: string | null;

  @Column({ type: 'varchar', length: 16 })
  aanbieder!: string;

  @Column({ type: 'varchar', length: 16 })
  bsn!: string;

  @Column({ type: 'varchar', length: 5 })
  soort!: 'start' | 'stop';

  @Column({ type: 'text' })
  sleutel!: string;

  @Column({ name: 'start_sleutel', type: 'text' })
  startSleutel!: string;

  @Column({ type: 'jsonb', nullable: true })
  product!: Product | null;

  @Column({ name: 'toewijzing_ingangsdatum', type: 'date', nullable: true })
  toewijzingIngangsdatum!: string | null;

  @Column({ type: 'date' })
  begindatum!: string;

  @Column({ name: 'reden_beeindiging', type: 'varchar', length: 4, nullable: true })
  redenBeeindiging!: string | null;

  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: 'actueel' | 'verwijderd';

  @Column({ name: 'inbound_id', type: 'uuid', nullable: true })
  inboundId!: string | null;
}

/** A verzoek (315 per AangevraagdProduct, 317) by its ReferentieAanbieder. Holds the BSN, hence client_. */
@Entity({ name: 'client_register_verzoek' })
export class RegisterVerzoek {
  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_client_register_verzoek' })
  domein!: Domein;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_client_register_verzoek' })
  aanbieder!: string;

  @PrimaryColumn({ name: 'referentie_aanbieder', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_client_register_verzoek' })
  referentieAanbieder!: string;

  @Column({ type: 'varchar', length: 8 })
  gemeente!: string;

  @Column({ type: 'varchar', length: 16 })
  bsn!: string;

  @Column({ name: 'bericht_nummer', type: 'varchar', length: 3 })
  berichtNummer!: '315' | '317';

  @Column({ type: 'varchar', length: 10 })
  status!: 'open' | 'afgewezen' | 'toegewezen';

  @Column({ name: 'in_onderzoek', type: 'boolean', default: false })
  inOnderzoek!: boolean;

  @Column({ name: 'inbound_id', type: 'uuid', nullable: true })
  inboundId!: string | null;
}

/** TR056: the key of every approved bericht. No client data. */
@Entity({ name: 'register_bericht_identificatie' })
export class RegisterBerichtIdentificatie {
  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_register_bericht_identificatie' })
  domein!: Domein;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_register_bericht_identificatie' })
  berichtcode!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_register_bericht_identificatie' })
  afzender!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_register_bericht_identificatie' })
  identificatie!: string;

  @Column({ type: 'date' })
  dagtekening!: string;

  @Column({ name: 'inbound_id', type: 'uuid', nullable: true })
  inboundId!: string | null;
}

export const REGISTER_ENTITIES = [RegisterToewijzing, RegisterLevering, RegisterVerzoek, RegisterBerichtIdentificatie];
