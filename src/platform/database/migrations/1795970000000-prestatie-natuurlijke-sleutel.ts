import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * client_register_prestatie is keyed by what identifies a prestatie in the standard (domein,
 * aanbieder, ReferentieNummer: OP283/TR314), not by a serial id, and loses its foreign key to
 * register_declaratie. Storing a 100,000-prestatie declaratie spent ~1 s in the per-row foreign key
 * trigger and ~0.3 s in the serial and its index (bench/README.md). Every row is written with the
 * id its register_declaratie row got in the same transaction, and that table is never deleted from,
 * so the reference holds by construction. Nothing referred to the prestatie id. No index on
 * declaratie_id either (it cost ~0.4 s per 100,000 rows): only the monthly uitval detector joins on it.
 */
export class PrestatieNatuurlijkeSleutel1795970000000 implements MigrationInterface {
  name = 'PrestatieNatuurlijkeSleutel1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE client_register_prestatie DROP CONSTRAINT fk_client_register_prestatie_declaratie`);
    await q.query(`ALTER TABLE client_register_prestatie DROP CONSTRAINT pk_client_register_prestatie`);
    await q.query(`ALTER TABLE client_register_prestatie DROP COLUMN id`);
    await q.query(`ALTER TABLE client_register_prestatie ADD CONSTRAINT pk_client_register_prestatie PRIMARY KEY USING INDEX uq_client_register_prestatie_referentie`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE client_register_prestatie DROP CONSTRAINT pk_client_register_prestatie`);
    await q.query(`CREATE UNIQUE INDEX uq_client_register_prestatie_referentie ON client_register_prestatie (domein, aanbieder, referentienummer)`);
    await q.query(`ALTER TABLE client_register_prestatie ADD COLUMN id bigserial NOT NULL`);
    await q.query(`ALTER TABLE client_register_prestatie ADD CONSTRAINT pk_client_register_prestatie PRIMARY KEY (id)`);
    await q.query(`ALTER TABLE client_register_prestatie
      ADD CONSTRAINT fk_client_register_prestatie_declaratie FOREIGN KEY (declaratie_id) REFERENCES register_declaratie (id)`);
  }
}
