import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { Declaratie, Prestatie } from '../../../src/istandaarden';
import { createDataSource } from '../../../src/platform/database';
import { beoordeelPrestaties, contractSleutel, debetTotalen } from '../../../src/verwerking/declaratie/beoordeel-declaratie';
import { laadStand, schrijfDeclaratie, schrijfPrestaties, TellerConflictError, type DeclaratieSleutel } from '../../../src/verwerking/declaratie/declaratie.register';
import { AANBIEDER, BSN, GEMEENTE } from '../../support/berichten';
import { sql } from '../../support/database';
import { toewijzingInsert } from '../../support/declaratie';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const S: DeclaratieSleutel = { domein: 'wmo', gemeente: GEMEENTE, aanbieder: AANBIEDER };
const TARIEVEN = new Map([[contractSleutel('01A11', '2025-04-01'), { contractId: 'C1', productCode: '01A11', eenheid: '04', tariefCenten: 1250 }]]);

const prestatie = (rn: string, toewijzingNummer: string): Prestatie => ({
  referentieNummer: rn, vorigReferentieNummer: null, toewijzingNummer, productCategorie: '01', productCode: '01A11',
  productPeriode: { begindatum: '2025-04-01', einddatum: '2025-04-30' }, geleverdVolume: 4, eenheid: '04', productTariefCenten: 1250,
  ingediendBedrag: { centen: 5000, debetCredit: 'D' },
});
const declaratie = (nummer: string, prestaties: Prestatie[]): Declaratie => ({
  declaratieNummer: nummer, declaratiePeriode: { begindatum: '2025-04-01', einddatum: '2025-04-30' }, declaratieDagtekening: '2025-05-06',
  totaalIngediendBedrag: { centen: 0, debetCredit: 'D' }, clienten: [{ bsn: BSN, prestaties }],
});

/**
 * The counters of the declaratie register: laadStand locks the ones that exist, schrijfPrestaties
 * updates those and creates the others with their final value, and refuses to overwrite one another
 * transaction created in between.
 */
describe('declaratie register: toewijzing counters written once', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    for (const nummer of ['310001', '310002', '310003']) {
      const { sql: q, params } = toewijzingInsert({ nummer, bsn: BSN, ingang: '2025-01-01', eind: '2025-12-31' });
      await ds.query(q, params);
    }
    await ds.query(`INSERT INTO register_toewijzing_teller (domein, gemeente, toewijzing_nummer, volume_basis, bedrag_centen) VALUES ('wmo', $1, '310002', 60, 1250)`, [GEMEENTE]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** laadStand, judging, then the writes, in one transaction; `tussendoor` runs between loading and writing. */
  async function verwerk(d: Declaratie, tussendoor: () => Promise<void> = async () => undefined): Promise<void> {
    await ds.transaction(async (tx) => {
      const stand = await laadStand(tx, S, d);
      const b = beoordeelPrestaties({ ...S, declaratie: d, tarieven: TARIEVEN }, stand);
      await tussendoor();
      const id = await schrijfDeclaratie(tx, {
        ...S, declaratieNummer: d.declaratieNummer, periode: d.declaratiePeriode, identificatie: d.declaratieNummer, dagtekening: '2025-05-06', oordeel: 'prestaties',
        retourcodes: [], totaalIngediendCenten: 0, totaalToegekendCenten: 0, inboundId: null, debet: debetTotalen(d, b), perRetourcode: {},
      });
      await schrijfPrestaties(tx, S, id, b.nieuwePrestaties, b.gecrediteerd, b.tellers, stand.tellers);
    });
  }

  const tellers = () =>
    sql<{ toewijzing_nummer: string; volume_basis: string; bedrag_centen: string }>(
      db.url, 'SELECT toewijzing_nummer, volume_basis, bedrag_centen FROM register_toewijzing_teller ORDER BY toewijzing_nummer',
    );

  it('creates a missing counter with its final value and adds to an existing one', async () => {
    await verwerk(declaratie('DN1', [prestatie('RA1', '310001'), prestatie('RA2', '0310002')]));
    expect(await tellers()).toEqual([
      { toewijzing_nummer: '310001', volume_basis: '240', bedrag_centen: '5000' },
      { toewijzing_nummer: '310002', volume_basis: '300', bedrag_centen: '6250' },
    ]);
    expect(await sql(db.url, `SELECT referentienummer, toewijzing_nummer, status FROM client_register_prestatie ORDER BY referentienummer`)).toEqual([
      { referentienummer: 'RA1', toewijzing_nummer: '310001', status: 'goedgekeurd' },
      { referentienummer: 'RA2', toewijzing_nummer: '310002', status: 'goedgekeurd' },
    ]);
  });

  it('a counter another transaction created after laadStand: TellerConflictError, nothing written, the other value kept', async () => {
    const poging = verwerk(declaratie('DN2', [prestatie('RB1', '310003')]), async () => {
      await ds.query(`INSERT INTO register_toewijzing_teller (domein, gemeente, toewijzing_nummer, volume_basis, bedrag_centen) VALUES ('wmo', $1, '310003', 120, 2500)`, [GEMEENTE]);
    });
    await expect(poging).rejects.toBeInstanceOf(TellerConflictError);
    expect((await tellers()).find((t) => t.toewijzing_nummer === '310003')).toEqual({ toewijzing_nummer: '310003', volume_basis: '120', bedrag_centen: '2500' });
    expect(await sql(db.url, `SELECT 1 FROM client_register_prestatie WHERE referentienummer = 'RB1'`)).toEqual([]);
    expect(await sql(db.url, `SELECT 1 FROM register_declaratie WHERE declaratienummer = 'DN2'`)).toEqual([]);

    // Processed again, the counter now exists, is locked and added to.
    await verwerk(declaratie('DN2', [prestatie('RB1', '310003')]));
    expect((await tellers()).find((t) => t.toewijzing_nummer === '310003')).toEqual({ toewijzing_nummer: '310003', volume_basis: '360', bedrag_centen: '7500' });
  });
  it('laadStand takes the actual version of each toewijzing (IV013: latest Toewijzingsdatum, then Toewijzingstijd)', async () => {
    const versie = (datum: string, tijd: string, eind: string) =>
      ds.query(
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, omvang)
         VALUES ('wmo', $1, '310009', $2, $3, '{"categorie":"01","code":"01A11"}', $4, $5, '2025-01-01', $6, '{"volume":4,"eenheid":"04","frequentie":"2"}')`,
        [GEMEENTE, AANBIEDER, BSN, datum, tijd, eind],
      );
    await versie('2025-03-20', '09:00:00', '2025-06-30');
    await versie('2025-03-21', '08:00:00', '2025-11-30'); // the actual one: the latest date
    await versie('2025-03-20', '17:00:00', '2025-09-30'); // later time, earlier date
    await versie('2025-03-01', '23:59:59', '2025-03-31');
    const stand = await ds.transaction((tx) => laadStand(tx, S, declaratie('DN9', [prestatie('RV1', '310009')])));
    expect(stand.toewijzingen.get('310009')).toMatchObject({ toewijzingsdatum: '2025-03-21', toewijzingstijd: '08:00:00', einddatum: '2025-11-30' });
  });
});
