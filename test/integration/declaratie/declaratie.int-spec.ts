import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { parseGgkRequest } from '../../../src/ggk/envelop';
import { InboundBericht, InboundBerichtRepository, type TeVerwerkenBericht, type VerwerkingUitkomst } from '../../../src/ingest';
import { identificeerBericht } from '../../../src/ingest/utils/identificeer-bericht.util';
import { scanXml } from '../../../src/istandaarden';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { createLogger } from '../../../src/platform/logging';
import { OutboundBericht, OutboundBerichtRepository, TypeOrmOutboxWriter, UitgaandEvents } from '../../../src/uitgaand';
import { DECLARATIE_UITVAL, pijplijnStappen, PostgresRegister, REGISTER_ENTITIES, ValidatieVerwerker } from '../../../src/verwerking';
import { testEnv } from '../../support/app';
import { BSN, di01Envelop, GEMEENTE } from '../../support/berichten';
import { sql } from '../../support/database';
import { RecordingBoeker, RecordingSignalen, toewijzingInsert, VasteContracten, wmo323, type TestDeclaratie, type TestPrestatie, type TestToewijzing } from '../../support/declaratie';
import { testGgkSchemas } from '../../support/ggk';
import { testSchemas } from '../../support/istandaarden';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const logger = createLogger('silent');
const BSN2 = '999900018';
const april = ['2025-04-01', '2025-04-30'] as [string, string];

/**
 * The 323 → 325 scenarios of istandaarden-3.2.md §10 (5-10) on PostgreSQL, through the pipeline:
 * the 325 in the outbox (a Du01 answering the Di01) and the register afterwards. The tests run in
 * order on one database; declaratie periods only move forward (TR318).
 */
