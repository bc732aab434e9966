import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { BestedingsruimteService, ClientenstopService, ContractenService, ContractRepository, PostgresBestedingsruimteBoeker, ToestemmingService } from '../../../src/contracten';
import { validateBericht } from '../../../src/istandaarden';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { ToewijzingGeboortedatum1795920000000 } from '../../../src/platform/database/migrations/1795920000000-toewijzing-geboortedatum';
import { DeclaratieDebetTotalen1795980000000 } from '../../../src/platform/database/migrations/1795980000000-declaratie-debet-totalen';
import { BestedingsruimteMaand1796000000000 } from '../../../src/platform/database/migrations/1796000000000-bestedingsruimte-maand';
import { OutboxSignaalWriter, SignaalOutboxRepository, type Signaal } from '../../../src/signalen';
import { DetectorenRunner, standaardDetectoren } from '../../../src/signalen/detectoren';
import { mutatiesVoor } from '../../../src/verwerking/regels';
import { pasMutatiesToe, REGISTER_ENTITIES } from '../../../src/verwerking/register';
import { testEnv } from '../../support/app';
import { testContract } from '../../support/contracten';
import { sql } from '../../support/database';
import { testSchemas, vervang, voorbeeld } from '../../support/istandaarden';
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
    // K-B agreed its own norm for wonen only: dagbesteding keeps the default (normBron standaard).
    await sql(db.url, `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, besluitdatum, wachttijd_normen)
                       VALUES ('K-B', 'wmo', '0363', '{0363}', $1, 'outputgericht', '2024-01-01', '2023-11-01', '{"wonen": 2}')`, [B]);

    // A: one approved prestatie for March 2025, its 323 answered in April 2025.
    const [{ id: declA }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                        oordeel, totaal_ingediend_centen, totaal_toegekend_centen, created_at, debet_goedgekeurd, debet_goedgekeurd_centen)
       VALUES ('wmo', '0363', $1, 'D-A1', '2025-03-01', '2025-03-31', 'ID-A1', '2025-03-31', 'prestaties', 5000, 5000, '2025-04-02T10:00:00+02', 1, 5000)
       RETURNING id::text AS id`,
      [A],
    );
    // B: a 323 answered in March 2026 with one approved and one rejected prestatie (its debit totals
    // as the declaratie step writes them), and a 323 rejected whole.
    const [{ id: declB }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                        oordeel, totaal_ingediend_centen, totaal_toegekend_centen, created_at,
                                        debet_goedgekeurd, debet_afgewezen, debet_goedgekeurd_centen, debet_afgewezen_centen, per_retourcode)
       VALUES ('wmo', '0363', $1, 'D-B1', '2026-02-01', '2026-02-28', 'ID-B1', '2026-03-05', 'prestaties', 8000, 6000, '2026-03-06T09:00:00+01', 1, 1, 6000, 2000,
               '{"0611": {"aantal": 1, "centen": 2000}}'),
              ('wmo', '0363', $1, 'D-B2', '2026-02-01', '2026-02-28', 'ID-B2', '2026-03-20', 'header', 1000, 0, '2026-03-31T23:30:00+02', 0, 0, 0, 0,
               '{"0001": {"aantal": 2, "centen": 1000}, "0611": {"aantal": 0, "centen": 0}}')
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

  it('fires levering.geen-12-maanden, contract.verlenging, wachttijd.overschreden, declaratie.uitval-maand and declaratie.tarief-afwijking exactly once', async () => {
    await runner.runAll('2026-04-10', new Date('2026-04-10T06:00:00Z'));
    await runner.runAll('2026-04-10', new Date('2026-04-10T07:00:00Z'));
    await runner.runAll('2026-04-28'); // a later run in the same month: same facts, same keys

    const rijen = await outbox();
    expect(rijen.map((r) => r.dedup_key)).toEqual([
      `contract-verlenging:${contractA}:2026-09-30`,
      `declaratie-tarief-afwijking:wmo:0363:${B}:2026-03`,
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
      cijfers: { productgroep: 'dagbesteding', normDagen: 42, normBron: 'standaard', gestart: 0, laatGestart: 0, wachtendBovenNorm: 1, maxWachtdagen: 89 },
    });
    expect(s['declaratie.uitval-maand']).toMatchObject({
      aanbieder: B, ernst: 'waarschuwing',
      cijfers: { declaraties: 2, declaratiesAfgewezen: 1, prestatiesGoedgekeurd: 1, prestatiesAfgewezen: 1, goedgekeurdCenten: 6000, afgewezenCenten: 2000, uitvalPromille: 500, bedragUitvalPromille: 250 },
    });
    // By retourcode, summed over the month's 325s.
    expect(s['declaratie.uitval-maand'].cijfers).toMatchObject({ 'aantal.0001': 2, 'centen.0001': 1000, 'aantal.0611': 1, 'centen.0611': 2000 });
    expect(s['declaratie.tarief-afwijking']).toMatchObject({ aanbieder: B, cijfers: { 'aantal.0611': 1, 'centen.0611': 2000, prestaties: 1, debetPrestaties: 2, afgewezenPromille: 500 } });
  });
});

/** A stored bericht (client_inbound_bericht) with the columns the termijn detector reads; returns its id. */
async function inbound(
  url: string,
  b: { bericht: string; status: string; ontvangen: string; kanaal?: 'ggk' | 'rest'; dagtekening?: string; raw?: string | Buffer; afzender?: string; ontvanger?: string; identificatie?: string },
): Promise<string> {
  const id = randomUUID();
  const raw = b.raw === undefined ? Buffer.from(`<bericht id="${id}"/>`) : Buffer.isBuffer(b.raw) ? b.raw : Buffer.from(b.raw, 'utf8');
  const kanaal = b.kanaal ?? 'ggk';
  await sql(
    url,
    `INSERT INTO client_inbound_bericht (id, received_at, kanaal, raw, byte_size, content_sha256, ggk_zender, ggk_referentienummer, bericht, domein,
                                         berichtcode, afzender, ontvanger, identificatie, dagtekening, status, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'test')`,
    [
      id, b.ontvangen, kanaal, raw, raw.byteLength, createHash('sha256').update(raw).digest('hex'), kanaal === 'ggk' ? (b.afzender ?? AGB) : null,
      kanaal === 'ggk' ? randomUUID() : null, b.bericht, b.bericht.startsWith('JW') ? 'jeugd' : 'wmo', b.bericht.slice(-3), b.afzender ?? AGB,
      b.ontvanger ?? '0384', b.identificatie ?? id.slice(0, 12), b.dagtekening ?? b.ontvangen.slice(0, 10), b.status,
    ],
  );
  return id;
}

/** An envelope in the outbox answering `inboundId`; returns its referentienummer. */
async function outbound(url: string, inboundId: string, functie: string, status: 'te_verzenden' | 'verzonden' | 'uitval'): Promise<string> {
  const referentienummer = randomUUID();
  await sql(
    url,
    `INSERT INTO client_outbound_bericht (soort, functie, referentienummer, envelop, byte_size, inbound_id, correlation_id, status, next_attempt_at, sent_at)
     VALUES ('Du01', $1, $2, '<envelop/>', 10, $3, 'test', $4::varchar, CASE WHEN $4::varchar = 'te_verzenden' THEN now() END,
             CASE WHEN $4::varchar = 'verzonden' THEN now() END)`,
    [functie, referentienummer, inboundId, status],
  );
  return referentienummer;
}

const AGB = '42420001'; // the aanbieder of the published JW301 example (gemeente 0384)

describe('jeugd.plan-16-5 and termijn.overschreden against the register, the inbox and the outbox', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let runner: DetectorenRunner;
  const ref: Record<string, string> = {};

  /** A JW301 registered the way RegisterStap does it: stored first, then its mutations applied with its id. */
  async function registreerJw301(xml: string): Promise<string> {
    const id = await inbound(db.url, { bericht: 'JW301', status: 'verwerkt', ontvangen: '2026-04-01T12:00:00+02', kanaal: 'rest', raw: xml, afzender: '0384', ontvanger: AGB });
    const v = validateBericht(Buffer.from(xml), await testSchemas());
    if (!v.root || !v.definitie) throw new Error('fixture not schema-valid');
    const mutaties = mutatiesVoor({ root: v.root, def: v.definitie });
    await ds.transaction((tx) => pasMutatiesToe(tx, mutaties, id));
    return id;
  }

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url, REGISTER_ENTITIES).initialize();
    const config = loadConfig(testEnv(db.url));
    runner = new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), standaardDetectoren(config.detectoren));

    // Jeugdige A (exact birth date, 16,5 on 2026-05-15) and B (day unknown: earliest 2009-11-01), both via their JW301.
    const jw301 = voorbeeld('JW301');
    ref.a = await registreerJw301(vervang(jw301, '<ijw:Datum>2010-02-14</ijw:Datum>', '<ijw:Datum>2009-11-15</ijw:Datum>'));
    let b = vervang(jw301, '<ijw:Datum>2010-02-14</ijw:Datum>', '<ijw:Datum>2009-11-01</ijw:Datum><ijw:DatumGebruik>1</ijw:DatumGebruik>');
    b = vervang(b, '<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>999900018</jw301:Bsn>');
    b = vervang(b, '<jw301:ToewijzingNummer>300201</jw301:ToewijzingNummer>', '<jw301:ToewijzingNummer>300301</jw301:ToewijzingNummer>');
    b = vervang(b, '<jw301:ToewijzingNummer>300202</jw301:ToewijzingNummer>', '<jw301:ToewijzingNummer>300302</jw301:ToewijzingNummer>');
    ref.b = await registreerJw301(vervang(b, '<ijw:Identificatie>123456789012</ijw:Identificatie>', '<ijw:Identificatie>JW301B</ijw:Identificatie>'));
    // C reaches 16,5 in July (look-ahead); D's toewijzing ended, E's was deleted (RedenWijziging 13),
    // F's newest version has no birth date (an older one does: the date is the jeugdige's, not the
    // version's; the reference is the newest version's row), the Wmo client is no jeugdige of this rule.
    await sql(
      db.url,
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum,
                                              reden_wijziging, geboortedatum, geboortedatum_gebruik)
       VALUES ('jeugd', '0384', 'C1', $1, '999900031', '2026-01-10', '09:00:00', '2026-02-01', NULL, NULL, '2010-01-20', NULL),
              ('jeugd', '0384', 'D1', $1, '999900043', '2026-01-10', '09:00:00', '2026-02-01', '2026-04-30', NULL, '2009-11-20', NULL),
              ('jeugd', '0384', 'E1', $1, '999900055', '2026-01-10', '09:00:00', '2026-06-01', '2026-06-01', '13', '2009-11-20', NULL),
              ('jeugd', '0384', 'F1', $1, '111222333', '2026-01-10', '09:00:00', '2026-02-01', NULL, NULL, '2009-11-25', NULL),
              ('jeugd', '0384', 'F1', $1, '111222333', '2026-03-10', '09:00:00', '2026-02-01', '2026-12-31', '01', NULL, NULL),
              ('wmo', '0384', 'W1', $1, '999900067', '2026-01-10', '09:00:00', '2026-02-01', NULL, NULL, '2009-11-15', NULL)`,
      [AGB],
    );
    [{ id: ref.f }] = await sql<{ id: string }>(db.url, `SELECT id::text AS id FROM client_register_toewijzing WHERE toewijzing_nummer = 'F1' AND geboortedatum IS NULL`);

    // Termijnen, seen on Wednesday 2026-05-13 (5 May and 14 May 2026 are feestdagen).
    ref.uitval305 = await inbound(db.url, { bericht: 'JW305', status: 'uitval', ontvangen: '2026-05-06T10:00:00+02' }); // due 05-11
    ref.wacht325 = await inbound(db.url, { bericht: 'JW323', status: 'verwerkt', ontvangen: '2026-04-29T23:30:00+02' }); // due 05-15
    ref.wacht325du01 = await outbound(db.url, ref.wacht325, 'JW325', 'te_verzenden');
    ref.fo307 = await inbound(db.url, { bericht: 'WMO307', status: 'afgekeurd', ontvangen: '2026-05-07T09:00:00+02' }); // due 05-12
    const geweigerd = await outbound(db.url, ref.fo307, 'WMO308', 'verzonden');
    await sql(db.url, `INSERT INTO client_ggk_foutbericht (zender, referentienummer, cross_refnummer, code, plek, omschrijving, correlation_id)
                       VALUES ('GGK', $1, $2, 'StUF058', 'server', 'geweigerd', 'test')`, [randomUUID(), geweigerd]);
    ref.vot = await inbound(db.url, { bericht: 'JW315', status: 'verwerkt', ontvangen: '2026-05-06T08:00:00+02' }); // 301/319 due 05-13
    await outbound(db.url, ref.vot, 'JW316', 'verzonden');
    ref.vow = await inbound(db.url, { bericht: 'JW317', status: 'verwerkt', ontvangen: '2026-03-20T08:00:00+01', dagtekening: '2026-03-19' }); // in onderzoek: due 05-15
    await outbound(db.url, ref.vow, 'JW318', 'verzonden');
    const beantwoord = await inbound(db.url, { bericht: 'JW315', status: 'verwerkt', ontvangen: '2026-05-04T08:00:00+02' });
    await outbound(db.url, beantwoord, 'JW316', 'verzonden');
    await sql(
      db.url,
      `INSERT INTO client_register_verzoek (domein, aanbieder, referentie_aanbieder, gemeente, bsn, bericht_nummer, status, in_onderzoek, inbound_id)
       VALUES ('jeugd', $1, 'VOT-1', '0384', '999900006', '315', 'open', false, $2), ('jeugd', $1, 'VOT-2', '0384', '999900006', '315', 'open', false, $2),
              ('jeugd', $1, 'VOW-1', '0384', '999900018', '317', 'open', true, $3), ('jeugd', $1, 'VOT-3', '0384', '999900031', '315', 'toegewezen', false, $4)`,
      [AGB, ref.vot, ref.vow, beantwoord],
    );
    // Near misses: answered and delivered; over REST (no retour is ever sent); a retour owes nothing; received today.
    const bezorgd = await inbound(db.url, { bericht: 'WMO305', status: 'verwerkt', ontvangen: '2026-05-06T10:00:00+02' });
    await outbound(db.url, bezorgd, 'WMO306', 'verzonden');
    await inbound(db.url, { bericht: 'JW305', status: 'uitval', ontvangen: '2026-05-06T10:00:00+02', kanaal: 'rest' });
    await inbound(db.url, { bericht: 'JW302', status: 'uitval', ontvangen: '2026-05-06T10:00:00+02' });
    ref.vandaag305 = await inbound(db.url, { bericht: 'JW305', status: 'in_verwerking', ontvangen: '2026-05-13T08:00:00+02' }); // due 05-18
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function signalen(type: string): Promise<Signaal[]> {
    const rijen = await sql<{ body: string }>(db.url, `SELECT body FROM signaal_outbox WHERE type = $1 ORDER BY dedup_key`, [type]);
    return rijen.map((r) => JSON.parse(r.body) as Signaal);
  }

  it('stores the Client Geboortedatum of a JW301 on the versions it registered, not a Relatie date', async () => {
    const rijen = await sql<{ toewijzing_nummer: string; geboortedatum: string; geboortedatum_gebruik: string | null }>(
      db.url,
      `SELECT toewijzing_nummer, geboortedatum::text AS geboortedatum, geboortedatum_gebruik FROM client_register_toewijzing WHERE inbound_id IS NOT NULL ORDER BY 1`,
    );
    expect(rijen).toEqual([
      { toewijzing_nummer: '300201', geboortedatum: '2009-11-15', geboortedatum_gebruik: null },
      { toewijzing_nummer: '300202', geboortedatum: '2009-11-15', geboortedatum_gebruik: null },
      { toewijzing_nummer: '300301', geboortedatum: '2009-11-01', geboortedatum_gebruik: '1' },
      { toewijzing_nummer: '300302', geboortedatum: '2009-11-01', geboortedatum_gebruik: '1' },
    ]);
  });

  it('fires each signal once per month or per deadline stage, with opaque references only', async () => {
    await runner.runAll('2026-05-13', new Date('2026-05-13T06:00:00Z'));
    await runner.runAll('2026-05-13', new Date('2026-05-13T07:00:00Z'));

    const [plan, ...meerPlan] = await signalen('jeugd.plan-16-5');
    expect(meerPlan).toEqual([]);
    expect(plan).toMatchObject({
      domein: 'jeugd', gemeente: '0384', aanbieder: AGB, regel: 'HR §9', ernst: 'info', periode: { van: '2026-05-01', tot: '2026-05-31' },
      dedupKey: `jeugd-plan-16-5:0384:${AGB}:2026-05`, waargenomenOp: '2026-05-13T06:00:00.000Z',
      cijfers: {
        bereikt: 3, bereiktDatumOnzeker: 1, vooruit: 1, vooruitDatumOnzeker: 0, vooruitMaanden: 3, tussen165En18: 0, datumOnbekend: 0,
        referenties: [ref.a, ref.b, `toewijzing-${ref.f.padStart(12, '0')}`].sort().join(','),
      },
    });

    const termijnen = await signalen('termijn.overschreden');
    expect(termijnen.map((s) => [s.dedupKey, s.ernst, s.regel, s.cijfers.uiterlijk, s.cijfers.werkdagenOver, s.cijfers.oorzaak, s.cijfers.aantal]).sort()).toEqual(
      [
        [`termijn-overschreden:declaratie-antwoord:${ref.wacht325}:bijna`, 'waarschuwing', 'OP090x4', '2026-05-15', 1, 'niet-bezorgd', 1],
        [`termijn-overschreden:retour:${ref.fo307}:verlopen`, 'kritiek', 'OP090', '2026-05-12', -1, 'niet-bezorgd', 1],
        [`termijn-overschreden:retour:${ref.uitval305}:verlopen`, 'kritiek', 'OP090', '2026-05-11', -2, 'uitval', 1],
        [`termijn-overschreden:verzoek-antwoord:${ref.vot}:bijna`, 'waarschuwing', 'OP274', '2026-05-13', 0, 'geen-antwoord', 2],
        [`termijn-overschreden:verzoek-onderzoek:${ref.vow}:bijna`, 'waarschuwing', 'OP346', '2026-05-15', 1, 'in-onderzoek', 1],
      ].sort(),
    );
    expect(termijnen.find((s) => s.cijfers.referentie === ref.wacht325)).toMatchObject({
      domein: 'jeugd', gemeente: '0384', aanbieder: AGB, periode: { van: '2026-04-29', tot: '2026-05-15' },
      cijfers: { termijn: 'declaratie-antwoord', opCode: 'OP090x4', bericht: 'JW323', ontvangen: '2026-04-29' },
    });

    const bodies = (await sql<{ body: string }>(db.url, `SELECT body FROM signaal_outbox`)).map((r) => r.body).join('\n');
    for (const clientgegeven of ['999900006', '999900018', '111222333', '2009-11-15', '2009-11-01', '2010-01-20']) expect(bodies).not.toContain(clientgegeven);
  });

  it('after the deadlines: overdue items fire kritiek once, an answer delivered meanwhile stops its item', async () => {
    await sql(db.url, `UPDATE client_outbound_bericht SET status = 'verzonden', next_attempt_at = NULL, sent_at = now() WHERE referentienummer = $1`, [ref.wacht325du01]);
    const voor = (await sql<{ dedup_key: string }>(db.url, `SELECT dedup_key FROM signaal_outbox`)).map((r) => r.dedup_key);
    await runner.runAll('2026-05-18');
    const nieuw = (await sql<{ dedup_key: string }>(db.url, `SELECT dedup_key FROM signaal_outbox`)).map((r) => r.dedup_key).filter((k) => !voor.includes(k));
    expect(nieuw.sort()).toEqual(
      [
        `termijn-overschreden:retour:${ref.vandaag305}:bijna`,
        `termijn-overschreden:verzoek-antwoord:${ref.vot}:verlopen`,
        `termijn-overschreden:verzoek-onderzoek:${ref.vow}:verlopen`,
      ].sort(),
    );
  });
});

