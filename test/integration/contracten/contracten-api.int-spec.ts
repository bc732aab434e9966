import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { BESTEDINGSRUIMTE_BOEKER, type BestedingsruimteBoeker } from '../../../src/contracten';
import { loadConfig } from '../../../src/platform/config';
import { OutboxSignaalWriter, SignaalOutboxRepository } from '../../../src/signalen';
import { DetectorenRunner, standaardDetectoren } from '../../../src/signalen/detectoren';
import { startTestApp, testEnv, TOKENS, eventually, type TestApp } from '../../support/app';
import { testContract } from '../../support/contracten';
import { sql } from '../../support/database';
import { SignaalConsumer, uniekeNamen } from '../../support/signalen';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const BEHEER = 'test-beheer-token';
const GOEDE_CSV = [
  '# contract,kenmerk,domein,gemeente,gemeenten,agb,aanbiedernaam,uitvoeringsvariant,looptijdVan,looptijdTot,verlengopties,besluitdatum,artikelen',
  'contract,IMP-1,wmo,0363,,11111111,"Hulp aan Huis, BV",inspanningsgericht,2026-01-01,2027-12-31,12,2025-11-01,1.5',
  'product,IMP-1,02A01,14,5000,2026-01-01,2026-06-30',
  'product,IMP-1,02A01,14,5150,2026-07-01,',
  'bestedingsruimte,IMP-1,2026-01-01,2026-12-31,5000000,1,realisatie,gemeente',
  'contract,IMP-2,jeugd,R01,0363|0384,22222222,,outputgericht,2026-01-01,,,,',
  'product,IMP-2,45A01,01,12000,2026-01-01,',
].join('\r\n');