describe('declaratie: a 323 in, a correct 325 out, in one transaction', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let verwerker: ValidatieVerwerker;
  const contracten = new VasteContracten({
    '01A11': { eenheid: '04', tariefCenten: 1250 },
    '01A12': { eenheid: '04', tariefCenten: 1450 },
    '02A01': { eenheid: '04', tariefCenten: 1000 },
  });
  const boeker = new RecordingBoeker();
  const signalen = new RecordingSignalen();

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url, [InboundBericht, OutboundBericht, ...REGISTER_ENTITIES]).initialize();
    const schemas = await testSchemas();
    const outbox = new TypeOrmOutboxWriter(new OutboundBerichtRepository(ds), new UitgaandEvents(ds));
    const config = loadConfig(testEnv(db.url, { MAX_BERICHT_BYTES: String(25 * 1024 * 1024) }));
    verwerker = new ValidatieVerwerker(schemas, config, pijplijnStappen({ schemas, outbox, config, declaratie: { contracten, bestedingsruimte: boeker, signalen } }));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function toewijzingen(...lijst: TestToewijzing[]): Promise<void> {
    for (const t of lijst) {
      const { sql: q, params } = toewijzingInsert(t);
      await ds.query(q, params);
    }
  }

  /** Stores the 323 as the GGK endpoint would (a Di01) and processes it in its own transaction. */
  async function verwerk(xml: string, met = verwerker): Promise<{ id: string; referentienummer: string; u: VerwerkingUitkomst }> {
    const raw = Buffer.from(xml);
    const envelop = di01Envelop('WMO323');
    const r = await new InboundBerichtRepository(ds).bewaarGgk({
      raw, contentSha256: createHash('sha256').update(raw).digest('hex'), envelope: JSON.stringify(envelop), identiteit: identificeerBericht(raw, raw.length),
      correlationId: `declaratie-${randomUUID().slice(0, 8)}`, ggkZender: envelop.stuurgegevens.zender.organisatie, ggkReferentienummer: envelop.stuurgegevens.referentienummer, bericht: 'WMO323',
    });
    if (r.soort !== 'opgeslagen') throw new Error(r.soort);
    const u = await ds.transaction(async (tx) => {
      const b = await tx.getRepository(InboundBericht).createQueryBuilder('b').addSelect('b.raw').addSelect('b.envelope').where('b.id = :id', { id: r.id }).getOne();
      return met.verwerk(b as TeVerwerkenBericht, tx, logger);
    });
    return { id: r.id, referentienummer: envelop.stuurgegevens.referentienummer, u };
  }

  /** The 325 in the outbox for this inbound bericht, read back as the GGK would. */
  async function antwoord(inboundId: string): Promise<{ crossRefnummer: string; functie: string; xml: string; codes: Record<string, string[]>; toegekend: string; ingediend: string }> {
    const rows = await sql<{ envelop: string; soort: string }>(db.url, 'SELECT envelop, soort FROM client_outbound_bericht WHERE inbound_id = $1', [inboundId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].soort).toBe('Du01');
    const r = parseGgkRequest(new Uint8Array(Buffer.from(rows[0].envelop)), await testGgkSchemas());
    if (!r.ok || r.kind !== 'Du01') throw new Error('not a valid Du01');
    const xml = r.bericht.text;
    const codes: Record<string, string[]> = {};
    const bezoek = (el: ReturnType<typeof scanXml>['root']): void => {
      const rc = el.child('RetourCodes');
      if (rc) codes[el.locatie()] = rc.childrenNamed('RetourCode').map((c) => c.text);
      for (const k of el.children) bezoek(k);
    };
    const root = scanXml(xml).root;
    bezoek(root);
    const bedrag = (naam: string) => {
      const el = root.at('DeclaratieAntwoord', naam);
      return el ? `${el.textAt('TotaalBedrag') ?? ''} ${el.textAt('DebetCredit') ?? ''}` : '';
    };
    return { crossRefnummer: r.stuurgegevens.crossRefnummer, functie: r.stuurgegevens.functie, xml, codes, toegekend: bedrag('TotaalToegekendBedrag'), ingediend: bedrag('TotaalIngediendBedrag') };
  }

  const prestaties = (rns: string[]) =>
    sql<{ referentienummer: string; status: string; bedrag_centen: string }>(db.url, 'SELECT referentienummer, status, bedrag_centen FROM client_register_prestatie WHERE referentienummer = ANY($1) ORDER BY referentienummer', [rns]);
  const teller = async (nummer: string) =>
    (await sql<{ volume_basis: string; bedrag_centen: string }>(db.url, 'SELECT volume_basis, bedrag_centen FROM register_toewijzing_teller WHERE toewijzing_nummer = $1', [nummer]))[0];
  const p = (o: Partial<TestPrestatie> & Pick<TestPrestatie, 'rn' | 'toewijzing'>): TestPrestatie => ({ periode: april, volume: 4, tarief: 1250, bedrag: 5000, ...o });
  const decl = (d: Omit<TestDeclaratie, 'maand'> & { maand?: string }): string => wmo323({ maand: '2025-04-01', ...d });

  it('scenario 5: fully approved → Header 0200, DeclaratieAntwoord 8001, Toegekend = Ingediend, no Clienten; a second 325 is refused', async () => {
    await toewijzingen({ nummer: '300201', bsn: BSN, ingang: '2025-04-01', eind: '2025-12-31' });
    const xml = decl({ identificatie: 'D5', nummer: 'DN001', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN001', toewijzing: '300201', volume: 16, bedrag: 20000 })] }] });
    const { id, referentienummer, u } = await verwerk(xml);
    expect(u).toMatchObject({ status: 'verwerkt', antwoord: { envelop: 'Du01', functie: 'WMO325', crossRefnummer: referentienummer } });
    const a = await antwoord(id);
    expect(a.crossRefnummer).toBe(referentienummer);
    expect(a.codes).toEqual({ '/Bericht/Header': ['0200'], '/Bericht/DeclaratieAntwoord': ['8001'] });
    expect([a.ingediend, a.toegekend]).toEqual(['20000 D', '20000 D']);
    expect(a.xml).toContain('<iwmo:Identificatie>D5</iwmo:Identificatie>');
    expect(a.xml).not.toContain('Clienten');
    expect(await prestaties(['RN001'])).toEqual([{ referentienummer: 'RN001', status: 'goedgekeurd', bedrag_centen: '20000' }]);
    expect(await teller('300201')).toEqual({ volume_basis: String(16 * 60), bedrag_centen: '20000' });
    expect(await sql(db.url, `SELECT oordeel, beantwoord FROM register_declaratie WHERE declaratienummer = 'DN001'`)).toEqual([{ oordeel: 'prestaties', beantwoord: true }]);
    expect(boeker.boekingen).toEqual([expect.objectContaining({ contractId: 'C-wmo-65656055', datum: '2025-04-01', centen: 20000, gemeente: GEMEENTE })]);
    expect(signalen.signalen).toHaveLength(0);

    // The same 323 again (same BerichtIdentificatie): never a second 325.
    const nogmaals = await verwerk(xml);
    expect(nogmaals.u).toMatchObject({ status: 'uitval', antwoord: null, verdict: { fout: { code: DECLARATIE_UITVAL.AL_BEANTWOORD } } });
    expect(await sql(db.url, 'SELECT 1 FROM client_outbound_bericht WHERE inbound_id = $1', [nogmaals.id])).toHaveLength(0);
  });

  it('scenario 6: tarief differs from the contract → 0611 on the two 24000 prestaties, 58000 D ingediend, 10000 D toegekend; uitval signal without BSN', async () => {
    await toewijzingen(...[
      { nummer: '300601', bsn: BSN }, { nummer: '300602', bsn: BSN, code: '01A12' }, { nummer: '300603', bsn: BSN2 }, { nummer: '300604', bsn: BSN2, code: '01A12' },
    ].map((t) => ({ ...t, ingang: '2025-04-01', eind: '2025-12-31' })));
    const b = (rn: string, t: string) => p({ rn, toewijzing: t, code: '01A12', volume: 16, tarief: 1500, bedrag: 24000 });
    const { id, u } = await verwerk(decl({
      identificatie: 'D6', nummer: 'DN006', clienten: [
        { bsn: BSN, prestaties: [p({ rn: 'RN061', toewijzing: '300601' }), b('RN062', '300602')] },
        { bsn: BSN2, prestaties: [p({ rn: 'RN063', toewijzing: '300603' }), b('RN064', '300604')] },
      ],
    }));
    expect(u.status).toBe('afgekeurd');
    const a = await antwoord(id);
    expect([a.ingediend, a.toegekend]).toEqual(['58000 D', '10000 D']);
    expect(a.codes).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie': ['0611'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[1]': ['0200'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[2]/Prestaties/Prestatie': ['0611'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[2]': ['0200'],
      '/Bericht/DeclaratieAntwoord': ['0200'],
    });
    expect(a.xml).toContain('RN062');
    expect(a.xml).not.toContain('RN061');
    expect((await prestaties(['RN061', 'RN062', 'RN063', 'RN064'])).map((r) => r.status)).toEqual(['goedgekeurd', 'afgewezen', 'goedgekeurd', 'afgewezen']);
    const s = signalen.signalen.at(-1);
    expect(s).toMatchObject({ type: 'declaratie.uitval', cijfers: { 'aantal.0611': 2, 'centen.0611': 48000 }, aanbieder: '65656055', gemeente: GEMEENTE });
    expect(JSON.stringify(s)).not.toContain(BSN);
    expect(JSON.stringify(s)).not.toContain(BSN2);
  });

  it('scenario 7: 4 × 1250 declared as 5500 → 9346; minutes at 1250/uur: 1979 approved, 1995 (95 × 21) → 9346', async () => {
    await toewijzingen(...['300701', '300702', '300703'].map((nummer) => ({ nummer, bsn: BSN, ingang: '2025-04-01', eind: '2025-12-31' })));
    const minuten = (rn: string, t: string, bedrag: number) => p({ rn, toewijzing: t, eenheid: '01', volume: 95, tarief: 21, bedrag });
    const { id } = await verwerk(decl({
      identificatie: 'D7', nummer: 'DN007', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN071', toewijzing: '300701', bedrag: 5500 }), minuten('RN072', '300702', 1979), minuten('RN073', '300703', 1995)] }],
    }));
    const a = await antwoord(id);
    expect(a.codes['/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie[1]']).toEqual(['9346']);
    expect(a.codes['/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie[2]']).toEqual(['9346']);
    expect(a.xml).toContain('RN071');
    expect(a.xml).toContain('RN073');
    expect(a.xml).not.toContain('RN072');
    expect([a.ingediend, a.toegekend]).toEqual([`${5500 + 1979 + 1995} D`, '1979 D']);
    expect((await prestaties(['RN071', 'RN072', 'RN073'])).map((r) => r.status)).toEqual(['afgewezen', 'goedgekeurd', 'afgewezen']);
    expect(await teller('300702')).toEqual({ volume_basis: '95', bedrag_centen: '1979' });
  });

  it('scenario 9: a credit and a new debit (credits first) → 8001, 1250 C; then 9389, 9390, 8017 and 8021', async () => {
    await toewijzingen({ nummer: '300901', bsn: BSN, ingang: '2025-04-01', eind: '2025-12-31' });
    const eerste = await verwerk(decl({ identificatie: 'D9A', nummer: 'DN009A', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN010', toewijzing: '300901' })] }] }));
    expect((await antwoord(eerste.id)).codes['/Bericht/DeclaratieAntwoord']).toEqual(['8001']);

    const correctie = await verwerk(decl({
      identificatie: 'D9B', nummer: 'DN009B', clienten: [{ bsn: BSN, prestaties: [
        p({ rn: 'RN012', toewijzing: '300901', volume: 3, bedrag: 3750 }),
        p({ rn: 'RN011', vorig: 'RN010', toewijzing: '300901', dc: 'C' }),
      ] }],
    }));
    const a = await antwoord(correctie.id);
    expect(a.codes).toEqual({ '/Bericht/Header': ['0200'], '/Bericht/DeclaratieAntwoord': ['8001'] });
    expect([a.ingediend, a.toegekend]).toEqual(['1250 C', '1250 C']);
    expect((await prestaties(['RN010', 'RN011', 'RN012'])).map((r) => [r.referentienummer, r.status, r.bedrag_centen])).toEqual([
      ['RN010', 'gecrediteerd', '5000'], ['RN011', 'goedgekeurd', '-5000'], ['RN012', 'goedgekeurd', '3750'],
    ]);
    expect(await teller('300901')).toEqual({ volume_basis: String(3 * 60), bedrag_centen: '3750' });
    expect(boeker.boekingen.at(-1)).toMatchObject({ centen: -1250, datum: '2025-04-01' });
    // TR385 (our 301 deleting this toewijzing) now sees the approved, not credited RN012.
    expect(await new PostgresRegister(ds.manager).goedgekeurdeOngecrediteerdePrestaties('wmo', GEMEENTE, '300901')).toBe(1);

    const varianten = await verwerk(decl({
      identificatie: 'D9C', nummer: 'DN009C', maand: '2025-05-01', clienten: [{ bsn: BSN, prestaties: [
        p({ rn: 'RN013', toewijzing: '300901', volume: 3, bedrag: 3750 }),
        p({ rn: 'RN014', vorig: 'RN010', toewijzing: '300901', dc: 'C' }),
        p({ rn: 'RN015', vorig: 'RN999', toewijzing: '300901', dc: 'C' }),
        p({ rn: 'RN016', vorig: 'RN071', toewijzing: '300701', dc: 'C', bedrag: 5500 }),
      ] }],
    }));
    const v = await antwoord(varianten.id);
    const pad = (i: number) => `/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie[${i}]`;
    expect([v.codes[pad(1)], v.codes[pad(2)], v.codes[pad(3)], v.codes[pad(4)]]).toEqual([['9389'], ['9390'], ['8017'], ['8017']]);
    expect(v.toegekend).toBe('0 D');

    const hergebruik = await verwerk(decl({
      identificatie: 'D9D', nummer: 'DN009D', maand: '2025-05-01', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN010', toewijzing: '300901', periode: ['2025-05-01', '2025-05-31'] })] }],
    }));
    expect((await antwoord(hergebruik.id)).codes['/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie']).toEqual(['8021']);
    expect(await teller('300901')).toEqual({ volume_basis: String(3 * 60), bedrag_centen: '3750' });
  });

  it('scenario 8 (IV077): 3 uur per week 2025-10-07..2025-12-30 — October 14 → 9321; 12 + 15 approved; December 15 → 9322, 12 approved; categorie 01 allows 14', async () => {
    await toewijzingen(
      { nummer: '300801', bsn: BSN, categorie: '02', code: '02A01', ingang: '2025-10-07', eind: '2025-12-30', omvang: { volume: 3, eenheid: '04', frequentie: '2' } },
      { nummer: '300802', bsn: BSN, ingang: '2025-10-07', eind: '2025-12-30', omvang: { volume: 3, eenheid: '04', frequentie: '2' } },
    );
    const okt: [string, string] = ['2025-10-07', '2025-10-31'];
    const pr = (rn: string, periode: [string, string], volume: number) => p({ rn, toewijzing: '300801', categorie: '02', code: '02A01', periode, volume, tarief: 1000, bedrag: volume * 1000 });
    const codeVan = async (id: string) => (await antwoord(id)).codes;
    const d = (identificatie: string, maand: string, prs: TestPrestatie[]) => verwerk(wmo323({ identificatie, nummer: identificatie, maand, clienten: [{ bsn: BSN, prestaties: prs }] }));
    const PAD = '/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie';

    expect((await codeVan((await d('D8A', '2025-10-01', [pr('RN081', okt, 14)])).id))[PAD]).toEqual(['9321']);
    expect((await codeVan((await d('D8B', '2025-10-01', [pr('RN082', okt, 12)])).id))['/Bericht/DeclaratieAntwoord']).toEqual(['8001']);
    expect((await codeVan((await d('D8C', '2025-11-01', [pr('RN083', ['2025-11-01', '2025-11-30'], 15)])).id))['/Bericht/DeclaratieAntwoord']).toEqual(['8001']);
    expect((await codeVan((await d('D8D', '2025-12-01', [pr('RN084', ['2025-12-01', '2025-12-30'], 15)])).id))[PAD]).toEqual(['9322']);
    expect((await codeVan((await d('D8E', '2025-12-01', [pr('RN085', ['2025-12-01', '2025-12-30'], 12)])).id))['/Bericht/DeclaratieAntwoord']).toEqual(['8001']);
    expect(await teller('300801')).toEqual({ volume_basis: String((12 + 15 + 12) * 60), bedrag_centen: String(39000) });
    const cat01 = await d('D8F', '2025-12-01', [p({ rn: 'RN086', toewijzing: '300802', periode: okt, volume: 14, bedrag: 14 * 1250 })]);
    expect((await codeVan(cat01.id))['/Bericht/DeclaratieAntwoord']).toEqual(['8001']);
  });

  it('scenario 10: a reused DeclaratieNummer → DeclaratieAntwoord 9333, 0 D, nothing processed; CS337 (level 2) → Header 0001 only', async () => {
    const { id, u } = await verwerk(decl({ identificatie: 'D10A', nummer: 'DN001', maand: '2025-12-01', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN101', toewijzing: '300201', periode: ['2025-12-01', '2025-12-31'] })] }] }));
    expect(u.status).toBe('afgekeurd');
    const a = await antwoord(id);
    expect(a.codes).toEqual({ '/Bericht/Header': ['0200'], '/Bericht/DeclaratieAntwoord': ['9333'] });
    expect(a.toegekend).toBe('0 D');
    expect(a.xml).not.toContain('Clienten');
    expect(await prestaties(['RN101'])).toEqual([]);
    expect(signalen.signalen.at(-1)).toMatchObject({ cijfers: { 'aantal.9333': 1, 'centen.9333': 5000 } });

    const niveau2 = await verwerk(decl({ identificatie: 'D10B', nummer: 'DN010B', maand: '2025-12-01', clienten: [{ bsn: BSN, prestaties: [p({ rn: 'RN102', toewijzing: '300201', periode: ['2025-11-20', '2025-12-10'] })] }] }));
    expect(niveau2.u.verdict.regels.map((r) => r.retourcode)).toContain('0001');
    const h = await antwoord(niveau2.id);
    expect(h.codes).toEqual({ '/Bericht/Header': ['0001'] });
    expect(h.xml).not.toContain('DeclaratieAntwoord');
    expect(await prestaties(['RN102'])).toEqual([]);
  });

  it('20,000 prestaties against 20,000 toewijzingen: one 325, linear (bulk reads and writes, one contract lookup per product and date)', async () => {
    const N = 20_000;
    await ds.query(
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, omvang)
       SELECT 'wmo', $1, (500000 + i)::text, '65656055', $2, '{"categorie":"01","code":"01A11"}', '2025-12-01', '12:00:00', '2026-01-01', '2026-12-31',
              '{"volume":4,"eenheid":"04","frequentie":"2"}' FROM generate_series(1, $3::int) AS i`,
      [GEMEENTE, BSN, N],
    );
    const lijst: TestPrestatie[] = [];
    for (let i = 1; i <= N; i++) {
      const fout = i % 1000 === 0;
      lijst.push(p({ rn: `G${i}`, toewijzing: String(500000 + i), periode: ['2026-01-01', '2026-01-31'], tarief: fout ? 1300 : 1250, bedrag: fout ? 5200 : 5000 }));
    }
    const voor = contracten.aanroepen;
    const { id, u } = await verwerk(wmo323({ identificatie: 'DGROOT', nummer: 'DNGROOT', maand: '2026-01-01', clienten: [{ bsn: BSN, prestaties: lijst }] }));
    expect(u.verdict.xsd.slice(0, 2)).toEqual([]);
    expect(u.verdict.fout).toBeUndefined();
    expect(u.status).toBe('afgekeurd');
    expect(contracten.aanroepen - voor).toBe(1);
    const a = await antwoord(id);
    expect(a.ingediend).toBe(`${(N - 20) * 5000 + 20 * 5200} D`);
    expect(a.toegekend).toBe(`${(N - 20) * 5000} D`);
    expect(a.xml.match(/<wmo325:Prestatie>/g)).toHaveLength(20);
    const [telling] = await sql<{ goed: string; af: string; tellers: string }>(db.url,
      `SELECT (SELECT count(*) FROM client_register_prestatie WHERE referentienummer LIKE 'G%' AND status = 'goedgekeurd')::text AS goed,
              (SELECT count(*) FROM client_register_prestatie WHERE referentienummer LIKE 'G%' AND status = 'afgewezen')::text AS af,
              (SELECT count(*) FROM register_toewijzing_teller WHERE toewijzing_nummer::int > 500000 AND bedrag_centen = 5000)::text AS tellers`);
    expect(telling).toEqual({ goed: String(N - 20), af: '20', tellers: String(N - 20) });
    // What the monthly uitval figure will read: the debits as judged, on the declaratie's own row.
    expect(await sql(db.url, `SELECT debet_goedgekeurd, debet_afgewezen, debet_goedgekeurd_centen::int AS gc, debet_afgewezen_centen::int AS ac, per_retourcode
                                FROM register_declaratie WHERE declaratienummer = 'DNGROOT'`))
      .toEqual([{ debet_goedgekeurd: N - 20, debet_afgewezen: 20, gc: (N - 20) * 5000, ac: 20 * 5200, per_retourcode: { '0611': { aantal: 20, centen: 20 * 5200 } } }]);
  }, 180_000);
  it('a 325 that cannot be sent (fails its own schema): the prestaties stored while judging are taken back, the uitval commits', async () => {
    const schemas = await testSchemas();
    const kapot = new Proxy(schemas, {
      get: (doel, naam) => (naam === 'xsdVersie' ? () => ({ basisschema: 'geen-versie', bericht: '1.0.0' }) : Reflect.get(doel, naam, doel)),
    });
    const outbox = new TypeOrmOutboxWriter(new OutboundBerichtRepository(ds), new UitgaandEvents(ds));
    const config = loadConfig(testEnv(db.url, { MAX_BERICHT_BYTES: String(25 * 1024 * 1024) }));
    const anders = new ValidatieVerwerker(schemas, config, pijplijnStappen({ schemas: kapot, outbox, config, declaratie: { contracten, bestedingsruimte: boeker, signalen } }));
    const N = 5_000; // several steps of judging, each stored while the next is judged
    await ds.query(
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, omvang)
       SELECT 'wmo', $1, (600000 + i)::text, '65656055', $2, '{"categorie":"01","code":"01A11"}', '2026-01-20', '12:00:00', '2026-02-01', '2026-12-31',
              '{"volume":4,"eenheid":"04","frequentie":"2"}' FROM generate_series(1, $3::int) AS i`,
      [GEMEENTE, BSN, N],
    );
    const lijst = Array.from({ length: N }, (_, i) => p({ rn: `K${i + 1}`, toewijzing: String(600001 + i), periode: ['2026-02-01', '2026-02-28'] }));
    const { id, u } = await verwerk(wmo323({ identificatie: 'DKAPOT', nummer: 'DNKAPOT', maand: '2026-02-01', clienten: [{ bsn: BSN, prestaties: lijst }] }), anders);
    expect(u.status).toBe('uitval');
    expect(u.verdict.fout?.code).toBe('VERWERKING.RETOUR_ONGELDIG');
    const [telling] = await sql<{ prestaties: string; declaraties: string; tellers: string; outbox: string }>(db.url,
      `SELECT (SELECT count(*) FROM client_register_prestatie WHERE referentienummer LIKE 'K%')::text AS prestaties,
              (SELECT count(*) FROM register_declaratie WHERE declaratienummer = 'DNKAPOT')::text AS declaraties,
              (SELECT count(*) FROM register_toewijzing_teller WHERE toewijzing_nummer::int > 600000)::text AS tellers,
              (SELECT count(*) FROM client_outbound_bericht WHERE inbound_id = $1)::text AS outbox`, [id]);
    expect(telling).toEqual({ prestaties: '0', declaraties: '0', tellers: '0', outbox: '0' });
  }, 60_000);

  it('a large 323 whose early reads fail on PostgreSQL (a statement error in vooruit): rolled back to the savepoint, the step reads again, the 325 is the same', async () => {
    // The first tarief lookup (in vooruit, while the schema is checked) breaks the statement; later ones answer.
    let eerste = true;
    const breekEerst: typeof contracten = Object.assign(Object.create(contracten) as typeof contracten, {
      tarief: async (m: Parameters<typeof contracten.tarief>[0], q: Parameters<typeof contracten.tarief>[1]) => {
        if (eerste) {
          eerste = false;
          await m.query('SELECT 1 / 0');
        }
        return contracten.tarief(m, q);
      },
    });
    const schemas = await testSchemas();
    const outbox = new TypeOrmOutboxWriter(new OutboundBerichtRepository(ds), new UitgaandEvents(ds));
    const config = loadConfig(testEnv(db.url, { MAX_BERICHT_BYTES: String(25 * 1024 * 1024) }));
    const anders = new ValidatieVerwerker(schemas, config, pijplijnStappen({ schemas, outbox, config, declaratie: { contracten: breekEerst, bestedingsruimte: boeker, signalen } }));
    const N = 600; // over 256 kB: validated in the workers, with early reads
    await ds.query(
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, omvang)
       SELECT 'wmo', $1, (700000 + i)::text, '65656055', $2, '{"categorie":"01","code":"01A11"}', '2026-02-20', '12:00:00', '2026-03-01', '2026-12-31',
              '{"volume":4,"eenheid":"04","frequentie":"2"}' FROM generate_series(1, $3::int) AS i`,
      [GEMEENTE, BSN, N],
    );
    const lijst = Array.from({ length: N }, (_, i) => p({ rn: `V${i + 1}`, toewijzing: String(700001 + i), periode: ['2026-03-01', '2026-03-31'], ...(i === 7 ? { tarief: 1300, bedrag: 5200 } : {}) }));
    const xml = wmo323({ identificatie: 'DVOORUIT', nummer: 'DNVOORUIT', maand: '2026-03-01', dagtekening: '2026-04-02', clienten: [{ bsn: BSN, prestaties: lijst }] });
    expect(Buffer.byteLength(xml)).toBeGreaterThan(256 * 1024);
    const voor = contracten.aanroepen;
    const { id, u } = await verwerk(xml, anders);
    expect(eerste).toBe(false);
    expect(contracten.aanroepen - voor).toBe(1); // the failed lookup never reached it; the step's own did
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict.fout).toBeUndefined();
    const a = await antwoord(id);
    expect(a.ingediend).toBe(`${(N - 1) * 5000 + 5200} D`);
    expect(a.toegekend).toBe(`${(N - 1) * 5000} D`);
    expect(Object.values(a.codes).filter((c) => c.includes('0611'))).toHaveLength(1);
    const [telling] = await sql<{ goed: string; af: string }>(db.url,
      `SELECT (SELECT count(*) FROM client_register_prestatie WHERE referentienummer LIKE 'V%' AND status = 'goedgekeurd')::text AS goed,
              (SELECT count(*) FROM client_register_prestatie WHERE referentienummer LIKE 'V%' AND status = 'afgewezen')::text AS af`);
    expect(telling).toEqual({ goed: String(N - 1), af: '1' });
  }, 60_000);
});
