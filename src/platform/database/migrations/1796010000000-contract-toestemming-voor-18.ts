import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WMO-VOOR-18 (TCW art. 1.7.2): the gemeente's written approval that Wmo support starts before the
 * client's 18th birthday, registered per toewijzing (gemeente + ToewijzingNummer, the number as
 * the register stores it); no BSN, no name.
 */
export class ContractToestemmingVoor181796010000000 implements MigrationInterface {
  name = 'ContractToestemmingVoor181796010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_toestemming_voor_18 (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL,
        gemeente varchar(8) NOT NULL,
        toewijzing_nummer varchar(16) NOT NULL,
        datum date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_contract_toestemming_voor_18 PRIMARY KEY (id),
        CONSTRAINT fk_contract_toestemming_voor_18_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE,
        CONSTRAINT uq_contract_toestemming_voor_18 UNIQUE (contract_id, gemeente, toewijzing_nummer)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_toestemming_voor_18`);
  }
}
