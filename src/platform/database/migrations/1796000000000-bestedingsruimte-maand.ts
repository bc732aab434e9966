import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was booked on a bestedingsruimte period per calendar month of the prestaties (the booking
 * date is the ProductPeriode begin), across its versions: BR-DREIGT (HR §10) projects the period's
 * end from the run-rate of the last complete months without reading any prestatie. Written in the
 * booking's own statement (ContractRepository.boek). Existing periods are filled from the approved
 * prestaties of their contract, as the bookings would have added them up.
 */
export class BestedingsruimteMaand1796000000000 implements MigrationInterface {
  name = 'BestedingsruimteMaand1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bestedingsruimte_maand (
        contract_id uuid NOT NULL,
        periode_van date NOT NULL,
        maand date NOT NULL,
        centen bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_bestedingsruimte_maand PRIMARY KEY (contract_id, periode_van, maand),
        CONSTRAINT fk_bestedingsruimte_maand_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE,
        CONSTRAINT ck_bestedingsruimte_maand_eerste CHECK (extract(day FROM maand) = 1)
      )`);
    await q.query(`
      INSERT INTO bestedingsruimte_maand (contract_id, periode_van, maand, centen)
      SELECT b.contract_id, b.periode_van, date_trunc('month', p.periode_begin)::date, sum(p.bedrag_centen)
        FROM (SELECT DISTINCT contract_id, periode_van, periode_tot FROM bestedingsruimte) b
        JOIN client_register_prestatie p ON p.contract_id = b.contract_id::text
             AND p.periode_begin BETWEEN b.periode_van AND b.periode_tot AND p.status IN ('goedgekeurd', 'gecrediteerd')
       GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bestedingsruimte_maand`);
  }
}
