import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { InboundBericht, InboundBerichtRepository, type TeVerwerkenBericht, type VerwerkingUitkomst } from '../../../src/ingest';
import { identificeerBericht } from '../../../src/ingest/utils/identificeer-bericht.util';
import { validateBericht, type Domein } from '../../../src/istandaarden';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { createLogger } from '../../../src/platform/logging';
import { OutboundBericht, OutboundBerichtRepository, TypeOrmOutboxWriter, UitgaandEvents } from '../../../src/uitgaand';
import { InboundWorker, pijplijnStappen, REGISTER_ENTITIES, ValidatieVerwerker, type BerichtVerwerker } from '../../../src/verwerking';
import { InMemoryRegister, mutatiesVoor, type LeveringScope, type RegisterLezer, type RegisterMutatie } from '../../../src/verwerking/regels';
import { pasMutatiesToe, PostgresRegister } from '../../../src/verwerking/register';
import { testEnv } from '../../support/app';
import { AANBIEDER, BSN, di01Envelop, GEMEENTE, wmo301, wmo305 } from '../../support/berichten';
import { sql } from '../../support/database';
import { testSchemas, vervang, voorbeeld } from '../../support/istandaarden';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const logger = createLogger('silent');

describe('the pipeline on PostgreSQL: register, locks, exactly one answer', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let dsB: DataSource;

  beforeAll(async () => {
    db = await testDatabase();
    const entities = [InboundBericht, OutboundBericht, ...REGISTER_ENTITIES];
    ds = await createDataSource(db.url, entities).initialize();
    dsB = await createDataSource(db.url, entities).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await dsB?.destroy();
    await db?.drop();
  });

  async function mutaties(xml: string): Promise<RegisterMutatie[]> {
    const v = validateBericht(Buffer.from(xml), await testSchemas());
    if (!v.root || !v.definitie) throw new Error('fixture not schema-valid');
    return mutatiesVoor({ root: v.root, def: v.definitie });
  }

  /** Every answer the rules can ask for, sorted where the interface promises no order. */
  async function lees(r: RegisterLezer, domein: Domein) {
    const scope = (toewijzingNummer: string | null, gemeente = GEMEENTE, aanbieder = AANBIEDER): LeveringScope => ({ gemeente, aanbieder, bsn: BSN, toewijzingNummer });
    const sorteer = <T extends { toewijzingNummer: string }>(l: T[]) => [...l].sort((a, b) => a.toewijzingNummer.localeCompare(b.toewijzingNummer));
    return {
      t300201: await r.toewijzing(domein, GEMEENTE, '000300201'),
      t101: await r.toewijzing(domein, '0384', '101'),
      onbekend: await r.toewijzing(domein, GEMEENTE, '1'),
      vanClient: sorteer(await r.toewijzingenVanClient(domein, { gemeente: GEMEENTE, aanbieder: AANBIEDER, bsn: BSN })),
      vanClient0384: sorteer(await r.toewijzingenVanClient(domein, { gemeente: '0384', aanbieder: '42420001', bsn: BSN })),
      leveringen: await r.leveringen(domein, scope('300201')),
      leveringen202: await r.leveringen(domein, scope('300202')),
      zonderToewijzing: await r.leveringen(domein, scope(null)),
      verzoek: await r.verzoek(domein, '42420001', '42420002'),
      verzoekOnbekend: await r.verzoek(domein, AANBIEDER, 'x'),
      open: await r.heeftOpenVerzoek(domein, { gemeente: '0384', aanbieder: '42420001', bsn: BSN }),
      bekend: await r.berichtBekend(domein, { berichtCode: '414', afzender: GEMEENTE, identificatie: 'REG1' }),
    };
  }

  it('PostgresRegister answers exactly as InMemoryRegister after the same mutations (both domains kept apart)', async () => {
    const lijst: RegisterMutatie[] = [
      ...(await mutaties(wmo301('REG1'))),
      ...(await mutaties(wmo305('REG2'))),
      ...(await mutaties(voorbeeld('WMO305'))),
      ...(await mutaties(voorbeeld('WMO315'))),
      ...(await mutaties(voorbeeld('WMO301'))),
      // A later version of 300201 (IV013), a resend of the first version (replaces it), a start deleted (status 3).
      ...(await mutaties(vervang(vervang(wmo301('REG3'), '<wmo301:Toewijzingsdatum>2025-03-20</wmo301:Toewijzingsdatum>', '<wmo301:Toewijzingsdatum>2025-05-01</wmo301:Toewijzingsdatum>'), '<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>', '<wmo301:Einddatum>2025-10-31</wmo301:Einddatum>'))),
      ...(await mutaties(wmo301('REG4'))),
      ...(await mutaties(vervang(wmo305('REG5'), '<wmo305:StatusAanlevering>1</wmo305:StatusAanlevering>', '<wmo305:StatusAanlevering>3</wmo305:StatusAanlevering>'))),
      { soort: 'verzoek-beantwoord', domein: 'wmo', aanbieder: '42420001', referentieAanbieder: '42420002', antwoord: 'in-onderzoek' },
      { soort: 'levering-aangeleverd', domein: 'wmo', levering: { gemeente: GEMEENTE, aanbieder: AANBIEDER, bsn: BSN, toewijzingNummer: null, soort: 'start', sleutel: '["","07","",""]', startSleutel: '["","07","",""]', product: { categorie: '07', code: null }, toewijzingIngangsdatum: null, begindatum: '2025-04-01', redenBeeindiging: null, einddatum: null, status: 'actueel' } },
    ];
    const geheugen = new InMemoryRegister();
    geheugen.pasToe(lijst);
    await ds.transaction((tx) => pasMutatiesToe(tx, lijst, null));
    const pg = new PostgresRegister(ds.manager);
    const verwacht = await lees(geheugen, 'wmo');
    expect(await lees(pg, 'wmo')).toEqual(verwacht);
    expect(verwacht.t300201).toMatchObject({ toewijzingsdatum: '2025-05-01', einddatum: '2025-10-31', omvang: { volume: 10, eenheid: '01', frequentie: '1' } });
    // REG2 and the example start the same key; the deletion (REG5) takes the first actual one.
    expect(verwacht.leveringen.map((l) => l.status)).toEqual(['verwijderd', 'actueel']);
    expect(verwacht.verzoek).toMatchObject({ status: 'toegewezen', inOnderzoek: true });
    expect(await lees(pg, 'jeugd')).toEqual(await lees(geheugen, 'jeugd'));
    expect((await lees(pg, 'jeugd')).t300201).toBeNull();

    // Read ahead (one statement for TR056 and the toewijzingen): the same answers, also for
    // numbers written differently (000300201 / 300201), unknown numbers and another gemeente.
    for (const [domein, bekend] of [['wmo', true], ['jeugd', false]] as const) {
      const vooraf = new PostgresRegister(ds.manager);
      await vooraf.voorlaad(domein, { bericht: { berichtCode: '414', afzender: GEMEENTE, identificatie: bekend ? 'REG1' : 'REG9' }, toewijzingen: { gemeente: GEMEENTE, nummers: ['300201', '1', '000300202'] } });
      expect(await lees(vooraf, domein)).toEqual(await lees(geheugen, domein));
    }
  });

  async function bewaarGgk(xml: string): Promise<string> {
    const raw = Buffer.from(xml);
    const envelop = di01Envelop(identificeerBericht(raw, raw.length).bericht);
    const r = await new InboundBerichtRepository(ds).bewaarGgk({
      raw,
      contentSha256: createHash('sha256').update(raw).digest('hex'),
      envelope: JSON.stringify(envelop),
      identiteit: identificeerBericht(raw, raw.length),
      correlationId: `pijplijn-${randomUUID().slice(0, 8)}`,
      ggkZender: envelop.stuurgegevens.zender.organisatie,
      ggkReferentienummer: envelop.stuurgegevens.referentienummer,
      bericht: 'WMO305',
    });
    if (r.soort !== 'opgeslagen') throw new Error(r.soort);
    return r.id;
  }

  async function pijplijn(d: DataSource): Promise<ValidatieVerwerker> {
    const schemas = await testSchemas();
    const outbox = new TypeOrmOutboxWriter(new OutboundBerichtRepository(d), new UitgaandEvents(d));
    const config = loadConfig(testEnv(db.url));
    return new ValidatieVerwerker(schemas, config, pijplijnStappen({ schemas, outbox, config }));
  }

  function worker(d: DataSource, verwerker: BerichtVerwerker): InboundWorker {
    return new InboundWorker({ dataSource: d, repository: new InboundBerichtRepository(d), verwerker, options: { batchSize: 1, parallel: 1, pollIntervalMs: 20, leaseSeconds: 300, maxAttempts: 5 }, logger });
  }

  const outboxVan = (id: string) => sql<{ soort: string; functie: string }>(db.url, 'SELECT soort, functie FROM client_outbound_bericht WHERE inbound_id = $1', [id]);
  const rij = async (id: string) => (await sql<{ status: string; attempts: number; antwoord: { envelop: string } | null; verdict: { regels: Array<{ code: string }> } }>(db.url, 'SELECT status, attempts, antwoord, verdict FROM client_inbound_bericht WHERE id = $1', [id]))[0];

  it('IV028: a crash after the retour was written rolls it back with the status; the retry answers once', async () => {
    const id = await bewaarGgk(wmo305('CRASH1', '999999'));
    const echt = await pijplijn(ds);
    let pogingen = 0;
    const crasht: BerichtVerwerker = {
      async verwerk(b: TeVerwerkenBericht, tx: EntityManager, log: Logger): Promise<VerwerkingUitkomst> {
        const u = await echt.verwerk(b, tx, log);
        if (++pogingen === 1) throw new Error('crash after the outbox write, before the commit');
        return u;
      },
    };
    const w = worker(ds, crasht);
    await w.runOnce();
    expect(await rij(id)).toMatchObject({ status: 'in_verwerking', antwoord: null });
    expect(await outboxVan(id)).toEqual([]);
    await sql(db.url, `UPDATE client_inbound_bericht SET claimed_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    await w.runOnce();
    expect(await rij(id)).toMatchObject({ status: 'afgekeurd', attempts: 2, antwoord: { envelop: 'Du01' } });
    expect(await outboxVan(id)).toEqual([{ soort: 'Du01', functie: 'WMO306' }]);
    // Finished: never claimed or answered again.
    expect(await w.runOnce()).toBe(0);
    expect(await outboxVan(id)).toHaveLength(1);
  });

  it('two workers judging starts on the same toewijzing at once see each other (TR326): one approved, one rejected', async () => {
    await ds.transaction((tx) => pasMutatiesToe(tx, [{ soort: 'toewijzing-versie', domein: 'wmo', versie: { gemeente: GEMEENTE, toewijzingNummer: '400100', aanbieder: AANBIEDER, bsn: BSN, referentieAanbieder: null, product: { categorie: '01', code: '01A11' }, toewijzingsdatum: '2025-03-20', toewijzingstijd: '12:00:00', ingangsdatum: '2025-04-01', einddatum: '2025-12-31', redenWijziging: null, omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budgetCenten: null } }], null));
    const a = await bewaarGgk(wmo305('LOCK1', '400100'));
    const b = await bewaarGgk(vervang(wmo305('LOCK2', '400100'), '<wmo305:Begindatum>2025-04-03</wmo305:Begindatum>', '<wmo305:Begindatum>2025-04-04</wmo305:Begindatum>'));
    let loslaten!: () => void;
    const beideBegonnen = new Promise<void>((r) => (loslaten = r));
    let begonnen = 0;
    const samen = (echt: ValidatieVerwerker): BerichtVerwerker => ({
      async verwerk(bericht, tx, log) {
        if (++begonnen === 2) loslaten();
        await Promise.race([beideBegonnen, new Promise((_, rej) => setTimeout(() => rej(new Error('the other worker never started')), 5000))]);
        return echt.verwerk(bericht, tx, log);
      },
    });
    await Promise.all([worker(ds, samen(await pijplijn(ds))).drain(), worker(dsB, samen(await pijplijn(dsB))).drain()]);
    const uitkomsten = [await rij(a), await rij(b)].map((r) => [r.status, r.verdict.regels.map((x) => x.code)]);
    expect(uitkomsten).toEqual(expect.arrayContaining([['verwerkt', []], ['afgekeurd', ['TR326']]]));
    const leveringen = await new PostgresRegister(ds.manager).leveringen('wmo', { gemeente: GEMEENTE, aanbieder: AANBIEDER, bsn: BSN, toewijzingNummer: '400100' });
    expect(leveringen).toHaveLength(1);
  });
});