describe('migrations 1795920000000 (toewijzing birth date), 1795980000000 (debit totals per declaratie) and 1796000000000 (bookings per month)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('down removes the columns, up adds them back empty and refuses a DatumGebruik outside COD170', async () => {
    const migratie = new ToewijzingGeboortedatum1795920000000();
    const qr = ds.createQueryRunner();
    const kolommen = async () =>
      (await sql<{ column_name: string }>(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'client_register_toewijzing' AND column_name LIKE 'geboortedatum%' ORDER BY 1`)).map((r) => r.column_name);
    try {
      await migratie.down(qr);
      expect(await kolommen()).toEqual([]);
      await sql(
        db.url,
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, toewijzingsdatum, toewijzingstijd, ingangsdatum)
         VALUES ('jeugd', '0384', '1', $1, '999900006', '2026-01-10', '09:00:00', '2026-02-01')`,
        [AGB],
      );
      await migratie.up(qr);
      expect(await kolommen()).toEqual(['geboortedatum', 'geboortedatum_gebruik']);
      expect(await sql(db.url, `SELECT geboortedatum, geboortedatum_gebruik FROM client_register_toewijzing`)).toEqual([{ geboortedatum: null, geboortedatum_gebruik: null }]);
      await expect(sql(db.url, `UPDATE client_register_toewijzing SET geboortedatum_gebruik = '4'`)).rejects.toThrow(/ck_client_register_toewijzing_geboortedatum_gebruik/);
    } finally {
      await qr.release();
    }
  });

  it('up fills the bookings per month of existing bestedingsruimte periods from the approved prestaties of their contract', async () => {
    const migratie = new BestedingsruimteMaand1796000000000();
    const qr = ds.createQueryRunner();
    try {
      await migratie.down(qr);
      await sql(db.url, `INSERT INTO contract_aanbieder (agb) VALUES ('30000024')`);
      const [{ id }] = await sql<{ id: string }>(db.url,
        `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, artikelen)
         VALUES ('K-MIG', 'wmo', '0363', '{0363}', '30000024', 'inspanningsgericht', '2026-01-01', '{1.5}') RETURNING id::text AS id`);
      await sql(db.url, `INSERT INTO bestedingsruimte (contract_id, periode_van, periode_tot, versie, budget_centen) VALUES ($1, '2026-01-01', '2026-12-31', 1, 100), ($1, '2026-01-01', '2026-12-31', 2, 200)`, [id]);
      const p = (rn: string, begin: string, centen: number, dc: string, status: string) =>
        sql(db.url,
          `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                                  periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, declaratie_id, contract_id)
           VALUES ('wmo', '0363', '30000024', $1, 'T1', $2, '07', '07A01', $3::date, $3::date, 1, '14', 1, $4, $5, $6, 999999, $7)`, [rn, BSN, begin, centen, dc, status, id]);
      await p('MM1', '2026-02-03', 5000, 'D', 'goedgekeurd');
      await p('MM2', '2026-02-10', 3000, 'D', 'gecrediteerd');
      await p('MM3', '2026-03-01', -3000, 'C', 'goedgekeurd');
      await p('MM4', '2026-03-05', 900, 'D', 'afgewezen');
      await p('MM5', '2025-12-31', 700, 'D', 'goedgekeurd'); // before the period
      await migratie.up(qr);
      expect(await sql(db.url, `SELECT periode_van::text, maand::text, centen::int FROM bestedingsruimte_maand WHERE contract_id = $1 ORDER BY maand`, [id])).toEqual([
        { periode_van: '2026-01-01', maand: '2026-02-01', centen: 8000 },
        { periode_van: '2026-01-01', maand: '2026-03-01', centen: -3000 },
      ]);
    } finally {
      await qr.release();
    }
  });

  it('up fills the totals of existing declaraties from the prestaties they stored (a credited debit as approved, credits left out); down removes them', async () => {
    const migratie = new DeclaratieDebetTotalen1795980000000();
    const qr = ds.createQueryRunner();
    try {
      await migratie.down(qr);
      const [{ id }, { id: leeg }] = await sql<{ id: string }>(
        db.url,
        `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                          oordeel, totaal_ingediend_centen, totaal_toegekend_centen)
         VALUES ('wmo', '0363', '30000010', 'D-M1', '2026-02-01', '2026-02-28', 'ID-M1', '2026-03-05', 'prestaties', 0, 0),
                ('wmo', '0363', '30000010', 'D-M2', '2026-02-01', '2026-02-28', 'ID-M2', '2026-03-06', 'header', 0, 0)
         RETURNING id::text AS id`,
      );
      await sql(
        db.url,
        `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, referentienummer, vorig_referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                                periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, declaratie_id)
         VALUES ('wmo', '0363', '30000010', 'M1', NULL, 'T1', $2, '07', '07A01', '2026-02-01', '2026-02-28', 10, '14', 10, 6000, 'D', 'gecrediteerd', $1),
                ('wmo', '0363', '30000010', 'M2', NULL, 'T1', $2, '07', '07A01', '2026-02-01', '2026-02-28', 4, '14', 4, 2000, 'D', 'goedgekeurd', $1),
                ('wmo', '0363', '30000010', 'M3', NULL, 'T1', $2, '07', '07A01', '2026-02-01', '2026-02-28', 3, '14', 3, 1500, 'D', 'afgewezen', $1),
                ('wmo', '0363', '30000010', 'M4', 'M0', 'T1', $2, '07', '07A01', '2026-01-01', '2026-01-31', 1, '14', 1, -500, 'C', 'goedgekeurd', $1)`,
        [id, BSN],
      );
      await migratie.up(qr);
      expect(await sql(db.url, `SELECT declaratienummer, debet_goedgekeurd, debet_afgewezen, debet_goedgekeurd_centen::int AS gc, debet_afgewezen_centen::int AS ac
                                  FROM register_declaratie WHERE id = ANY($1::bigint[]) ORDER BY declaratienummer`, [[id, leeg]])).toEqual([
        { declaratienummer: 'D-M1', debet_goedgekeurd: 2, debet_afgewezen: 1, gc: 8000, ac: 1500 },
        { declaratienummer: 'D-M2', debet_goedgekeurd: 0, debet_afgewezen: 0, gc: 0, ac: 0 },
      ]);
      await expect(sql(db.url, `UPDATE register_declaratie SET debet_afgewezen = -1 WHERE id = $1`, [id])).rejects.toThrow(/ck_register_declaratie_debet_totalen/);
    } finally {
      await qr.release();
    }
  });
});

