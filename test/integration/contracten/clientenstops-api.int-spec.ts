import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ClientenstopService, ContractRepository } from '../../../src/contracten';
import type { Signaal } from '../../../src/signalen';
import { startTestApp, TOKENS, type TestApp } from '../../support/app';
import { testContract } from '../../support/contracten';
import { sql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const BEHEER = 'test-beheer-token';

/** A stop of the aanbieder that follows art. 3.6: melding 14 days ahead, reasons, proposals, consent. */
const GOEDE_STOP = {
  soort: 'aanbieder', meldingDatum: '2026-03-01', begindatum: '2026-03-15', einddatum: '2026-06-30',
  scope: { productCodes: ['02A01'] }, toestemmingDatum: '2026-03-10', redenenGegeven: true, voorstellenGegeven: true,
};

describe('POST and GET /api/contracten/:id/clientenstops (CS-MELDING, CS-CRISIS)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let wmo: string;
  let jeugd: string;

  beforeAll(async () => {
    db = await testDatabase();
    const tokens = [...Object.entries(TOKENS).map(([role, token]) => `${token}:${role}`), `${BEHEER}:beheer`].join(',');
    t = await startTestApp(db.url, { API_TOKENS: tokens, VERWERKING_ENABLED: 'false' });
    const maak = async (c: Record<string, unknown>): Promise<string> => {
      const r = await t.http().post('/api/contracten').set('Authorization', `Bearer ${BEHEER}`).send(c);
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    wmo = await maak(testContract('STOP-WMO', { aanbieder: { agb: '55555551' } }));
    jeugd = await maak(
      testContract('STOP-JW', {
        domein: 'jeugd', aanbieder: { agb: '55555552' }, artikelen: [], bestedingsruimtes: [],
        producten: [
          { productCode: '45A01', eenheid: '01', tariefCenten: 12000, geldigVan: '2026-01-01' },
          { productCode: '46A01', eenheid: '01', tariefCenten: 30000, geldigVan: '2026-01-01' },
        ],
      }),
    );
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const post = (id: string, body: unknown, token: string = TOKENS.contractmanager) => t.http().post(`/api/contracten/${id}/clientenstops`).set('Authorization', `Bearer ${token}`).send(body as object);
  const outbox = async (stopId: string): Promise<Signaal[]> =>
    (await sql<{ body: string }>(db.url, `SELECT body FROM signaal_outbox WHERE dedup_key LIKE $1 ORDER BY dedup_key`, [`%:${stopId}`])).map((r) => JSON.parse(r.body) as Signaal);
  const tellingen = async () =>
    (await sql<{ stops: string; signalen: string }>(db.url, `SELECT (SELECT count(*) FROM contract_clientenstop) AS stops, (SELECT count(*) FROM signaal_outbox) AS signalen`))[0];

  it('a stop that follows the rules is stored without signals and listed by GET', async () => {
    const r = await post(wmo, GOEDE_STOP, BEHEER);
    expect(r.status).toBe(201);
    expect(await outbox(r.body.id)).toEqual([]);
    const lijst = await t.http().get(`/api/contracten/${wmo}/clientenstops`).set('Authorization', `Bearer ${TOKENS.backoffice}`);
    expect(lijst.status).toBe(200);
    expect(lijst.body).toEqual({
      contractId: wmo,
      clientenstops: [
        {
          id: r.body.id, soort: 'aanbieder', meldingDatum: '2026-03-01', begindatum: '2026-03-15', einddatum: '2026-06-30',
          scope: { categorieen: [], productCodes: ['02A01'] }, toestemmingDatum: '2026-03-10', redenenGegeven: true, voorstellenGegeven: true,
          geregistreerdOp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      ],
    });
  });

  it('a late melding without consent writes clientenstop.melding in the outbox, once per stop', async () => {
    const r = await post(wmo, { ...GOEDE_STOP, meldingDatum: '2026-03-05', toestemmingDatum: null, voorstellenGegeven: false });
    expect(r.status).toBe(201);
    const [melding, ...meer] = await outbox(r.body.id);
    expect(meer).toEqual([]);
    expect(melding).toMatchObject({
      type: 'clientenstop.melding', domein: 'wmo', gemeente: '0363', aanbieder: '55555551', contractId: wmo, regel: 'CS Wmo art. 3.6', ernst: 'waarschuwing',
      dedupKey: `clientenstop-melding:${r.body.id}`, periode: { van: '2026-03-15', tot: '2026-06-30' },
      cijfers: { dagenVooraf: 10, teLaat: 'ja', redenenOntbreken: 'nee', voorstellenOntbreken: 'ja', toestemmingOntbreekt: 'ja' },
    });
  });

  it('a whole-contract stop on a contract with crisis products writes clientenstop.crisis (kritiek) beside the melding', async () => {
    const r = await post(jeugd, { ...GOEDE_STOP, soort: 'aanbieder', scope: undefined, redenenGegeven: false });
    expect(r.status).toBe(201);
    const signalen = await outbox(r.body.id);
    expect(signalen.map((s) => [s.type, s.ernst, s.dedupKey])).toEqual([
      ['clientenstop.crisis', 'kritiek', `clientenstop-crisis:${r.body.id}`],
      ['clientenstop.melding', 'waarschuwing', `clientenstop-melding:${r.body.id}`],
    ]);
    expect(signalen[0]).toMatchObject({ domein: 'jeugd', aanbieder: '55555552', cijfers: { heelContract: 'ja', crisisProductCodes: '46A01', crisisCategorieenMapping: '46' } });
    // Scoped to ambulant care only: no crisis signal.
    const ambulant = await post(jeugd, { ...GOEDE_STOP, scope: { categorieen: ['45'] } });
    expect(await outbox(ambulant.body.id)).toEqual([]);
  });

  it('400 with one reason per problem, and nothing stored; 404, 403 and 415 as the other contract routes', async () => {
    const voor = await tellingen();
    const fout = await post(wmo, { ...GOEDE_STOP, soort: 'iemand', begindatum: '2026-15-01', redenenGegeven: 'ja' });
    expect(fout.status).toBe(400);
    expect(fout.body).toEqual({
      code: 'CLIENTENSTOP.INVALID',
      message: 'soort must be one of aanbieder, bestedingsruimte, opdrachtgever; begindatum must be a date YYYY-MM-DD; redenenGegeven must be true or false',
    });
    const product = await post(wmo, { ...GOEDE_STOP, meldingDatum: '2026-03-14', scope: { productCodes: ['02A01', '17A01'] } });
    expect(product.status).toBe(400);
    expect(product.body).toEqual({ code: 'CLIENTENSTOP.INVALID', message: 'scope.productCodes: 17A01 is not a product of this contract' });
    expect(await tellingen()).toEqual(voor);

    const onbekend = await post('00000000-0000-4000-8000-000000000000', GOEDE_STOP);
    expect([onbekend.status, onbekend.body.code]).toEqual([404, 'CONTRACT.NOT_FOUND']);
    expect((await post('geen-uuid', GOEDE_STOP)).body.code).toBe('CONTRACT.INVALID_ID');
    expect((await post(wmo, GOEDE_STOP, TOKENS.backoffice)).status).toBe(403);
    expect((await t.http().get(`/api/contracten/${wmo}/clientenstops`).set('Authorization', `Bearer ${TOKENS.koppeling}`)).status).toBe(403);
    const csv = await t.http().post(`/api/contracten/${wmo}/clientenstops`).set('Authorization', `Bearer ${BEHEER}`).set('Content-Type', 'text/csv').send('soort');
    expect(csv.status).toBe(415);
    expect(await tellingen()).toEqual(voor);
  });

  it('the stop and its signals share one transaction: a failing signal write stores no stop', async () => {
    const voor = await tellingen();
    const ds = t.app.get(DataSource);
    const kapot = new ClientenstopService(ds, new ContractRepository(ds), {
      schrijf: async () => {
        throw new Error('outbox unavailable');
      },
    });
    await expect(kapot.registreer(wmo, { ...GOEDE_STOP, redenenGegeven: false })).rejects.toThrow('outbox unavailable');
    expect(await tellingen()).toEqual(voor);
  });
});
