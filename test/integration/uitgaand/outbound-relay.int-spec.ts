import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildDu01, buildFo01 } from '../../../src/ggk/envelop';
import { InboundBericht } from '../../../src/ingest';
import type { UitgaandConfig } from '../../../src/platform/config';
import { createDataSource } from '../../../src/platform/database';
import { createLogger, type Logger } from '../../../src/platform/logging';
import {
  FetchGgkVerzender,
  OutboundBericht,
  OutboundBerichtRepository,
  OutboundRelay,
  OutboxError,
  TypeOrmOutboxWriter,
  UitgaandEvents,
  type GgkVerzender,
  type UitgaandBericht,
} from '../../../src/uitgaand';
import { eventually } from '../../support/app';
import { sql } from '../../support/database';
import { FakeGgk, SOAP_ACTIONS } from '../../support/fake-ggk';
import { testGgkSchemas } from '../../support/ggk';
import { voorbeeld } from '../../support/istandaarden';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const WMO306 = voorbeeld('WMO306');
const BSN = '999900006';
const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };
const ZENDER = { organisatie: '0363', applicatie: 'istd-gateway' };
/** Short waits so retries happen within the test's deadline; never used to synchronise. */
const SNEL: Omit<UitgaandConfig, 'enabled'> = { batchSize: 5, pollIntervalMs: 20, timeoutMs: 2000, maxPogingen: 8, backoffBaseMs: 10, backoffMaxMs: 50 };
let volgnummer = 0;

/** A WMO306 retourbericht in a Du01, as the processing step writes it. */
function du01(): UitgaandBericht {
  const crossRefnummer = randomUUID();
  const e = buildDu01({ zender: ZENDER, ontvanger: '65656055', functie: 'WMO306', parameters: PARAMETERS, bericht: WMO306, crossRefnummer });
  return { soort: 'Du01', functie: 'WMO306', referentienummer: e.referentienummer, crossRefnummer, envelop: e.xml, inboundId: null, correlationId: `relay-test-${volgnummer++}` };
}

function fo01(): UitgaandBericht {
  const refused = randomUUID();
  const e = buildFo01({
    zender: ZENDER,
    antwoordOp: {
      stuurgegevens: {
        berichtcode: 'Di01',
        zender: { organisatie: '65656055', applicatie: 'Aanbiedersysteem' },
        ontvanger: { organisatie: '0363', applicatie: 'GGk' },
        referentienummer: refused,
        tijdstipBericht: '20260101120000000',
        functie: 'WMO305',
      },
      parameters: PARAMETERS,
    },
    fout: { code: 'StUF055', omschrijving: 'Berichtbody is niet conform schema in sectormodel' },
  });
  return { soort: 'Fo01', functie: null, referentienummer: e.referentienummer, crossRefnummer: refused, envelop: e.xml, inboundId: null, correlationId: `relay-test-${volgnummer++}` };
}

function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString('utf8')), cb()) }));
  return { logger, lines };
}

