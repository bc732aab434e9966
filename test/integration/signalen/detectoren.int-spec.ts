import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { OutboxSignaalWriter, SignaalOutboxRepository, type Signaal } from '../../../src/signalen';
import { DetectorenRunner, standaardDetectoren } from '../../../src/signalen/detectoren';
import { testEnv } from '../../support/app';
import { sql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const BSN = '111222333'; // passes the 11-proef: must never reach a signal
const A = '30000001'; // contract that went quiet in March 2025 and whose end is near
const B = '30000002'; // active aanbieder: a running start, a waiting toewijzing, declaraties in March 2026

describe('scheduled detectors: runAll(vandaag) twice writes each signal once', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let runner: DetectorenRunner;
  let contractA: string;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    const config = loadConfig(testEnv(db.url));
    expect(config.detectoren.enabled).toBe(false);
    runner = new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), standaardDetectoren(config.detectoren));

    await sql(db.url, `INSERT INTO contract_aanbieder (agb) VALUES ($1), ($2)`, [A, B]);
    [{ id: contractA }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, looptijd_tot, verlengopties)
       VALUES ('K-A', 'wmo', '0363', '{0363}', $1, 'inspanningsgericht', '2024-01-01', '2026-09-30', '[{"maanden": 12}]') RETURNING id::text AS id`,
      [A],
    );
    await sql(db.url, `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, besluitdatum)
                       VALUES ('K-B', 'wmo', '0363', '{0363}', $1, 'outputgericht', '2024-01-01', '2023-11-01')`, [B]);

    // A: one approved prestatie for March 2025, its 323 answered in April 2025.
    const [{ id: declA }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                        oordeel, totaal_ingediend_centen, totaal_toegekend_centen, created_at)
       VALUES ('wmo', '0363', $1, 'D-A1', '2025-03-01', '2025-03-31', 'ID-A1', '2025-03-31', 'prestaties', 5000, 5000, '2025-04-02T10:00:00+02')
       RETURNING id::text AS id`,
      [A],
    );
    // B: a 323 answered in March 2026 with one approved and one rejected prestatie, and a 323 rejected whole.
    const [{ id: declB }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                        oordeel, totaal_ingediend_centen, totaal_toegekend_centen, created_at)
       VALUES ('wmo', '0363', $1, 'D-B1', '2026-02-01', '2026-02-28', 'ID-B1', '2026-03-05', 'prestaties', 8000, 6000, '2026-03-06T09:00:00+01'),
              ('wmo', '0363', $1, 'D-B2', '2026-02-01', '2026-02-28', 'ID-B2', '2026-03-20', 'header', 1000, 0, '2026-03-31T23:30:00+02')
       RETURNING id::text AS id`,
      [B],
    );
    await sql(
      db.url,
      `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                              periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, declaratie_id)
       VALUES ('wmo', '0363', $1, 'R-A1', 'T-A1', $4, '07', '07A01', '2025-03-01', '2025-03-31', 10, '14', 10, 5000, 'D', 'goedgekeurd', $2),
              ('wmo', '0363', $3, 'R-B1', 'T-B1', $4, '07', '07A01', '2026-02-01', '2026-02-28', 10, '14', 10, 6000, 'D', 'goedgekeurd', $5),
              ('wmo', '0363', $3, 'R-B2', 'T-B1', $4, '07', '07A01', '2026-02-01', '2026-02-28', 4, '14', 4, 2000, 'D', 'afgewezen', $5)`,
      [A, declA, B, BSN, declB],
    );
    // B: T-B1 started within the norm (January), T-B2 (dagbesteding, Ingangsdatum 1 January) has no start yet.
    await sql(
      db.url,
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum)
       VALUES ('wmo', '0363', 'T-B1', $1, $2, '{"categorie": "07", "code": "07A01"}', '2025-12-20', '10:00:00', '2026-01-01'),
              ('wmo', '0363', 'T-B2', $1, $2, '{"categorie": "07", "code": "07A01"}', '2025-12-20', '10:00:00', '2026-01-01')`,
      [B, BSN],
    );
    await sql(
      db.url,
      `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, product, begindatum, status)
       VALUES ('wmo', '0363', 'T-B1', $1, $2, 'start', 's1', 's1', '{"categorie": "07", "code": "07A01"}', '2026-01-20', 'actueel')`,
      [B, BSN],
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function outbox(): Promise<Array<{ dedup_key: string; type: string; body: string }>> {
    return sql(db.url, `SELECT dedup_key, type, body FROM signaal_outbox ORDER BY dedup_key`);
  }

  it('fires levering.geen-12-maanden, contract.verlenging, wachttijd.overschreden and declaratie.uitval-maand exactly once', async () => {
    await runner.runAll('2026-04-10', new Date('2026-04-10T06:00:00Z'));
    await runner.runAll('2026-04-10', new Date('2026-04-10T07:00:00Z'));
    await runner.runAll('2026-04-28'); // a later run in the same month: same facts, same keys

    const rijen = await outbox();
    expect(rijen.map((r) => r.dedup_key)).toEqual([
      `contract-verlenging:${contractA}:2026-09-30`,
      `declaratie-uitval-maand:wmo:0363:${B}:2026-03`,
      `levering-geen-12-maanden:${contractA}:2025-03-31`,
      `wachttijd-overschreden:wmo:0363:${B}:dagbesteding:2026-03`,
    ]);
    for (const r of rijen) {
      expect(r.body).not.toContain(BSN);
      expect(JSON.parse(r.body)).toMatchObject({ type: r.type, dedupKey: r.dedup_key, waargenomenOp: '2026-04-10T06:00:00.000Z' });
    }
    const s = Object.fromEntries(rijen.map((r) => [r.type, JSON.parse(r.body) as Signaal]));
    expect(s['levering.geen-12-maanden']).toMatchObject({
      aanbieder: A, contractId: contractA, periode: { van: '2025-04-01', tot: '2026-03-31' }, cijfers: { maandenZonderLevering: 12, laatsteActiviteit: '2025-03-31' },
    });
    expect(s['contract.verlenging']).toMatchObject({
      aanbieder: A, ernst: 'kritiek', cijfers: { besluitUiterlijk: '2026-03-31', einddatum: '2026-09-30', dagenTotBesluit: -10, verlengoptiesAantal: 1, verlengMaandenTotaal: 12 },
    });
    expect(s['wachttijd.overschreden']).toMatchObject({
      aanbieder: B, contractId: null, periode: { van: '2026-03-01', tot: '2026-03-31' },
      cijfers: { productgroep: 'dagbesteding', normDagen: 42, gestart: 0, laatGestart: 0, wachtendBovenNorm: 1, maxWachtdagen: 89 },
    });
    expect(s['declaratie.uitval-maand']).toMatchObject({
      aanbieder: B, ernst: 'waarschuwing',
      cijfers: { declaraties: 2, declaratiesAfgewezen: 1, prestatiesGoedgekeurd: 1, prestatiesAfgewezen: 1, goedgekeurdCenten: 6000, afgewezenCenten: 2000, uitvalPromille: 500, bedragUitvalPromille: 250 },
    });
  });
});