describe('clientenstop.actief (CS-ACTIEF): new toewijzingen sent to an aanbieder during its cliëntenstop', () => {
  const C = '30000003';
  let db: TestDatabase;
  let ds: DataSource;
  let runner: DetectorenRunner;
  let stop: string;

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    runner = new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), standaardDetectoren(loadConfig(testEnv(db.url)).detectoren));

    await sql(db.url, `INSERT INTO contract_aanbieder (agb) VALUES ($1), ($2)`, [C, B]);
    const [{ id: contract }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van)
       VALUES ('K-C', 'jeugd', 'R01', '{0363,0384}', $1, 'inspanningsgericht', '2026-01-01') RETURNING id::text AS id`,
      [C],
    );
    // A stop on ambulant care (categorie 45) for June, and one that ended before the days measured.
    [{ id: stop }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO contract_clientenstop (contract_id, soort, melding_datum, begindatum, einddatum, scope_categorieen, toestemming_datum, redenen_gegeven, voorstellen_gegeven)
       VALUES ($1, 'aanbieder', '2026-05-10', '2026-06-01', '2026-06-30', '{45}', '2026-05-20', true, true) RETURNING id::text AS id`,
      [contract],
    );
    await sql(
      db.url,
      `INSERT INTO contract_clientenstop (contract_id, soort, melding_datum, begindatum, einddatum, redenen_gegeven, voorstellen_gegeven)
       VALUES ($1, 'opdrachtgever', '2026-05-01', '2026-05-15', '2026-06-05', false, false)`,
      [contract],
    );
    const toewijzing = (nummer: string, aanbieder: string, gemeente: string, categorie: string, geregistreerd: string, datum = '2026-06-10') =>
      sql(
        db.url,
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, created_at)
         VALUES ('jeugd', $1, $2, $3, $4, $5, $6, '10:00:00', '2026-07-01', $7)`,
        [gemeente, nummer, aanbieder, BSN, JSON.stringify({ categorie, code: `${categorie}A01` }), datum, geregistreerd],
      );
    // Counted on 10 June: two new numbers in scope, in both gemeenten of the contract (23:30 Dutch time is still the 10th).
    await toewijzing('N1', C, '0363', '45', '2026-06-10T09:00:00+02');
    await toewijzing('N2', C, '0384', '45', '2026-06-10T23:30:00+02');
    // Not counted on the 10th: a new version of an older number, another categorie, another aanbieder,
    // a gemeente outside the contract, and a registration after midnight (counted on the 11th).
    await toewijzing('O1', C, '0363', '45', '2026-05-20T09:00:00+02', '2026-05-20');
    await toewijzing('O1', C, '0363', '45', '2026-06-10T11:00:00+02');
    await toewijzing('N3', C, '0363', '41', '2026-06-10T11:00:00+02');
    await toewijzing('N4', B, '0363', '45', '2026-06-10T11:00:00+02');
    await toewijzing('N5', C, '0599', '45', '2026-06-10T11:00:00+02');
    await toewijzing('N6', C, '0384', '45', '2026-06-10T22:30:00Z');
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('one signal per (stop, day) with the count of the day before vandaag, written once', async () => {
    await runner.runAll('2026-06-11', new Date('2026-06-11T04:00:00Z'));
    await runner.runAll('2026-06-11', new Date('2026-06-11T05:00:00Z'));
    await runner.runAll('2026-06-12', new Date('2026-06-12T04:00:00Z'));
    await runner.runAll('2026-06-13', new Date('2026-06-13T04:00:00Z')); // nothing new on the 12th

    const rijen = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'clientenstop.actief' ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`clientenstop-actief:${stop}:2026-06-10`, `clientenstop-actief:${stop}:2026-06-11`]);
    const [tiende, elfde] = rijen.map((r) => JSON.parse(r.body) as Signaal);
    expect(tiende).toMatchObject({
      domein: 'jeugd', gemeente: 'R01', aanbieder: C, ernst: 'waarschuwing', waargenomenOp: '2026-06-11T04:00:00.000Z', periode: { van: '2026-06-10', tot: '2026-06-10' },
      cijfers: { clientenstop: stop, soort: 'aanbieder', dag: '2026-06-10', nieuweToewijzingen: 2, stopBegindatum: '2026-06-01', stopEinddatum: '2026-06-30' },
    });
    expect(elfde.cijfers.nieuweToewijzingen).toBe(1);
    for (const r of rijen) expect(r.body).not.toContain(BSN);
  });
});

describe('termijn.aanbieder (OP271, OP272): late starts and stops per aanbieder, measured on the Dagtekening', () => {
  const D = '30000004'; // an aanbieder that reported everything in time
  let db: TestDatabase;
  let ds: DataSource;
  let runner: DetectorenRunner;

  /** A 305/307 over REST with its Dagtekening, and one levering row it wrote; inboundId null = the bericht is gone. */
  async function levering(
    l: { soort: 'start' | 'stop'; sleutel: string; start?: string; begindatum: string; einddatum?: string; reden?: string; dagtekening: string | null; toewijzing?: string; aanbieder?: string; status?: 'actueel' | 'verwijderd' },
  ): Promise<void> {
    const aanbieder = l.aanbieder ?? AGB;
    const inboundId = l.dagtekening === null ? null
      : await inbound(db.url, { bericht: l.soort === 'start' ? 'WMO305' : 'WMO307', status: 'verwerkt', kanaal: 'rest', ontvangen: `${l.dagtekening}T12:00:00+02`, dagtekening: l.dagtekening, afzender: aanbieder });
    await sql(
      db.url,
      `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, begindatum, einddatum, reden_beeindiging, status, inbound_id)
       VALUES ('wmo', '0384', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [l.toewijzing ?? `T-${l.start ?? l.sleutel}`, aanbieder, BSN, l.soort, l.sleutel, l.start ?? l.sleutel, l.begindatum, l.einddatum ?? null, l.reden ?? null, l.status ?? 'actueel', inboundId],
    );
  }

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    runner = new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), standaardDetectoren(loadConfig(testEnv(db.url)).detectoren));

    // April 2026 (tweede Paasdag 6 April, Koningsdag Monday 27 April), measured on 4 May.
    await levering({ soort: 'start', sleutel: 's1', begindatum: '2026-04-02', dagtekening: '2026-04-10' }); // 5th werkdag: in time
    await levering({ soort: 'start', sleutel: 's2', begindatum: '2026-04-02', dagtekening: '2026-04-15' }); // 8 werkdagen: 3 late
    // A retroactive 301 (first version 14 April): the start counts from it, 5 werkdagen to 21 April.
    await sql(
      db.url,
      `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, toewijzingsdatum, toewijzingstijd, ingangsdatum)
       VALUES ('wmo', '0384', 'T-s3', $1, $2, '2026-04-20', '09:00:00', '2026-03-01'), ('wmo', '0384', 'T-s3', $1, $2, '2026-04-14', '09:00:00', '2026-03-01')`,
      [AGB, BSN],
    );
    await levering({ soort: 'start', sleutel: 's3', begindatum: '2026-03-02', dagtekening: '2026-04-21' });
    await levering({ soort: 'stop', sleutel: 'p1', start: 's1', begindatum: '2026-04-02', einddatum: '2026-04-21', reden: '02', dagtekening: '2026-04-30' }); // 1 late
    await levering({ soort: 'stop', sleutel: 'p2', start: 's2', begindatum: '2026-04-02', einddatum: '2026-04-22', reden: '02', dagtekening: '2026-04-30' }); // in time
    // Not counted: a definitive stop after a temporary one, a deleted start, a bericht dated in May,
    // a levering whose bericht is gone, and the temporary stop itself (dated in March).
    await levering({ soort: 'start', sleutel: 's4', begindatum: '2026-02-02', dagtekening: '2026-02-03' });
    await levering({ soort: 'stop', sleutel: 'p4t', start: 's4', begindatum: '2026-02-02', einddatum: '2026-03-02', reden: '20', dagtekening: '2026-03-25' });
    await levering({ soort: 'stop', sleutel: 'p4d', start: 's4', begindatum: '2026-02-02', einddatum: '2026-03-02', reden: '02', dagtekening: '2026-04-28' });
    await levering({ soort: 'start', sleutel: 's5', begindatum: '2026-03-02', dagtekening: '2026-04-28', status: 'verwijderd' });
    await levering({ soort: 'start', sleutel: 's6', begindatum: '2026-03-02', dagtekening: '2026-05-02' });
    await levering({ soort: 'start', sleutel: 's7', begindatum: '2026-03-02', dagtekening: null });
    // D: on time only, on the boundary (Koningsdag in between): no signal.
    await levering({ soort: 'stop', sleutel: 'd1', begindatum: '2026-04-01', einddatum: '2026-04-22', reden: '02', dagtekening: '2026-04-30', aanbieder: D });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('fires one monthly figure for the aanbieder with late messages, once, without client data', async () => {
    await runner.runAll('2026-05-04', new Date('2026-05-04T04:00:00Z'));
    await runner.runAll('2026-05-04', new Date('2026-05-04T05:00:00Z'));
    await runner.runAll('2026-05-20'); // later in May: same month measured, same key

    const rijen = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'termijn.aanbieder' ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`termijn-aanbieder:wmo:0384:${AGB}:2026-04`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({
      domein: 'wmo', gemeente: '0384', aanbieder: AGB, contractId: null, regel: 'OP271, OP272', ernst: 'waarschuwing',
      periode: { van: '2026-04-01', tot: '2026-04-30' }, waargenomenOp: '2026-05-04T04:00:00.000Z',
      cijfers: { starts: 3, startsLaat: 1, stops: 2, stopsLaat: 1, laatPromille: 400, maxWerkdagenTeLaat: 3 },
    });
    expect(rijen[0].body).not.toContain(BSN);
  });
});

