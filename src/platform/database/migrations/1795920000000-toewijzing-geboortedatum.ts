import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client's birth date on every toewijzing version (301 Client/Geboortedatum: Datum and
 * DatumGebruik, COD170), for the PLAN-16-5 detector (src/signalen/detectoren). Client data, so it
 * stays in client_register_toewijzing; signals only carry counts. Written by RegisterSchrijver from
 * the parsed 301. Versions registered before this migration keep NULL (and are not counted).
 */
export class ToewijzingGeboortedatum1795920000000 implements MigrationInterface {
  name = 'ToewijzingGeboortedatum1795920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE client_register_toewijzing
        ADD COLUMN geboortedatum date NULL,
        ADD COLUMN geboortedatum_gebruik varchar(1) NULL,
        ADD CONSTRAINT ck_client_register_toewijzing_geboortedatum_gebruik CHECK (geboortedatum_gebruik IN ('1', '2', '3'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE client_register_toewijzing
        DROP CONSTRAINT ck_client_register_toewijzing_geboortedatum_gebruik,
        DROP COLUMN geboortedatum_gebruik,
        DROP COLUMN geboortedatum`);
  }
}
