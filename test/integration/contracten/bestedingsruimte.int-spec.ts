import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { BestedingsruimteService, ContractRepository, ContractenService, PostgresBestedingsruimteBoeker, PostgresContractLezer } from '../../../src/contracten';
import { createDataSource } from '../../../src/platform/database';
import { OutboxSignaalWriter, SignaalOutboxRepository, type Signaal } from '../../../src/signalen';
import { testContract } from '../../support/contracten';
import { sql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';

describe('contract master data: tarief by date and bestedingsruimte crossings', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: ContractenService;
  let lezer: PostgresContractLezer;
  let boeker: PostgresBestedingsruimteBoeker;
  let ruimtes: BestedingsruimteService;
  let volgnummer = 0;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    const repository = new ContractRepository(ds);
    service = new ContractenService(ds, repository);
    lezer = new PostgresContractLezer(repository);
    boeker = new PostgresBestedingsruimteBoeker(repository, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)));
    ruimtes = new BestedingsruimteService(ds, repository, boeker);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** A fresh contract (own aanbieder AGB per test) with a bestedingsruimte of 10.000.000 cents. */
  async function contract(over: Record<string, unknown> = {}): Promise<{ id: string; aanbieder: string }> {
    const aanbieder = String(20_000_000 + ++volgnummer);
    const { id } = await service.maak(testContract(`K-${volgnummer}`, { aanbieder: { agb: aanbieder }, ...over }));
    return { id, aanbieder };
  }

  function boek(c: { id: string; aanbieder: string }, centen: number, datum = '2026-03-01', m = ds.manager): Promise<void> {
    return boeker.boek(m, { domein: 'wmo', gemeente: '0363', aanbieder: c.aanbieder, contractId: c.id, datum, centen, correlationId: 'test' });
  }

  async function signalen(contractId: string): Promise<Signaal[]> {
    const rows = await sql<{ body: string }>(db.url, `SELECT body FROM signaal_outbox WHERE body::jsonb ->> 'contractId' = $1 ORDER BY id`, [contractId]);
    return rows.map((r) => JSON.parse(r.body) as Signaal);
  }

  it('finds the tarief valid on the date (indexering on 1 July) and nothing outside the contract', async () => {
    const c = await contract();
    const q = { domein: 'wmo' as const, gemeente: '0363', aanbieder: c.aanbieder, productCode: '02A01' };
    expect(await lezer.tarief(ds.manager, { ...q, datum: '2026-06-30' })).toEqual({ contractId: c.id, productCode: '02A01', eenheid: '14', tariefCenten: 5000 });
    expect((await lezer.tarief(ds.manager, { ...q, datum: '2026-07-01' }))?.tariefCenten).toBe(5150);
    expect((await lezer.tarief(ds.manager, { ...q, datum: '2027-12-31' }))?.tariefCenten).toBe(5150);
    expect(await lezer.tarief(ds.manager, { ...q, datum: '2025-12-31' })).toBeNull();
    expect(await lezer.tarief(ds.manager, { ...q, datum: '2028-01-01' })).toBeNull();
    expect(await lezer.tarief(ds.manager, { ...q, productCode: '02A02', datum: '2026-03-01' })).toBeNull();
    expect(await lezer.tarief(ds.manager, { ...q, gemeente: '0384', datum: '2026-03-01' })).toBeNull();
    expect(await lezer.tarief(ds.manager, { ...q, domein: 'jeugd', datum: '2026-03-01' })).toBeNull();
  });

  it('fires 70 once for two bookings above 70 %, and again with a new dedupKey after falling back below', async () => {
    const c = await contract();
    await boek(c, 6_999_999);
    expect(await signalen(c.id)).toEqual([]);
    await boek(c, 1); // exactly 70 %
    await boek(c, 100_000); // 71 %: still above, no new signal
    let s = await signalen(c.id);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      type: 'bestedingsruimte.70',
      regel: 'CS Wmo art. 1.5.7',
      periode: { van: '2026-01-01', tot: '2026-12-31' },
      cijfers: { bestedingsruimteCenten: 10_000_000, besteedCenten: 7_000_000, percentage: 70, keer: 1, overlegTermijnDagen: 14 },
      ernst: 'waarschuwing',
    });
    const overleg = new Date(Date.parse(s[0].waargenomenOp) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(s[0].cijfers.overlegUiterlijk).toBe(overleg);

    await boek(c, -200_000); // credit: 69 %, re-armed
    expect(await signalen(c.id)).toHaveLength(1);
    await boek(c, 150_000); // 70.5 %: crosses again
    s = await signalen(c.id);
    expect(s).toHaveLength(2);
    expect(s[1].cijfers).toMatchObject({ keer: 2, herhaling: 'ja', besteedCenten: 7_050_000 });
    expect(s[1].dedupKey).not.toBe(s[0].dedupKey);
    expect(s.map((x) => x.dedupKey)).toEqual([
      `bestedingsruimte:${c.id}:2026-01-01/2026-12-31:v1:70:1`,
      `bestedingsruimte:${c.id}:2026-01-01/2026-12-31:v1:70:2`,
    ]);
    const [br] = await sql<{ besteed: string }>(db.url, `SELECT besteed_centen::text AS besteed FROM bestedingsruimte WHERE contract_id = $1`, [c.id]);
    expect(br.besteed).toBe('7050000');
  });

  it('fires 90, 100 and overschreden once each, and a booking outside the period touches nothing', async () => {
    const c = await contract();
    await boek(c, 9_000_000);
    await boek(c, 1_000_000);
    await boek(c, 1);
    await boek(c, 5_000);
    await boek(c, 1_000_000, '2027-02-01');
    const s = await signalen(c.id);
    expect(s.map((x) => x.type)).toEqual(['bestedingsruimte.70', 'bestedingsruimte.90', 'bestedingsruimte.100', 'bestedingsruimte.overschreden']);
    expect(s[2]).toMatchObject({ regel: 'CS Wmo art. 1.5.9', ernst: 'kritiek' });
    expect(s[3].cijfers).toMatchObject({ besteedCenten: 10_000_001, bovenPlafondCenten: 1 });
  });

  it('a replayed signal (same dedupKey, e.g. a rolled back and repeated transaction) is written once', async () => {
    const c = await contract();
    await expect(
      ds.transaction(async (m) => {
        await boek(c, 8_000_000, '2026-03-01', m);
        throw new Error('processing failed after booking');
      }),
    ).rejects.toThrow('processing failed');
    expect(await signalen(c.id)).toEqual([]);
    await ds.transaction((m) => boek(c, 8_000_000, '2026-03-01', m));
    const s = await signalen(c.id);
    expect(s).toHaveLength(1);
    const writer = new OutboxSignaalWriter(new SignaalOutboxRepository(ds));
    await writer.schrijf(ds.manager, { ...s[0], waargenomenOp: new Date().toISOString() });
    expect(await signalen(c.id)).toHaveLength(1);
  });

  it('two concurrent transactions on the same contract: exact total, 70 fires once', async () => {
    const c = await contract();
    await boek(c, 6_500_000);
    // Both book inside open transactions; the second waits for the row lock of the first.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let eersteGeboekt!: () => void;
    const geboekt = new Promise<void>((r) => (eersteGeboekt = r));
    const t1 = ds.transaction(async (m) => {
      await boek(c, 400_000, '2026-03-01', m);
      eersteGeboekt();
      await gate;
    });
    await geboekt;
    const t2 = ds.transaction((m) => boek(c, 400_000, '2026-04-01', m));
    const t2KlaarVoorT1 = await Promise.race([t2.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 300))]);
    expect(t2KlaarVoorT1).toBe(false); // blocked on the row lock
    release();
    await Promise.all([t1, t2]);
    // And many at once.
    await Promise.all(Array.from({ length: 8 }, () => ds.transaction((m) => boek(c, 10_000, '2026-05-01', m))));
    const [br] = await sql<{ besteed: string }>(db.url, `SELECT besteed_centen::text AS besteed FROM bestedingsruimte WHERE contract_id = $1`, [c.id]);
    expect(br.besteed).toBe(String(6_500_000 + 800_000 + 80_000));
    const s = await signalen(c.id);
    expect(s.map((x) => x.type)).toEqual(['bestedingsruimte.70']);
    expect(s[0].cijfers.besteedCenten).toBe(7_300_000);
  });

  it('refuses a booking for a contract of another aanbieder', async () => {
    const c = await contract();
    await expect(boek({ id: c.id, aanbieder: '99999999' }, 1)).rejects.toThrow(/does not exist for this domein/);
  });

  describe('a new version (addendum) or period after the contract is registered', () => {
    const versies = (contractId: string) =>
      sql<{ van: string; versie: number; budget: string; besteed: string }>(
        db.url, `SELECT periode_van::text AS van, versie, budget_centen::text AS budget, besteed_centen::text AS besteed FROM bestedingsruimte WHERE contract_id = $1 ORDER BY periode_van, versie`, [contractId],
      );

    it('an addendum carries the total over; its thresholds start afresh (fired at once when already reached); bookings go to the newest version', async () => {
      const c = await contract();
      await boek(c, 7_500_000); // 75 % of v1: 70 fires for v1
      const v2 = await ruimtes.voegToe(c.id, { van: '2026-01-01', tot: '2026-12-31', budgetCenten: 12_000_000 });
      expect(v2).toEqual({ id: expect.any(String), periode: { van: '2026-01-01', tot: '2026-12-31' }, versie: 2, budgetCenten: 12_000_000, besteedCenten: 7_500_000 });
      expect((await signalen(c.id)).map((x) => x.dedupKey)).toEqual([`bestedingsruimte:${c.id}:2026-01-01/2026-12-31:v1:70:1`]); // 62.5 % of v2
      await boek(c, 1_000_000); // 70.8 % of v2
      expect((await signalen(c.id)).map((x) => x.dedupKey).at(-1)).toBe(`bestedingsruimte:${c.id}:2026-01-01/2026-12-31:v2:70:1`);
      // A lower amount by a later addendum: the total is over it at once, every threshold of v3 fires with the addendum.
      await ruimtes.voegToe(c.id, { van: '2026-01-01', tot: '2026-12-31', budgetCenten: 8_000_000, versie: 3 });
      expect((await signalen(c.id)).filter((x) => x.cijfers.versie === 3).map((x) => x.type)).toEqual([
        'bestedingsruimte.70', 'bestedingsruimte.90', 'bestedingsruimte.100', 'bestedingsruimte.overschreden',
      ]);
      expect(await versies(c.id)).toEqual([
        { van: '2026-01-01', versie: 1, budget: '10000000', besteed: '7500000' },
        { van: '2026-01-01', versie: 2, budget: '12000000', besteed: '8500000' },
        { van: '2026-01-01', versie: 3, budget: '8000000', besteed: '8500000' },
      ]);
      expect((await service.bestedingsruimte(c.id)).bestedingsruimtes).toEqual([
        { periode: { van: '2026-01-01', tot: '2026-12-31' }, versie: 3, budgetCenten: 8_000_000, besteedCenten: 8_500_000, percentage: 106.2, meetgrondslag: 'realisatie' },
      ]);
    });

    it('a new period counts what the approved prestaties dated in it were booked for (a credited debit and its credit cancel, rejected ones not)', async () => {
      const c = await contract();
      const prestatie = (rn: string, begin: string, centen: number, dc: 'D' | 'C', status: string) =>
        sql(db.url,
          `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                                  periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, declaratie_id, contract_id)
           VALUES ('wmo', '0363', $1, $2, 'T1', '999900006', '02', '02A01', $3::date, $3::date, 1, '14', 1, $4, $5, $6, 1, $7)`,
          [c.aanbieder, rn, begin, centen, dc, status, c.id]);
      await prestatie('P1', '2027-02-01', 5_000, 'D', 'goedgekeurd');
      await prestatie('P2', '2027-02-01', 3_000, 'D', 'gecrediteerd');
      await prestatie('P3', '2027-03-01', -3_000, 'C', 'goedgekeurd');
      await prestatie('P4', '2027-02-01', 2_000, 'D', 'afgewezen');
      await prestatie('P5', '2026-12-01', 9_000, 'D', 'goedgekeurd'); // the 2026 period's
      const n = await ruimtes.voegToe(c.id, { van: '2027-01-01', tot: '2027-12-31', budgetCenten: 10_000 });
      expect(n).toMatchObject({ versie: 1, besteedCenten: 5_000 });
      // Per month as well, for BR-DREIGT's run-rate: February's debit, March's credit of the credited one.
      expect(await sql(db.url, `SELECT maand::text, centen::int FROM bestedingsruimte_maand WHERE contract_id = $1 AND periode_van = '2027-01-01' ORDER BY maand`, [c.id]))
        .toEqual([{ maand: '2027-02-01', centen: 8_000 }, { maand: '2027-03-01', centen: -3_000 }]);
      await boek(c, 2_500, '2027-04-01'); // 75 %: the new period's own 70
      expect((await signalen(c.id)).map((x) => x.dedupKey)).toEqual([`bestedingsruimte:${c.id}:2027-01-01/2027-12-31:v1:70:1`]);
    });

    it('refuses what would make the bookings ambiguous or the contract inconsistent, with a reason', async () => {
      const c = await contract();
      const fout = (body: Record<string, unknown>, id = c.id) => ruimtes.voegToe(id, body).then(() => null, (e: { code: string; message: string }) => `${e.code}: ${e.message}`);
      expect(await fout({ van: '2026-01-01', tot: '2026-06-30', budgetCenten: 1 })).toBe('CONTRACT.BESTEDINGSRUIMTE_INVALID: an addendum keeps the period: the bestedingsruimte from 2026-01-01 runs to 2026-12-31');
      expect(await fout({ van: '2026-07-01', tot: '2027-06-30', budgetCenten: 1 })).toBe('CONTRACT.BESTEDINGSRUIMTE_INVALID: the period overlaps the bestedingsruimte 2026-01-01..2026-12-31');
      expect(await fout({ van: '2026-01-01', tot: '2026-12-31', budgetCenten: 1, versie: 1 })).toBe('CONTRACT.BESTEDINGSRUIMTE_CONFLICT: version 1 cannot be added: the next version of this period is 2');
      expect(await fout({ van: '2026-13-01', tot: '2026-12-31', budgetCenten: 0 })).toMatch(/^CONTRACT.BESTEDINGSRUIMTE_INVALID: van .*; budgetCenten/);
      expect(await fout({ van: '2027-01-01', tot: '2027-12-31', budgetCenten: 1 }, '00000000-0000-4000-8000-000000000000')).toBe('CONTRACT.NOT_FOUND: no contract with this id');
      expect(await fout({ van: '2027-01-01', tot: '2027-12-31', budgetCenten: 1 }, 'x')).toBe('CONTRACT.INVALID_ID: the contract id must be a UUID');
      const zonder = await contract({ artikelen: [], bestedingsruimtes: [] });
      expect(await fout({ van: '2027-01-01', tot: '2027-12-31', budgetCenten: 1 }, zonder.id)).toBe('CONTRACT.BESTEDINGSRUIMTE_INVALID: a bestedingsruimte needs optional article 1.5 in the contract');
      expect((await versies(c.id)).map((v) => v.versie)).toEqual([1]);
    });

    it('a booking in flight and an addendum: the addendum waits for the booking to commit and copies the total with it; later bookings go to the new version', async () => {
      const c = await contract();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let geboekt!: () => void;
      const isGeboekt = new Promise<void>((r) => (geboekt = r));
      const t1 = ds.transaction(async (m) => {
        await boek(c, 400_000, '2026-03-01', m);
        geboekt();
        await gate;
      });
      await isGeboekt;
      const addendum = ruimtes.voegToe(c.id, { van: '2026-01-01', tot: '2026-12-31', budgetCenten: 20_000_000 });
      const klaarVoorCommit = await Promise.race([addendum.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 300))]);
      expect(klaarVoorCommit).toBe(false);
      release();
      await t1;
      expect(await addendum).toMatchObject({ versie: 2, besteedCenten: 400_000 });
      await Promise.all(Array.from({ length: 4 }, () => ds.transaction((m) => boek(c, 10_000, '2026-05-01', m))));
      expect(await versies(c.id)).toEqual([
        { van: '2026-01-01', versie: 1, budget: '10000000', besteed: '400000' },
        { van: '2026-01-01', versie: 2, budget: '20000000', besteed: '440000' },
      ]);
    });
  });
});