describe('contract.onvoldoende-inzet (ONVOLDOENDE-INZET, CS Wmo art. 1.6): 12-month windows against the register', () => {
  const E = '30000005'; // one aanbieder, five contracts with a norm each
  const BSN2 = '999900006';
  const BSN3 = '999900018';
  const BSN4 = '999900031';
  const BSN5 = '999900043';
  let db: TestDatabase;
  let ds: DataSource;
  let runner: DetectorenRunner;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    const inzet = standaardDetectoren(loadConfig(testEnv(db.url)).detectoren).filter((d) => d.naam === 'contract.onvoldoende-inzet');
    runner = new DetectorenRunner(ds, new OutboxSignaalWriter(new SignaalOutboxRepository(ds)), inzet);

    await sql(db.url, `INSERT INTO contract_aanbieder (agb) VALUES ($1)`, [E]);
    const norm = (soort: string, waarde: number, over: Record<string, unknown> = {}) =>
      JSON.stringify({ soort, waarde, gepubliceerdOp: '2023-12-01', vrijstelling: { schaars: false, uniek: false }, ktoScore: 7.2, ...over });
    for (const [kenmerk, inzetNorm] of [
      ['omzet', norm('omzet', 100_000)], // net 60.000 in the window: fires
      ['clienten', norm('clienten', 3, { vrijstelling: { schaars: false, uniek: true } })], // 2: fires, vrijgesteld
      ['trajecten', norm('trajecten', 3)], // 2: fires
      ['op-norm', norm('omzet', 60_000)], // exactly the net amount: nothing (without the credit it would be 110.000)
      ['laat', norm('omzet', 100_000, { gepubliceerdOp: '2025-05-01' })], // announced inside the April window: only from May
    ]) {
      [{ id: id[kenmerk] }] = await sql<{ id: string }>(
        db.url,
        `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, artikelen, inzet_norm)
         VALUES ($1, 'wmo', '0363', '{0363}', $2, 'inspanningsgericht', '2024-01-01', '{1.6}', $3) RETURNING id::text AS id`,
        [`K-IN-${kenmerk}`, E, inzetNorm],
      );
    }
    const [{ id: decl }] = await sql<{ id: string }>(
      db.url,
      `INSERT INTO register_declaratie (domein, gemeente, aanbieder, declaratienummer, periode_begin, periode_eind, bericht_identificatie, bericht_dagtekening,
                                        oordeel, totaal_ingediend_centen, totaal_toegekend_centen)
       VALUES ('wmo', '0363', $1, 'D-E1', '2024-02-01', '2025-07-31', 'ID-E1', '2025-08-05', 'prestaties', 0, 0) RETURNING id::text AS id`,
      [E],
    );
    // In the window April 2025 - March 2026: R-E1 60.000 (BSN, T-E1); R-E2 50.000 credited by R-E3 (net 0,
    // BSN2 and T-E2 no longer count); not counted: rejected R-E5, R-E6 in a gemeente outside the contract.
    // Before it: R-E4 (March 2025) and R-E7 200.000 (February 2024, so the windows from January and
    // February 2024 reach every norm: the episode starts later).
    await sql(
      db.url,
      `INSERT INTO client_register_prestatie (domein, gemeente, aanbieder, referentienummer, vorig_referentienummer, toewijzing_nummer, bsn, product_categorie, product_code,
                                              periode_begin, periode_eind, volume, eenheid, volume_basis, bedrag_centen, debet_credit, status, declaratie_id)
       VALUES ('wmo', '0363', $1, 'R-E1', NULL, 'T-E1', $2, '07', '07A01', '2025-05-01', '2025-05-31', 1, '14', 1, 60000, 'D', 'goedgekeurd', $6),
              ('wmo', '0363', $1, 'R-E2', NULL, 'T-E2', $3, '07', '07A01', '2025-06-01', '2025-06-30', 1, '14', 1, 50000, 'D', 'gecrediteerd', $6),
              ('wmo', '0363', $1, 'R-E3', 'R-E2', 'T-E2', $3, '07', '07A01', '2025-06-01', '2025-06-30', 1, '14', 1, -50000, 'C', 'goedgekeurd', $6),
              ('wmo', '0363', $1, 'R-E5', NULL, 'T-E6', $3, '07', '07A01', '2025-07-01', '2025-07-31', 1, '14', 1, 20000, 'D', 'afgewezen', $6),
              ('wmo', '0599', $1, 'R-E6', NULL, 'T-E7', $3, '07', '07A01', '2025-07-01', '2025-07-31', 1, '14', 1, 40000, 'D', 'goedgekeurd', $6),
              ('wmo', '0363', $1, 'R-E4', NULL, 'T-E4', $4, '07', '07A01', '2025-03-01', '2025-03-31', 1, '14', 1, 30000, 'D', 'goedgekeurd', $6),
              ('wmo', '0363', $1, 'R-E7', NULL, 'T-E5', $5, '07', '07A01', '2024-02-01', '2024-02-29', 1, '14', 1, 200000, 'D', 'goedgekeurd', $6)`,
      [E, BSN, BSN2, BSN4, BSN5, decl],
    );
    // Starts: T-E1 (BSN) from May 2025, running; T-E3 (BSN3) June 2024 to 15 April 2025; T-E4 (BSN4)
    // 10 January 2024 to 20 March 2025. Clients and trajecten in the window: BSN and BSN3, T-E1 and T-E3.
    await sql(
      db.url,
      `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, begindatum, einddatum, status)
       VALUES ('wmo', '0363', 'T-E1', $1, $2, 'start', 'e1', 'e1', '2025-05-01', NULL, 'actueel'),
              ('wmo', '0363', 'T-E3', $1, $3, 'start', 'e3', 'e3', '2024-06-01', NULL, 'actueel'),
              ('wmo', '0363', 'T-E3', $1, $3, 'stop', 'e3s', 'e3', '2024-06-01', '2025-04-15', 'actueel'),
              ('wmo', '0363', 'T-E4', $1, $4, 'start', 'e4', 'e4', '2024-01-10', NULL, 'actueel'),
              ('wmo', '0363', 'T-E4', $1, $4, 'stop', 'e4s', 'e4', '2024-01-10', '2025-03-20', 'actueel')`,
      [E, BSN, BSN3, BSN4],
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('fires per contract below its norm once per episode, the exempted one as vrijgesteld, with counts only', async () => {
    await runner.runAll('2026-04-10', new Date('2026-04-10T06:00:00Z'));
    await runner.runAll('2026-04-10', new Date('2026-04-10T07:00:00Z'));

    const rijen = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual(
      [
        // The omzet windows from March 2024 on hold at most 90.000; clients and trajecten were 3 up to the window from March 2025.
        `onvoldoende-inzet:${id.omzet}:2023-12-01:2024-03-01`,
        `onvoldoende-inzet:${id.trajecten}:2023-12-01:2025-04-01`,
        `onvoldoende-inzet-vrijgesteld:${id.clienten}:2023-12-01:2025-04-01`,
      ].sort(),
    );
    const s = Object.fromEntries(rijen.map((r) => [r.dedup_key.split(':')[1], JSON.parse(r.body) as Signaal]));
    const venster = { van: '2025-04-01', tot: '2026-03-31' };
    expect(s[id.omzet]).toMatchObject({
      type: 'contract.onvoldoende-inzet', ernst: 'waarschuwing', aanbieder: E, regel: 'CS Wmo art. 1.6', periode: venster, waargenomenOp: '2026-04-10T06:00:00.000Z',
      cijfers: { soort: 'omzet', normCenten: 100_000, waardeCenten: 60_000, onderNormSinds: '2024-03-01', schaars: 'nee', uniek: 'nee', ktoScore: 7.2, opzegtermijnMaanden: 6 },
    });
    expect(s[id.clienten]).toMatchObject({ type: 'contract.onvoldoende-inzet-vrijgesteld', ernst: 'info', periode: venster, cijfers: { soort: 'clienten', norm: 3, waarde: 2, uniek: 'ja' } });
    expect(s[id.trajecten]).toMatchObject({ type: 'contract.onvoldoende-inzet', periode: venster, cijfers: { soort: 'trajecten', norm: 3, waarde: 2 } });

    // May: the windows still below keep their keys; 'laat' now has a window starting on its publication day.
    await runner.runAll('2026-05-04');
    const mei = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox ORDER BY dedup_key`);
    expect(mei.map((r) => r.dedup_key)).toEqual([...rijen.map((r) => r.dedup_key), `onvoldoende-inzet:${id.laat}:2025-05-01:2025-05-01`].sort());
    expect(JSON.parse(mei.find((r) => r.dedup_key.includes(id.laat))?.body ?? '{}')).toMatchObject({
      periode: { van: '2025-05-01', tot: '2026-04-30' }, cijfers: { normCenten: 100_000, waardeCenten: 60_000, onderNormSinds: '2025-05-01' },
    });
    const bodies = mei.map((r) => r.body).join('\n');
    for (const bsn of [BSN, BSN2, BSN3, BSN4, BSN5]) expect(bodies).not.toContain(bsn);
  });
});

/** A database of its own with the standard detectors for one describe: made before its tests, dropped after. */
function detectorOmgeving(): { readonly db: TestDatabase; readonly ds: DataSource; readonly runner: DetectorenRunner } {
  const o = {} as { db: TestDatabase; ds: DataSource; runner: DetectorenRunner };
  beforeAll(async () => {
    o.db = await testDatabase();
    o.ds = await createDataSource(o.db.url).initialize();
    o.runner = new DetectorenRunner(o.ds, new OutboxSignaalWriter(new SignaalOutboxRepository(o.ds)), standaardDetectoren(loadConfig(testEnv(o.db.url)).detectoren));
  });
  afterAll(async () => {
    await o.ds?.destroy();
    await o.db?.drop();
  });
  return o;
}

describe('clientenstop.opheffen (BR-STOP-OPHEFFEN, CS Wmo art. 1.5.10): room again under a 1.5.9 stop', () => {
  const D = '30000009';
  const omgeving = detectorOmgeving();
  let boeker: PostgresBestedingsruimteBoeker;
  let contractId: string;
  let stop: string;

  beforeAll(async () => {
    const { ds } = omgeving;
    const writer = new OutboxSignaalWriter(new SignaalOutboxRepository(ds));
    const repository = new ContractRepository(ds);
    boeker = new PostgresBestedingsruimteBoeker(repository, writer);
    ({ id: contractId } = await new ContractenService(ds, repository).maak(testContract('K-OPHEF', {
      aanbieder: { agb: D },
      bestedingsruimtes: [
        { van: '2026-01-01', tot: '2026-12-31', budgetCenten: 10_000_000, versie: 1 },
        { van: '2027-01-01', tot: '2027-12-31', budgetCenten: 12_000_000, versie: 1 },
      ],
    })));
    const stops = new ClientenstopService(ds, repository, writer);
    await boek(10_000_000); // 100 % reached in August: the parties decide a stop (art. 1.5.9)
    ({ id: stop } = await stops.registreer(contractId, { soort: 'bestedingsruimte', meldingDatum: '2026-08-20', begindatum: '2026-09-01', redenenGegeven: true, voorstellenGegeven: true }));
    // A stop of another soort on the same contract never asks to be lifted for budget reasons.
    await stops.registreer(contractId, { soort: 'aanbieder', meldingDatum: '2026-08-01', begindatum: '2026-08-20', toestemmingDatum: '2026-08-10', redenenGegeven: true, voorstellenGegeven: true });
  });

  /** A booking (a credit when negative) on the bestedingsruimte through the declaratie path's boeker. */
  function boek(centen: number, datum = '2026-08-15'): Promise<void> {
    return boeker.boek(omgeving.ds.manager, { domein: 'wmo', gemeente: '0363', aanbieder: D, contractId, datum, centen, correlationId: 'test' });
  }

  async function signalen(): Promise<Signaal[]> {
    const rijen = await sql<{ body: string }>(omgeving.db.url, `SELECT body FROM signaal_outbox WHERE type = 'clientenstop.opheffen' ORDER BY id`);
    for (const r of rijen) expect(r.body).not.toMatch(/bsn|naam|geboortedatum/i);
    return rijen.map((r) => JSON.parse(r.body) as Signaal);
  }

  it('fires once per change (credits, again after a new firing of 100 %, a new period), never while the amount is used up', async () => {
    await omgeving.runner.runAll('2026-09-10', new Date('2026-09-10T04:00:00Z'));
    expect(await signalen()).toEqual([]);

    await boek(-250_000); // a credit: 97.5 %, room for € 2.500
    await omgeving.runner.runAll('2026-09-11', new Date('2026-09-11T04:00:00Z'));
    await omgeving.runner.runAll('2026-09-11', new Date('2026-09-11T05:00:00Z'));
    await omgeving.runner.runAll('2026-09-12', new Date('2026-09-12T04:00:00Z'));
    const [eerste, ...meer] = await signalen();
    expect(meer).toEqual([]);
    expect(eerste).toMatchObject({
      domein: 'wmo', gemeente: '0363', aanbieder: D, contractId, regel: 'CS Wmo art. 1.5.10', ernst: 'waarschuwing', periode: { van: '2026-01-01', tot: '2026-12-31' },
      cijfers: { clientenstop: stop, stopBegindatum: '2026-09-01', stopEinddatum: 'open', bestedingsruimteCenten: 10_000_000, besteedCenten: 9_750_000, ruimteCenten: 250_000, besteedPromille: 975, versie: 1, keer100: 1 },
    });

    await boek(250_000); // used up again: 100 % fires a second time
    await omgeving.runner.runAll('2026-09-20', new Date('2026-09-20T04:00:00Z'));
    expect(await signalen()).toHaveLength(1);
    await boek(-1); // and room again: a new change
    await omgeving.runner.runAll('2026-09-21', new Date('2026-09-21T04:00:00Z'));
    const na = await signalen();
    expect(na).toHaveLength(2);
    expect(na[1].cijfers).toMatchObject({ ruimteCenten: 1, keer100: 2 });
    expect(na[1].dedupKey).not.toBe(na[0].dedupKey);

    // A new period with its own amount: room, once.
    await omgeving.runner.runAll('2027-01-04', new Date('2027-01-04T04:00:00Z'));
    await omgeving.runner.runAll('2027-01-05', new Date('2027-01-05T04:00:00Z'));
    const nieuw = await signalen();
    expect(nieuw).toHaveLength(3);
    expect(nieuw[2]).toMatchObject({ periode: { van: '2027-01-01', tot: '2027-12-31' }, cijfers: { bestedingsruimteCenten: 12_000_000, besteedCenten: 0, keer100: 0 } });
  });
});

describe('termijn.aanbieder-retour (TERMIJN-AANBIEDER, OP090): the aanbieder\'s 302/320 on our 301/319 within 3 werkdagen', () => {
  const X = '30000011';
  const omgeving = detectorOmgeving();

  /** Our 301/319 from the backoffice (REST), its Di01 accepted by the GGK at `verzonden`, and the aanbieder's retour if it came. */
  async function heen(identificatie: string, bericht: string, verzonden: string, retour: string | null, o: { aanbieder?: string; status?: 'verzonden' | 'te_verzenden' } = {}): Promise<void> {
    const aanbieder = o.aanbieder ?? X;
    const id = await inbound(omgeving.db.url, { bericht, status: 'verwerkt', ontvangen: verzonden, kanaal: 'rest', afzender: '0363', ontvanger: aanbieder, identificatie, dagtekening: '2026-05-01' });
    await sql(
      omgeving.db.url,
      `INSERT INTO client_outbound_bericht (soort, functie, referentienummer, envelop, byte_size, inbound_id, correlation_id, status, next_attempt_at, sent_at)
       VALUES ('Di01', $1, $2, '<envelop/>', 10, $3, 'test', $4::varchar, CASE WHEN $4::varchar = 'te_verzenden' THEN now() END, CASE WHEN $4::varchar = 'verzonden' THEN $5::timestamptz END)`,
      [bericht, randomUUID(), id, o.status ?? 'verzonden', verzonden],
    );
    // The retour copies the heenbericht's header: Afzender the gemeente, the same BerichtIdentificatie.
    if (retour) await inbound(omgeving.db.url, { bericht: bericht.replace(/301$/, '302').replace(/319$/, '320'), status: 'verwerkt', ontvangen: retour, afzender: '0363', ontvanger: aanbieder, identificatie, dagtekening: '2026-05-01' });
  }

  beforeAll(async () => {
    await heen('H1', 'WMO301', '2026-05-06T10:00:00+02', '2026-05-11T16:00:00+02'); // deadline 11 May: in time
    await heen('H2', 'WMO301', '2026-05-13T10:00:00+02', '2026-05-20T09:00:00+02'); // deadline 19 May: 1 werkdag late
    await heen('H3', 'WMO319', '2026-05-20T10:00:00+02', null); // deadline 26 May: missing
    await heen('H4', 'WMO301', '2026-05-19T23:30:00+02', '2026-05-25T08:00:00+02'); // deadline 22 May (23:30 Dutch time is still the 19th); Pinkstermaandag: in time
    // Near misses: a deadline in June, a Di01 not yet accepted, another aanbieder all in time, a retour of another heenbericht.
    await heen('H5', 'WMO301', '2026-05-27T10:00:00+02', null);
    await heen('H6', 'WMO301', '2026-05-06T10:00:00+02', null, { status: 'te_verzenden' });
    await heen('H7', 'WMO301', '2026-05-06T10:00:00+02', '2026-05-07T10:00:00+02', { aanbieder: '30000012' });
    await inbound(omgeving.db.url, { bericht: 'WMO302', status: 'verwerkt', ontvangen: '2026-05-21T10:00:00+02', afzender: '0363', ontvanger: X, identificatie: 'H3-ANDERS', dagtekening: '2026-05-01' });
  });

  it('one monthly figure per aanbieder with a late or missing retour, written once, no client data', async () => {
    await omgeving.runner.runAll('2026-06-01', new Date('2026-06-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-06-02', new Date('2026-06-02T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'termijn.aanbieder-retour'`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`termijn-aanbieder-retour:wmo:0363:${X}:2026-05`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({
      regel: 'OP090', gemeente: '0363', aanbieder: X, ernst: 'waarschuwing', periode: { van: '2026-05-01', tot: '2026-05-31' },
      cijfers: { heenberichten: 4, inTijd: 2, laat: 1, ontbreekt: 1, nietOpTijdPromille: 500, maxWerkdagenTeLaat: 1, termijnWerkdagen: 3 },
    });
    expect(rijen[0].body).not.toContain(BSN);
  });
});

describe('beeindiging.aanbieder (BEEINDIGING-AANBIEDER, CS Wmo art. 3.7): leveringen the aanbieder ended on its own', () => {
  const Y = '30000013';
  const omgeving = detectorOmgeving();

  beforeAll(async () => {
    const stop = (domein: string, nummer: string | null, reden: string, geregistreerd: string, status = 'actueel', sleutel = randomUUID()) =>
      sql(
        omgeving.db.url,
        `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, begindatum, einddatum, reden_beeindiging, status, created_at)
         VALUES ($1, '0363', $2, $3, $4, 'stop', $5, $5, '2026-01-01', '2026-06-10', $6, $7, $8)`,
        [domein, nummer, Y, BSN, sleutel, reden, status, geregistreerd],
      );
    // June 2026: three Wmo stops "eenzijdig door aanbieder" (22) on two toewijzingen, one Jeugd (33).
    await stop('wmo', 'T1', '22', '2026-06-10T10:00:00+02');
    await stop('wmo', 'T1', '22', '2026-06-11T10:00:00+02');
    await stop('wmo', 'T2', '22', '2026-06-30T23:30:00+02'); // still 30 June in Dutch time
    await stop('jeugd', null, '33', '2026-06-15T10:00:00+02');
    // Not counted: other reasons (33 is not this reason in the Wmo, 22 not in the Jeugd), a deleted stop, July, May.
    await stop('wmo', 'T3', '33', '2026-06-12T10:00:00+02');
    await stop('jeugd', 'J2', '22', '2026-06-12T10:00:00+02');
    await stop('wmo', 'T4', '22', '2026-06-12T10:00:00+02', 'verwijderd');
    await stop('wmo', 'T5', '22', '2026-07-01T00:30:00+02');
    await stop('wmo', 'T6', '22', '2026-05-31T23:30:00+02');
  });

  it('one monthly count per (domein, gemeente, aanbieder), written once, no client data', async () => {
    await omgeving.runner.runAll('2026-07-01', new Date('2026-07-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-07-02', new Date('2026-07-02T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'beeindiging.aanbieder' ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`beeindiging-aanbieder:jeugd:0363:${Y}:2026-06`, `beeindiging-aanbieder:wmo:0363:${Y}:2026-06`]);
    expect(rijen.map((r) => (JSON.parse(r.body) as Signaal).cijfers)).toEqual([
      { beeindigd: 1, toewijzingen: 1, redenBeeindiging: '33' },
      { beeindigd: 3, toewijzingen: 2, redenBeeindiging: '22' },
    ]);
    for (const r of rijen) expect(r.body).not.toContain(BSN);
  });
});

describe('bericht.uitval-maand (BERICHT-UITVAL, HR §16): rejected 305/307/315/317 per aanbieder by retourcode', () => {
  const Z = '30000014';
  const omgeving = detectorOmgeving();

  /** A heenbericht of aanbieder Z processed at `verwerkt`, with the retour's codes as the pipeline records them in `antwoord`. */
  async function verwerkt(bericht: string, status: string, verwerktOp: string, codes: Array<{ locatie: string; codes: string[] }> | null): Promise<void> {
    const id = await inbound(omgeving.db.url, { bericht, status, ontvangen: verwerktOp, afzender: Z, ontvanger: '0363' });
    const antwoord = codes === null ? null : { envelop: 'Du01', functie: bericht.replace(/5$/, '6').replace(/7$/, '8'), referentienummer: null, crossRefnummer: null, outboxId: null, retourcodes: codes };
    await sql(omgeving.db.url, 'UPDATE client_inbound_bericht SET processed_at = $2, antwoord = $3 WHERE id = $1', [id, verwerktOp, antwoord === null ? null : JSON.stringify(antwoord)]);
  }

  beforeAll(async () => {
    await verwerkt('WMO305', 'verwerkt', '2026-04-02T10:00:00+02', [{ locatie: '/Bericht/Header', codes: ['0200'] }]);
    await verwerkt('WMO307', 'afgekeurd', '2026-04-03T10:00:00+02', [{ locatie: '/Bericht/Header', codes: ['0200'] }, { locatie: '/Bericht/Client/StopProducten/StopProduct', codes: ['8001', '9074'] }]);
    await verwerkt('WMO315', 'afgekeurd', '2026-04-30T23:30:00+02', [{ locatie: '/Bericht/Header', codes: ['0001'] }]);
    await verwerkt('WMO317', 'uitval', '2026-04-10T10:00:00+02', null);
    // Not counted: March, a retour from the aanbieder, a bericht still being processed.
    await verwerkt('WMO305', 'afgekeurd', '2026-03-31T23:30:00+02', [{ locatie: '/Bericht/Header', codes: ['0001'] }]);
    await verwerkt('WMO302', 'afgekeurd', '2026-04-05T10:00:00+02', null);
    await inbound(omgeving.db.url, { bericht: 'WMO305', status: 'in_verwerking', ontvangen: '2026-04-20T10:00:00+02', afzender: Z, ontvanger: '0363' });
  });

  it('one monthly figure with each RetourCode counted, written once', async () => {
    await omgeving.runner.runAll('2026-05-01', new Date('2026-05-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-05-02', new Date('2026-05-02T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'bericht.uitval-maand'`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`bericht-uitval-maand:wmo:0363:${Z}:2026-04`]);
    expect((JSON.parse(rijen[0].body) as Signaal).cijfers).toEqual({
      berichten: 4, afgekeurd: 2, uitval: 1, nietVerwerktPromille: 750, 'aantal.0001': 1, 'aantal.8001': 1, 'aantal.9074': 1,
    });
  });
});

describe('contract.einde-lopende-zorg (EINDE-MET-LOPENDE-ZORG, CS Wmo art. 3.19.6): zorg running past the end of a contract', () => {
  const E = '30000015';
  const F = '30000016'; // its contract is continued by a new one: no transfer
  const omgeving = detectorOmgeving();
  let contract: string;

  beforeAll(async () => {
    const url = omgeving.db.url;
    await sql(url, `INSERT INTO contract_aanbieder (agb) VALUES ($1), ($2)`, [E, F]);
    [{ id: contract }] = await sql<{ id: string }>(url,
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, looptijd_tot, besluitdatum)
       VALUES ('K-E', 'wmo', '0363', '{0363}', $1, 'inspanningsgericht', '2024-01-01', '2026-12-31', '2026-01-15') RETURNING id::text AS id`, [E]);
    await sql(url,
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, looptijd_tot, besluitdatum)
       VALUES ('K-F1', 'wmo', '0363', '{0363}', $1, 'inspanningsgericht', '2024-01-01', '2026-12-31', '2026-01-15'),
              ('K-F2', 'wmo', '0363', '{0363}', $1, 'inspanningsgericht', '2027-01-01', '2028-12-31', '2026-01-15')`, [F]);
    const toewijzing = (aanbieder: string, nummer: string, td: string, eind: string | null, reden: string | null = null, ingang = '2026-01-01') =>
      sql(url,
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, reden_wijziging)
         VALUES ('wmo', '0363', $1, $2, $3, $4, '10:00:00', $5, $6, $7)`, [nummer, aanbieder, BSN, td, ingang, eind, reden]);
    await toewijzing(E, 'E1', '2025-12-01', null); // runs on: counted
    await toewijzing(E, 'E2', '2025-12-01', '2027-06-30'); // past the end: counted
    await toewijzing(E, 'E3', '2025-12-01', '2026-11-30'); // ends before it
    await toewijzing(E, 'E4', '2025-12-01', null);
    await toewijzing(E, 'E4', '2026-03-01', '2026-06-30', '01'); // its actual version ends before
    await toewijzing(E, 'E5', '2025-12-01', '2026-01-01', '13'); // deleted
    await toewijzing(F, 'F1', '2025-12-01', null); // continued by K-F2
    await sql(url,
      `INSERT INTO client_register_levering (domein, gemeente, toewijzing_nummer, aanbieder, bsn, soort, sleutel, start_sleutel, begindatum, einddatum, status)
       VALUES ('wmo', '0363', 'E1', $1, $2, 'start', 's1', 's1', '2026-01-05', NULL, 'actueel'),
              ('wmo', '0363', 'E3', $1, $2, 'start', 's3', 's3', '2026-01-05', NULL, 'actueel'),
              ('wmo', '0363', 'E3', $1, $2, 'stop', 'x3', 's3', '2026-01-05', '2026-11-30', 'actueel')`, [E, BSN]);
  });

  it('monthly from 6 months before the end, written once a month, not for a contract that another continues', async () => {
    await omgeving.runner.runAll('2026-06-15', new Date('2026-06-15T04:00:00Z')); // more than 6 months ahead
    await omgeving.runner.runAll('2026-07-01', new Date('2026-07-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-07-20', new Date('2026-07-20T04:00:00Z'));
    await omgeving.runner.runAll('2026-08-03', new Date('2026-08-03T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'contract.einde-lopende-zorg' ORDER BY dedup_key`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`einde-lopende-zorg:${contract}:2026-12-31:2026-07`, `einde-lopende-zorg:${contract}:2026-12-31:2026-08`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({
      aanbieder: E, contractId: contract, cijfers: { einddatum: '2026-12-31', dagenTotEinde: 183, toewijzingenNaEinde: 2, startsNaEinde: 1 },
    });
    for (const r of rijen) expect(r.body).not.toContain(BSN);
  });
});

describe('bestedingsruimte.zienswijze and .besluit (BR-ZIENSWIJZE, BR-BESLUIT, CS Wmo art. 1.5.1/1.5.2): the next period', () => {
  const omgeving = detectorOmgeving();
  let contractId: string;
  let ruimtes: BestedingsruimteService;

  beforeAll(async () => {
    const repository = new ContractRepository(omgeving.ds);
    ruimtes = new BestedingsruimteService(omgeving.ds, repository, new PostgresBestedingsruimteBoeker(repository, new OutboxSignaalWriter(new SignaalOutboxRepository(omgeving.ds))));
    ({ id: contractId } = await new ContractenService(omgeving.ds, repository).maak(testContract('K-BESLUIT', { aanbieder: { agb: '30000017' } })));
  });

  it('the zienswijze deadline, the decision deadline and its passing, each once; a registered next period ends them', async () => {
    const run = (vandaag: string) => omgeving.runner.runAll(vandaag, new Date(`${vandaag}T04:00:00Z`));
    for (const vandaag of ['2026-06-05', '2026-06-06', '2026-09-15', '2026-09-16', '2026-10-02', '2026-10-03']) await run(vandaag);
    await ruimtes.voegToe(contractId, { van: '2027-01-01', tot: '2027-12-31', budgetCenten: 11_000_000 });
    await run('2026-10-04');
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url,
      `SELECT dedup_key, body FROM signaal_outbox WHERE type IN ('bestedingsruimte.zienswijze', 'bestedingsruimte.besluit') ORDER BY id`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([
      `bestedingsruimte-zienswijze:${contractId}:2027-01-01`,
      `bestedingsruimte-besluit:${contractId}:2027-01-01:bijna`,
      `bestedingsruimte-besluit:${contractId}:2027-01-01:verlopen`,
    ]);
    expect(JSON.parse(rijen[2].body)).toMatchObject({ ernst: 'kritiek', cijfers: { besluitUiterlijk: '2026-09-30', dagenTotBesluit: -2 } });
    // The 2027 period is the contract's last (it ends 2027-12-31): no next one is due.
    await run('2027-09-15');
    expect(await sql(omgeving.db.url, `SELECT 1 FROM signaal_outbox WHERE dedup_key LIKE 'bestedingsruimte-besluit:%:2028-01-01:%'`)).toEqual([]);
  });
});

describe('contract.looptijd (LOOPTIJD-CHECK, HR §14): a term other than 4 years without a motivation, on registration', () => {
  const omgeving = detectorOmgeving();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const service = new ContractenService(omgeving.ds, new ContractRepository(omgeving.ds));
    const maak = async (kenmerk: string, agb: string, over: Record<string, unknown>, geregistreerd: string) => {
      ids[kenmerk] = (await service.maak(testContract(kenmerk, { aanbieder: { agb }, ...over }))).id;
      await sql(omgeving.db.url, 'UPDATE contract SET created_at = $2 WHERE id = $1', [ids[kenmerk], geregistreerd]);
    };
    await maak('K-3J', '30000018', {}, '2026-01-20T10:00:00+01'); // 2026-2027 + 12 months: 3 years
    await maak('K-4J', '30000019', { verlengopties: [{ maanden: 12 }, { maanden: 12 }] }, '2026-01-20T10:00:00+01');
    await maak('K-MOT', '30000020', { looptijdMotivatie: 'zie inkoopdocument' }, '2026-01-20T10:00:00+01');
    await maak('K-OUD', '30000021', {}, '2025-11-01T10:00:00+01'); // registered long before: not checked now
  });

  it('fires once for the deviating contract registered lately, not for 4 years, a motivation or an old registration', async () => {
    await omgeving.runner.runAll('2026-02-01', new Date('2026-02-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-02-02', new Date('2026-02-02T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'contract.looptijd'`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`contract-looptijd:${ids['K-3J']}:2026-01-01:2028-12-31`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({ contractId: ids['K-3J'], ernst: 'info', cijfers: { maandenTotaal: 36, normMaanden: 48 } });
    expect(rijen[0].body).not.toContain('inkoopdocument');
  });
});

describe('bestedingsruimte.dreigt (BR-DREIGT, HR §10): overspending threatens at the run-rate of the last months', () => {
  const omgeving = detectorOmgeving();
  const contracten: Record<string, string> = {};

  beforeAll(async () => {
    const repository = new ContractRepository(omgeving.ds);
    const service = new ContractenService(omgeving.ds, repository);
    const boeker = new PostgresBestedingsruimteBoeker(repository, new OutboxSignaalWriter(new SignaalOutboxRepository(omgeving.ds)));
    for (const [kenmerk, agb, perMaand] of [['K-SNEL', '30000022', 1_200_000], ['K-RUSTIG', '30000023', 500_000]] as const) {
      contracten[kenmerk] = (await service.maak(testContract(kenmerk, { aanbieder: { agb } }))).id;
      for (const datum of ['2026-01-15', '2026-02-01', '2026-03-31']) {
        await boeker.boek(omgeving.ds.manager, { domein: 'wmo', gemeente: '0363', aanbieder: agb, contractId: contracten[kenmerk], datum, centen: perMaand, correlationId: 'test' });
      }
    }
  });

  it('books per month in the booking statement, and fires once for the contract heading above its amount', async () => {
    expect(await sql(omgeving.db.url, `SELECT maand::text, centen::int FROM bestedingsruimte_maand WHERE contract_id = $1 ORDER BY maand`, [contracten['K-SNEL']])).toEqual([
      { maand: '2026-01-01', centen: 1_200_000 }, { maand: '2026-02-01', centen: 1_200_000 }, { maand: '2026-03-01', centen: 1_200_000 },
    ]);
    await omgeving.runner.runAll('2026-04-02', new Date('2026-04-02T04:00:00Z'));
    await omgeving.runner.runAll('2026-04-03', new Date('2026-04-03T04:00:00Z'));
    const rijen = await sql<{ body: string }>(omgeving.db.url, `SELECT body FROM signaal_outbox WHERE type = 'bestedingsruimte.dreigt'`);
    expect(rijen.map((r) => (JSON.parse(r.body) as Signaal).contractId)).toEqual([contracten['K-SNEL']]);
    // 3,600,000 booked + 1,200,000 x 9 months left = 14,400,000 against 10,000,000.
    expect(JSON.parse(rijen[0].body)).toMatchObject({ cijfers: { besteedCenten: 3_600_000, prognoseCenten: 14_400_000, runRateCenten: 1_200_000, maandenResterend: 9 } });
  });
});

describe('wmo.voor-18 (WMO-VOOR-18, CS Wmo art. 1.7.2): Wmo support starting before 18 without the gemeente\'s approval', () => {
  const G = '30000025';
  const omgeving = detectorOmgeving();
  let contractId: string;
  const ref: Record<string, string> = {};

  beforeAll(async () => {
    const repository = new ContractRepository(omgeving.ds);
    ({ id: contractId } = await new ContractenService(omgeving.ds, repository).maak(testContract('K-18', { aanbieder: { agb: G }, artikelen: ['1.5', '1.7'] })));
    const toestemmingen = new ToestemmingService(omgeving.ds, repository);
    await toestemmingen.registreerVoor18(contractId, { toewijzingNummer: '00000702', datum: '2026-03-01' });
    await expect(toestemmingen.registreerVoor18(contractId, { toewijzingNummer: '702', datum: '2026-03-02' })).rejects.toMatchObject({ code: 'CONTRACT.TOESTEMMING_DUPLICATE' });
    await expect(toestemmingen.registreerVoor18(contractId, { toewijzingNummer: '703', gemeente: '0599', datum: '2026-03-02' })).rejects.toMatchObject({ code: 'CONTRACT.TOESTEMMING_INVALID' });
    const zonder = await new ContractenService(omgeving.ds, repository).maak(testContract('K-18-ZONDER', { aanbieder: { agb: '30000026' } }));
    await expect(toestemmingen.registreerVoor18(zonder.id, { toewijzingNummer: '1', datum: '2026-03-02' })).rejects.toMatchObject({
      code: 'CONTRACT.TOESTEMMING_INVALID', message: 'an approval before 18 belongs to a Wmo contract with optional article 1.7',
    });
    const toewijzing = async (nummer: string, geboortedatum: string, geregistreerd: string, ingang = '2026-04-01') => {
      const [{ id }] = await sql<{ id: string }>(omgeving.db.url,
        `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, toewijzingsdatum, toewijzingstijd, ingangsdatum, geboortedatum, created_at)
         VALUES ('wmo', '0363', $1, $2, $3, '2026-03-10', '10:00:00', $4, $5, $6) RETURNING id::text AS id`, [nummer, G, BSN, ingang, geboortedatum, geregistreerd]);
      ref[nummer] = `toewijzing-${id.padStart(12, '0')}`;
    };
    await toewijzing('701', '2008-06-15', '2026-03-10T10:00:00+01'); // 17 at the start, no approval: counted
    await toewijzing('702', '2008-06-15', '2026-03-10T10:00:00+01'); // approved
    await toewijzing('704', '2007-01-15', '2026-03-10T10:00:00+01'); // 19 at the start
    await toewijzing('705', '2008-06-15', '2026-02-27T10:00:00+01'); // registered in February
  });

  it('one monthly count per contract with opaque references, written once; the approved and the adults are not in it', async () => {
    await omgeving.runner.runAll('2026-04-01', new Date('2026-04-01T04:00:00Z'));
    await omgeving.runner.runAll('2026-04-02', new Date('2026-04-02T04:00:00Z'));
    const rijen = await sql<{ dedup_key: string; body: string }>(omgeving.db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'wmo.voor-18'`);
    expect(rijen.map((r) => r.dedup_key)).toEqual([`wmo-voor-18:0363:${G}:${contractId}:2026-03`]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({ contractId, cijfers: { zonderToestemming: 1, datumOnzeker: 0, referenties: ref['701'] } });
    expect(rijen[0].body).not.toContain(BSN);
    expect(rijen[0].body).not.toContain('2008-06-15');
  });
});