describe('/api/contracten and the signal consumer of docs/signalen.md', () => {
  let db: TestDatabase;
  let t: TestApp;
  let consumer: SignaalConsumer;
  const namen = uniekeNamen();

  beforeAll(async () => {
    db = await testDatabase();
    consumer = await SignaalConsumer.start(namen.exchange, namen.queue);
    const tokens = [...Object.entries(TOKENS).map(([role, token]) => `${token}:${role}`), `${BEHEER}:beheer`].join(',');
    t = await startTestApp(db.url, { API_TOKENS: tokens, SIGNALEN_EXCHANGE: namen.exchange, SIGNALEN_RELAY_ENABLED: 'true', SIGNALEN_RELAY_POLL_MS: '50', VERWERKING_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
    await consumer?.close();
    await db?.drop();
  });

  const aantal = async (tabel: string): Promise<number> => Number((await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM ${tabel}`))[0].n);

  it('POST /api/contracten: 201 for beheer and contractmanager, 403 for backoffice, 409 for a repeat, 400 with {code, message}', async () => {
    const ok = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-1'));
    expect(ok.status).toBe(201);
    expect(ok.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const cm = await t.http().post('/api/contracten').set('Authorization', `Bearer ${TOKENS.contractmanager}`).send(testContract('API-2'));
    expect(cm.status).toBe(201);
    const bo = await t.http().post('/api/contracten').set('Authorization', `Bearer ${TOKENS.backoffice}`).send(testContract('API-3'));
    expect(bo.status).toBe(403);
    const dubbel = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-1'));
    expect(dubbel.status).toBe(409);
    expect(dubbel.body.code).toBe('CONTRACT.DUPLICATE');
    const fout = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-4', { domein: 'zvw', uitvoeringsvariant: 'taakgericht' }));
    expect(fout.status).toBe(400);
    expect(fout.body).toEqual({ code: 'CONTRACT.INVALID', message: expect.stringContaining('domein must be wmo or jeugd') });
  });

  it('POST /api/contracten/:id/bestedingsruimtes: 201 with the new version for beheer, 403 for backoffice, 409 for a version that is not the next, 400 with the reason', async () => {
    const { body: c } = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-BR', { aanbieder: { agb: '33333333' } }));
    const pad = `/api/contracten/${c.id as string}/bestedingsruimtes`;
    const addendum = { van: '2026-01-01', tot: '2026-12-31', budgetCenten: 12_000_000, versie: 2 };
    const bo = await t.http().post(pad).set('Authorization', `Bearer ${TOKENS.backoffice}`).send(addendum);
    expect(bo.status).toBe(403);
    const ok = await t.http().post(pad).set('Authorization', `Bearer ${TOKENS.contractmanager}`).send(addendum);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ id: expect.any(String), periode: { van: '2026-01-01', tot: '2026-12-31' }, versie: 2, budgetCenten: 12_000_000, besteedCenten: 0 });
    const herhaald = await t.http().post(pad).set('Authorization', `Bearer ${BEHEER}`).send(addendum);
    expect(herhaald.status).toBe(409);
    expect(herhaald.body.code).toBe('CONTRACT.BESTEDINGSRUIMTE_CONFLICT');
    const fout = await t.http().post(pad).set('Authorization', `Bearer ${BEHEER}`).send({ van: '2026-06-01', tot: '2026-05-01', budgetCenten: 1 });
    expect(fout.status).toBe(400);
    expect(fout.body).toEqual({ code: 'CONTRACT.BESTEDINGSRUIMTE_INVALID', message: 'tot must not be before van' });
    const overzicht = await t.http().get(`/api/contracten/${c.id as string}/bestedingsruimte`).set('Authorization', `Bearer ${TOKENS.backoffice}`);
    expect(overzicht.body.bestedingsruimtes).toMatchObject([{ versie: 2, budgetCenten: 12_000_000 }]);
  });

  it('PUT /api/contracten/:id/normen: replaces the norms given, keeps the others, clears with null; art. 1.6 still required', async () => {
    const { body: c } = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-NORM', { aanbieder: { agb: '44444444' }, artikelen: ['1.5', '1.6'] }));
    const pad = `/api/contracten/${c.id as string}/normen`;
    const norm = { soort: 'omzet', waarde: 5_000_000, gepubliceerdOp: '2025-12-01', vrijstelling: { schaars: true }, ktoScore: 7.9 };
    expect((await t.http().put(pad).set('Authorization', `Bearer ${TOKENS.backoffice}`).send({ inzetNorm: norm })).status).toBe(403);
    const eerst = await t.http().put(pad).set('Authorization', `Bearer ${TOKENS.contractmanager}`).send({ inzetNorm: norm });
    expect(eerst.status).toBe(200);
    expect(eerst.body).toEqual({ contractId: c.id, wachttijdNormen: null, inzetNorm: { ...norm, vrijstelling: { schaars: true, uniek: false } } });
    const dan = await t.http().put(pad).set('Authorization', `Bearer ${BEHEER}`).send({ wachttijdNormen: { dagbesteding: 3 } });
    expect(dan.body).toMatchObject({ wachttijdNormen: { dagbesteding: 3 }, inzetNorm: { ktoScore: 7.9 } });
    const leeg = await t.http().put(pad).set('Authorization', `Bearer ${BEHEER}`).send({ inzetNorm: null });
    expect(leeg.body).toEqual({ contractId: c.id, wachttijdNormen: { dagbesteding: 3 }, inzetNorm: null });
    expect(await sql(db.url, 'SELECT wachttijd_normen, inzet_norm FROM contract WHERE id = $1', [c.id])).toEqual([{ wachttijd_normen: { dagbesteding: 3 }, inzet_norm: null }]);

    const { body: zonder } = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-NORM-2', { aanbieder: { agb: '44444445' } }));
    const fout = await t.http().put(`/api/contracten/${zonder.id as string}/normen`).set('Authorization', `Bearer ${BEHEER}`).send({ inzetNorm: norm });
    expect(fout.status).toBe(400);
    expect(fout.body).toEqual({ code: 'CONTRACT.INVALID', message: 'an inzetNorm needs optional article 1.6 in the artikelen of the contract' });
    const onbekend = await t.http().put('/api/contracten/00000000-0000-4000-8000-000000000000/normen').set('Authorization', `Bearer ${BEHEER}`).send({ inzetNorm: null });
    expect(onbekend.status).toBe(404);
  });

  it('POST /api/contracten/:id/toestemmingen-voor-18: 201 for contractmanager, 403 for backoffice, 409 for a repeat', async () => {
    const { body: c } = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-18', { aanbieder: { agb: '55555555' }, artikelen: ['1.5', '1.7'] }));
    const pad = `/api/contracten/${c.id as string}/toestemmingen-voor-18`;
    const body = { toewijzingNummer: '123', datum: '2026-03-01' };
    expect((await t.http().post(pad).set('Authorization', `Bearer ${TOKENS.backoffice}`).send(body)).status).toBe(403);
    const ok = await t.http().post(pad).set('Authorization', `Bearer ${TOKENS.contractmanager}`).send(body);
    expect(ok.status).toBe(201);
    expect(ok.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const dubbel = await t.http().post(pad).set('Authorization', `Bearer ${BEHEER}`).send(body);
    expect(dubbel.status).toBe(409);
    expect(dubbel.body.code).toBe('CONTRACT.TOESTEMMING_DUPLICATE');
    expect(await sql(db.url, 'SELECT gemeente, toewijzing_nummer, datum::text FROM contract_toestemming_voor_18 WHERE contract_id = $1', [c.id])).toEqual([
      { gemeente: '0363', toewijzing_nummer: '123', datum: '2026-03-01' },
    ]);
  });

  it('POST /api/contracten/import: a good CSV is imported in one go', async () => {
    const voor = await aantal('contract');
    const r = await t.http().post('/api/contracten/import').set('Authorization', `Bearer ${TOKENS.contractmanager}`).set('Content-Type', 'text/csv').send(GOEDE_CSV);
    expect(r.status).toBe(201);
    expect(r.body.contracten.map((c: { kenmerk: string }) => c.kenmerk)).toEqual(['IMP-1', 'IMP-2']);
    expect(await aantal('contract')).toBe(voor + 2);
    const [regio] = await sql<{ gemeenten: string[] }>(db.url, `SELECT gemeenten FROM contract WHERE kenmerk = 'IMP-2'`);
    expect(regio.gemeenten).toEqual(['0363', '0384']);
  });

  it('POST /api/contracten/import: a bad CSV gets a report per line and nothing is imported', async () => {
    const tellingen = async () => [await aantal('contract'), await aantal('contract_product'), await aantal('bestedingsruimte'), await aantal('contract_aanbieder')];
    const voor = await tellingen();
    const slecht = [
      'contract,IMP-10,wmo,0363,,33333333,,inspanningsgericht,2026-01-01,,,,1.5',
      'product,IMP-10,02A01,14,5000,2026-01-01,',
      'product,IMP-10,02A01,14,abc,2026-13-01,',
      'bestedingsruimte,IMP-11,2026-01-01,2026-12-31,1000,1,,',
    ].join('\n');
    const r = await t.http().post('/api/contracten/import').set('Authorization', `Bearer ${BEHEER}`).set('Content-Type', 'text/csv').send(slecht);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CONTRACT.IMPORT_INVALID');
    expect(r.body.fouten).toEqual([
      { regel: 3, melding: 'tariefCenten must be a whole number of at least 0' },
      { regel: 3, melding: 'geldigVan must be a date YYYY-MM-DD' },
      { regel: 4, melding: 'no contract line with kenmerk IMP-11 in this file' },
    ]);
    // A kenmerk that is stored already fails the whole file too.
    const herhaald = await t.http().post('/api/contracten/import').set('Authorization', `Bearer ${BEHEER}`).set('Content-Type', 'text/csv').send(`${slecht.split('\n').slice(0, 2).join('\n')}\n${GOEDE_CSV}`);
    expect(herhaald.status).toBe(422);
    expect(herhaald.body.fouten.map((f: { regel: number }) => f.regel)).toEqual([4, 8]);
    expect(await tellingen()).toEqual(voor);
  });

  it('booking through BESTEDINGSRUIMTE_BOEKER reaches the consumer as signaal.bestedingsruimte.70; GET shows the percentage', async () => {
    const { id } = (await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-70', { aanbieder: { agb: '44444444' } }))).body as { id: string };
    const boeker = t.app.get<BestedingsruimteBoeker>(BESTEDINGSRUIMTE_BOEKER);
    const ds = t.app.get(DataSource);
    const boek = (centen: number) => ds.transaction((m) => boeker.boek(m, { domein: 'wmo', gemeente: '0363', aanbieder: '44444444', contractId: id, datum: '2026-02-01', centen, correlationId: 'api-test' }));
    await boek(7_500_000);
    await boek(100_000);
    const ontvangen = await eventually(async () => consumer.verwerkt.find((v) => (v.body as { contractId?: string }).contractId === id), 'the 70 % signal at the consumer');
    expect(ontvangen.routingKey).toBe('signaal.bestedingsruimte.70');
    expect(ontvangen.messageId).toBe(`bestedingsruimte:${id}:2026-01-01/2026-12-31:v1:70:1`);
    expect(ontvangen.body).toMatchObject({ type: 'bestedingsruimte.70', aanbieder: '44444444', cijfers: { besteedCenten: 7_500_000, percentage: 75 } });

    const r = await t.http().get(`/api/contracten/${id}/bestedingsruimte`).set('Authorization', `Bearer ${TOKENS.backoffice}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      contractId: id,
      bestedingsruimtes: [{ periode: { van: '2026-01-01', tot: '2026-12-31' }, versie: 1, budgetCenten: 10_000_000, besteedCenten: 7_600_000, percentage: 76, meetgrondslag: 'realisatie' }],
    });
    expect((await t.http().get(`/api/contracten/${id}/bestedingsruimte`).set('Authorization', `Bearer ${TOKENS.koppeling}`)).status).toBe(403);
    const nf = await t.http().get(`/api/contracten/00000000-0000-4000-8000-000000000000/bestedingsruimte`).set('Authorization', `Bearer ${TOKENS.contractmanager}`);
    expect(nf.status).toBe(404);
    expect(nf.body.code).toBe('CONTRACT.NOT_FOUND');
    expect(consumer.verwerkt.filter((v) => (v.body as { contractId?: string }).contractId === id)).toHaveLength(1);
  });

  it('wachttijdNormen: stored with the contract; a start within the default but past the contract norm fires with normBron contract', async () => {
    const EIGEN = '55555555'; // contract norm dagbesteding 3 weeks
    const STANDAARD = '66666666'; // no own norm: the default 6 weeks
    const fout = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-WT-0', { wachttijdNormen: { dagbesteding: 0 } }));
    expect(fout.status).toBe(400);
    expect(fout.body).toEqual({ code: 'CONTRACT.INVALID', message: expect.stringContaining('wachttijdNormen.dagbesteding must be a whole number of weeks from 1 to 104') });
    const ok = await t.http().post('/api/contracten').set('Authorization', `Bearer ${TOKENS.contractmanager}`)
      .send(testContract('API-WT-1', { aanbieder: { agb: EIGEN }, wachttijdNormen: { dagbesteding: 3 } }));
    expect(ok.status).toBe(201);
    expect(await sql(db.url, `SELECT wachttijd_normen FROM contract WHERE id = $1`, [ok.body.id])).toEqual([{ wachttijd_normen: { dagbesteding: 3 } }]);
    expect((await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-WT-2', { aanbieder: { agb: STANDAARD } }))).status).toBe(201);
    expect(await sql(db.url, `SELECT wachttijd_normen FROM contract WHERE kenmerk = 'API-WT-2'`)).toEqual([{ wachttijd_normen: null }]);

    // Both: dagbesteding (categorie 07) from 1 February, first start 1 March = 28 days (within 6 weeks, past 3).
    for (const [agb, nr] of [[EIGEN, 'T-WT-1'], [STANDAARD, 'T-WT-2']]) {
      await sql(
        db.url,
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum)
         VALUES ('wmo', '0363', $2, $1, '111222333', '{"categorie": "07", "code": "07A01"}', '2026-01-20', '10:00:00', '2026-02-01')`,
        [agb, nr],
      );
      await sql(
        db.url,
        `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, product, begindatum, status)
         VALUES ('wmo', '0363', $2::text, $1, '111222333', 'start', $2::text, $2::text, '{"categorie": "07", "code": "07A01"}', '2026-03-01', 'actueel')`,
        [agb, nr],
      );
    }
    const ds = t.app.get(DataSource);
    const wachttijd = standaardDetectoren(loadConfig(testEnv(db.url)).detectoren).filter((d) => d.naam === 'wachttijd.overschreden');
    await new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), wachttijd).runAll('2026-04-10');

    const rijen = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'wachttijd.overschreden' ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`wachttijd-overschreden:wmo:0363:${EIGEN}:dagbesteding:2026-03`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({
      aanbieder: EIGEN, periode: { van: '2026-03-01', tot: '2026-03-31' },
      cijfers: { productgroep: 'dagbesteding', normDagen: 21, normBron: 'contract', gestart: 1, laatGestart: 1, wachtendBovenNorm: 0, maxWachtdagen: 28 },
    });
  });
  it('inzetNorm (ONVOLDOENDE-INZET): refused without article 1.6, stored as jsonb with it, and read by the detector as stored', async () => {
    const NORM = { soort: 'omzet', waarde: 5_000_000, gepubliceerdOp: '2023-12-01', vrijstelling: { schaars: false }, ktoScore: 7.5 };
    const zonder = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(testContract('API-IN-0', { inzetNorm: NORM }));
    expect(zonder.status).toBe(400);
    expect(zonder.body).toEqual({ code: 'CONTRACT.INVALID', message: expect.stringContaining('an inzetNorm needs optional article 1.6 in artikelen') });
    const fout = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`)
      .send(testContract('API-IN-1', { artikelen: ['1.5', '1.6'], inzetNorm: { soort: 'uren', waarde: 0, gepubliceerdOp: '2023-12-01', ktoScore: 11 } }));
    expect(fout.status).toBe(400);
    for (const m of ['inzetNorm.soort must be one of omzet, clienten, trajecten', 'inzetNorm.waarde must be a whole number of at least 1', 'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal']) {
      expect(fout.body.message).toContain(m);
    }
    expect(await sql(db.url, `SELECT count(*)::int AS n FROM contract WHERE kenmerk LIKE 'API-IN-%'`)).toEqual([{ n: 0 }]);

    // Running since 2024 without any inzet by aanbieder 77777777: the window before April 2026 holds nothing.
    const ok = await t.http().post('/api/contracten').set('Authorization', `Bearer ${TOKENS.contractmanager}`).send(testContract('API-IN-2', {
      aanbieder: { agb: '77777777' }, artikelen: ['1.6'], bestedingsruimtes: [], looptijd: { van: '2024-01-01', tot: '2027-12-31' }, inzetNorm: NORM,
    }));
    expect(ok.status).toBe(201);
    const opgeslagen = { ...NORM, vrijstelling: { schaars: false, uniek: false } };
    expect(await sql(db.url, `SELECT inzet_norm FROM contract WHERE id = $1`, [ok.body.id])).toEqual([{ inzet_norm: opgeslagen }]);
    expect(await sql(db.url, `SELECT inzet_norm FROM contract WHERE kenmerk = 'API-WT-1'`)).toEqual([{ inzet_norm: null }]);

    const ds = t.app.get(DataSource);
    const inzet = standaardDetectoren(loadConfig(testEnv(db.url)).detectoren).filter((d) => d.naam === 'contract.onvoldoende-inzet');
    expect(inzet).toHaveLength(1);
    await new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), inzet).runAll('2026-04-10');
    const rijen = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type LIKE 'contract.onvoldoende-inzet%'`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`onvoldoende-inzet:${ok.body.id}:2023-12-01:2024-01-01`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({
      type: 'contract.onvoldoende-inzet', aanbieder: '77777777', contractId: ok.body.id, ernst: 'waarschuwing', periode: { van: '2025-04-01', tot: '2026-03-31' },
      cijfers: { soort: 'omzet', normCenten: 5_000_000, waardeCenten: 0, onderNormSinds: '2024-01-01', schaars: 'nee', uniek: 'nee', ktoScore: 7.5, opzegtermijnMaanden: 6 },
    });
  });
});