describe('outbound relay to the GGK', () => {
  let db: TestDatabase;
  let dsA: DataSource;
  let dsB: DataSource;
  let repoA: OutboundBerichtRepository;
  let writer: TypeOrmOutboxWriter;
  let fake: FakeGgk;
  const relays: OutboundRelay[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    dsA = await createDataSource(db.url, [InboundBericht, OutboundBericht]).initialize();
    dsB = await createDataSource(db.url, [InboundBericht, OutboundBericht]).initialize();
    repoA = new OutboundBerichtRepository(dsA);
    const events = new UitgaandEvents(dsA);
    events.onModuleInit();
    writer = new TypeOrmOutboxWriter(repoA, events);
    fake = await FakeGgk.start({ schemas: await testGgkSchemas() });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await fake.up();
    fake.gedrag = { soort: 'bv03' };
    fake.wis();
  });

  afterAll(async () => {
    await fake?.stop();
    await dsA?.destroy();
    await dsB?.destroy();
    await db?.drop();
  });

  function relay(options: Partial<Omit<UitgaandConfig, 'enabled'>> = {}, ds = dsA, logger: Logger = createLogger('silent'), verzender?: GgkVerzender): OutboundRelay {
    const o = { ...SNEL, ...options };
    const r = new OutboundRelay({ repository: new OutboundBerichtRepository(ds), verzender: verzender ?? new FetchGgkVerzender(fake.url, o.timeoutMs), options: o, logger });
    relays.push(r);
    return r;
  }

  async function schrijf(berichten: UitgaandBericht[]): Promise<string[]> {
    return dsA.transaction(async (tx) => Promise.all(berichten.map((b) => writer.schrijf(tx, b))));
  }

  type Rij = { id: string; referentienummer: string; status: string; attempts: number; last_error: string | null; last_http_status: number | null; antwoord_refnummer: string | null };
  async function rijen(ids: string[]): Promise<Rij[]> {
    return sql<Rij>(db.url, `SELECT id, referentienummer, status, attempts, last_error, last_http_status, antwoord_refnummer FROM client_outbound_bericht WHERE id = ANY($1) ORDER BY created_at, id`, [ids]);
  }

  /** Waits until none of the rows is te_verzenden any more. */
  async function klaar(ids: string[]): Promise<Rij[]> {
    return eventually(async () => {
      const r = await rijen(ids);
      return r.every((x) => x.status !== 'te_verzenden') ? r : undefined;
    }, `rows ${ids.length} delivered or given up`);
  }

  const verzoekenVoor = (ref: string) => fake.verzoeken.filter((v) => v.referentienummer === ref);

  it('delivers a written row once, as SOAP 1.1 with the WSDL SOAPAction, and records the Bv03', async () => {
    const b = du01();
    const [id] = await schrijf([b]);
    const { logger, lines } = captureLogger();
    relay({}, dsA, logger).start();

    const [rij] = await klaar([id]);
    expect(rij).toMatchObject({ status: 'verzonden', attempts: 1, last_error: null, last_http_status: 200, antwoord_refnummer: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const ontvangen = verzoekenVoor(b.referentienummer);
    expect(ontvangen).toHaveLength(1);
    expect(ontvangen[0]).toMatchObject({ kind: 'Du01', functie: 'WMO306', crossRefnummer: b.crossRefnummer, soapAction: SOAP_ACTIONS.Du01, geaccepteerd: true, antwoord: 'Bv03' });
    expect(ontvangen[0].bericht).toMatchObject({ naam: 'WMO306', retourcodes: expect.any(Array) });
    expect(ontvangen[0].bericht?.text).toBe(WMO306.replace(/^\uFEFF/, ''));

    // Logs carry ids and codes, never the bericht or the envelope.
    const log = lines.join('');
    expect(log).toContain(b.referentienummer);
    expect(log).not.toContain('wmo306:');
    expect(log).not.toContain(Buffer.from(WMO306).toString('base64').slice(0, 40));
  });

  it('writes inside the caller\'s transaction: a rollback leaves nothing to deliver', async () => {
    const b = du01();
    await expect(
      dsA.transaction(async (tx) => {
        await writer.schrijf(tx, b);
        throw new Error('processing failed after writing');
      }),
    ).rejects.toThrow('processing failed');
    expect(await sql(db.url, 'SELECT 1 FROM client_outbound_bericht WHERE referentienummer = $1', [b.referentienummer])).toEqual([]);
  });

  it('writing the same envelope again is the same row; another envelope under that referentienummer is refused', async () => {
    const b = du01();
    const [id] = await schrijf([b]);
    expect(await schrijf([b])).toEqual([id]);
    await expect(schrijf([{ ...b, envelop: du01().envelop.replace(/<StUF:referentienummer>[^<]*/, `<StUF:referentienummer>${b.referentienummer}`) }])).rejects.toThrow(OutboxError);
    await expect(schrijf([{ ...b, referentienummer: 'not-a-uuid' }])).rejects.toThrow(/UUID v4/);
    await expect(schrijf([{ ...fo01(), functie: 'WMO306' }])).rejects.toThrow(/a Fo01 has no functie/);
    await relay().runOnce();
  });

  it('GGK down for a while: rows wait and are delivered afterwards, each exactly once', async () => {
    await fake.down();
    const berichten = [du01(), du01(), fo01(), du01(), du01()];
    const ids = await schrijf(berichten);
    relay({ maxPogingen: 100 }).start();

    // Every row was tried and failed (connection refused) at least twice, and is still waiting.
    await eventually(async () => {
      const r = await rijen(ids);
      return r.every((x) => x.status === 'te_verzenden' && x.attempts >= 2) ? r : undefined;
    }, 'failed attempts while the GGK is down');
    const wachtend = await rijen(ids);
    for (const r of wachtend) expect(r.last_error).toMatch(/^network error: /);
    expect(fake.verzoeken).toEqual([]);

    await fake.up();
    const r = await klaar(ids);
    expect(r.map((x) => x.status)).toEqual(Array(5).fill('verzonden'));
    const refs = berichten.map((b) => b.referentienummer).sort();
    expect(fake.verzoeken.map((v) => v.referentienummer).sort()).toEqual(refs);
    expect(fake.dubbele()).toEqual([]);
  });

  it('retries 5xx with backoff; a Fo03 (client) is not retried and becomes uitval', async () => {
    const goed = du01();
    const fout = du01();
    fake.gedrag = ({ referentienummer, keer }) => {
      if (referentienummer === fout.referentienummer) return { soort: 'fo03', code: 'StUF055', plek: 'client', omschrijving: `Berichtbody is niet conform schema (${BSN})` };
      return keer === 1 ? { soort: 'status', status: 503 } : keer === 2 ? { soort: 'status', status: 500 } : { soort: 'bv03' };
    };
    const [idGoed, idFout] = await schrijf([goed, fout]);
    relay().start();

    const byId = new Map((await klaar([idGoed, idFout])).map((r) => [r.id, r]));
    expect(byId.get(idGoed)).toMatchObject({ status: 'verzonden', attempts: 3, last_error: 'HTTP 500', last_http_status: 200 });
    expect(verzoekenVoor(goed.referentienummer).map((v) => v.antwoord)).toEqual(['HTTP 503', 'HTTP 500', 'Bv03']);
    expect(byId.get(idFout)).toMatchObject({ status: 'uitval', attempts: 1, last_http_status: 500 });
    expect(byId.get(idFout)?.last_error).toBe('refused by the GGK: Fo03 StUF055 (client): Berichtbody is niet conform schema (#########)');
    expect(verzoekenVoor(fout.referentienummer)).toHaveLength(1);
  });

  it('gives up after GGK_MAX_POGINGEN attempts: uitval with the reason', async () => {
    const b = du01();
    fake.gedrag = { soort: 'status', status: 500, body: 'stuk' };
    const [id] = await schrijf([b]);
    relay({ maxPogingen: 3 }).start();

    const [rij] = await klaar([id]);
    expect(rij).toMatchObject({ status: 'uitval', attempts: 3, last_http_status: 500, last_error: 'gave up after 3 attempts; last: HTTP 500' });
    expect(verzoekenVoor(b.referentienummer)).toHaveLength(3);
  });

  it('two relays in parallel deliver each row once', async () => {
    const berichten = Array.from({ length: 30 }, () => du01());
    const ids = await schrijf(berichten);
    // Neither relay finishes its first delivery until both have one in hand: they really overlap.
    let beide!: () => void;
    const beideBezig = new Promise<void>((r) => (beide = r));
    const bezig = new Set<string>();
    const perRelay = { A: 0, B: 0 };
    const tellend = (naam: 'A' | 'B'): GgkVerzender => {
      const echt = new FetchGgkVerzender(fake.url, SNEL.timeoutMs);
      return {
        async verstuur(v) {
          perRelay[naam]++;
          bezig.add(naam);
          if (bezig.size === 2) beide();
          await Promise.race([beideBezig, new Promise((_, rej) => setTimeout(() => rej(new Error('the other relay never started')), 5000))]);
          return echt.verstuur(v);
        },
      };
    };
    relay({ batchSize: 3 }, dsA, undefined, tellend('A')).start();
    relay({ batchSize: 3 }, dsB, undefined, tellend('B')).start();

    const r = await klaar(ids);
    expect(r.every((x) => x.status === 'verzonden' && x.attempts === 1)).toBe(true);
    expect(perRelay.A + perRelay.B).toBe(30);
    expect(perRelay.A).toBeGreaterThan(0);
    expect(perRelay.B).toBeGreaterThan(0);
    expect(fake.dubbele()).toEqual([]);
    const refs = new Set(berichten.map((b) => b.referentienummer));
    expect(fake.verzoeken.filter((v) => refs.has(v.referentienummer))).toHaveLength(30);
  });

  it('a lost answer makes a second delivery with the same referentienummer: detectable by the peer', async () => {
    const b = du01();
    // The GGK takes the envelope in, then the connection drops before the Bv03 goes out.
    fake.gedrag = ({ keer }) => (keer === 1 ? { soort: 'verbreek' } : { soort: 'bv03' });
    const [id] = await schrijf([b]);
    relay().start();

    const [rij] = await klaar([id]);
    expect(rij).toMatchObject({ status: 'verzonden', attempts: 2 });
    expect(rij.last_error).toMatch(/^network error: /);
    expect(verzoekenVoor(b.referentienummer).map((v) => v.antwoord)).toEqual(['geen (verbroken)', 'Bv03']);
    expect(fake.dubbele()).toEqual([b.referentienummer]);
  });

  it('a timeout after the GGK took the envelope in: the repeat is answered IB216 and counts as delivered', async () => {
    const b = du01();
    const peer = await FakeGgk.start({
      schemas: await testGgkSchemas(),
      weigerHerhaling: true,
      gedrag: ({ keer }) => (keer === 1 ? { soort: 'traag', ms: 1000 } : { soort: 'bv03' }),
    });
    try {
      const [id] = await schrijf([b]);
      relay({ timeoutMs: 100 }, dsA, undefined, new FetchGgkVerzender(peer.url, 100)).start();
      const [rij] = await klaar([id]);
      expect(rij).toMatchObject({ status: 'verzonden', attempts: 2, last_error: 'no answer within 100 ms (timeout)' });
      expect(peer.verzoeken.map((v) => v.referentienummer)).toEqual([b.referentienummer, b.referentienummer]);
      expect(peer.verzoeken[1].antwoord).toBe('Fo03 IB216');
      expect(peer.ontvangen).toHaveLength(1);
    } finally {
      await peer.stop();
    }
  });

  it('an attempt whose relay died is tried again after its lease; at the limit it becomes uitval unsent', async () => {
    const [opnieuw, opgegeven] = [du01(), du01()];
    const [idOpnieuw, idOpgegeven] = await schrijf([opnieuw, opgegeven]);
    // A relay claims both and dies before sending; the second had used up its attempts.
    expect((await repoA.claim(10, 60_000)).map((c) => c.id).sort()).toEqual([idOpnieuw, idOpgegeven].sort());
    await sql(db.url, `UPDATE client_outbound_bericht SET next_attempt_at = now() - interval '1 second' WHERE id = ANY($1)`, [[idOpnieuw, idOpgegeven]]);
    await sql(db.url, `UPDATE client_outbound_bericht SET attempts = 8 WHERE id = $1`, [idOpgegeven]);
    relay().start();

    const byId = new Map((await klaar([idOpnieuw, idOpgegeven])).map((r) => [r.id, r]));
    expect(byId.get(idOpnieuw)).toMatchObject({ status: 'verzonden', attempts: 2 });
    expect(byId.get(idOpgegeven)).toMatchObject({ status: 'uitval', attempts: 9, last_error: 'attempt 8 of 8 was interrupted before its outcome was recorded' });
    expect(verzoekenVoor(opgegeven.referentienummer)).toEqual([]);
  });
});
