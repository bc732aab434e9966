import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isElfproefBsn, vindPersoonsgegeven } from '../../../src/signalen';
import { AMQP_URL, eventually, startTestApp, TOKENS, type TestApp } from '../../support/app';
import { AANBIEDER, BSN, soapDi01 } from '../../support/berichten';
import { testContract } from '../../support/contracten';
import { sql } from '../../support/database';
import { toewijzingInsert, wmo323, type TestDeclaratie } from '../../support/declaratie';
import { BrokerProxy, bsnAchtigeNummers, SignaalConsumer, uniekeNamen, vrijePoort } from '../../support/signalen';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const BSN2 = '999900018';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** € 250 for 2025: declaratie A (€ 200 approved) takes it to 80 %, past 70 and short of 90. */
const BUDGET_CENTEN = 25_000;

/** A: 16 uur at the contract tarief, approved (8001), booked → bestedingsruimte.70. */
const DECLARATIE_A: TestDeclaratie = {
  identificatie: 'STORING1', nummer: 'DNSTOR1', maand: '2025-04-01',
  clienten: [{ bsn: BSN, prestaties: [{ rn: 'RNSTOR1', toewijzing: '300201', periode: ['2025-04-01', '2025-04-30'], volume: 16, tarief: 1250, bedrag: 20_000 }] }],
};
/** B: a later month (TR318), 4 uur at 1500 where the contract says 1250 → 0611 → declaratie.uitval. */
const DECLARATIE_B: TestDeclaratie = {
  identificatie: 'STORING2', nummer: 'DNSTOR2', maand: '2025-05-01',
  clienten: [{ bsn: BSN2, prestaties: [{ rn: 'RNSTOR2', toewijzing: '300202', periode: ['2025-05-01', '2025-05-31'], volume: 4, tarief: 1500, bedrag: 6_000 }] }],
};

interface OutboxRij extends Record<string, unknown> {
  dedup_key: string;
  type: string;
  status: string;
  attempts: number;
  body: string;
}

/**
 * The consumer of the README ("Consuming signals"), step for step: its own quorum queue bound to
 * signaal.bestedingsruimte.#, the message_id inserted into verwerkte_signalen in the transaction
 * that handles the signal, the ack after the commit. Handling = a row in contractbeheer_melding.
 * The first delivery is not acked after its commit: what the broker sees when the consumer dies
 * between commit and ack, so the message comes back marked redelivered.
 */
class ContractbeheerConsumer {
  /** Every delivery, in order. */
  readonly afleveringen: ConsumeMessage[] = [];
  readonly fouten: unknown[] = [];
  geackt = 0;
  private gecrasht = false;

  private constructor(
    private readonly conn: ChannelModel,
    private readonly ch: Channel,
    readonly queue: string,
  ) {}

  static async start(exchange: string, queue: string, db: Pool): Promise<ContractbeheerConsumer> {
    const conn = await connect(AMQP_URL);
    const ch = await conn.createChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(queue, exchange, 'signaal.bestedingsruimte.#');
    const c = new ContractbeheerConsumer(conn, ch, queue);
    await ch.consume(queue, async (msg) => {
      if (!msg) return;
      c.afleveringen.push(msg);
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const nieuw = await client.query('INSERT INTO verwerkte_signalen (message_id) VALUES ($1) ON CONFLICT DO NOTHING', [msg.properties.messageId]);
        if (nieuw.rowCount === 1) {
          const signaal = JSON.parse(msg.content.toString('utf8')) as { type: string };
          await client.query('INSERT INTO contractbeheer_melding (message_id, type) VALUES ($1, $2)', [msg.properties.messageId, signaal.type]);
        }
        await client.query('COMMIT');
        if (!c.gecrasht) {
          c.gecrasht = true;
          ch.nack(msg, false, true);
          return;
        }
        ch.ack(msg);
        c.geackt += 1;
      } catch (err) {
        c.fouten.push(err);
        await client.query('ROLLBACK').catch(() => undefined);
        ch.nack(msg, false, true);
      } finally {
        client.release();
      }
    });
    return c;
  }

  async close(): Promise<void> {
    await this.ch.deleteQueue(this.queue).catch(() => undefined);
    await this.conn.close().catch(() => undefined);
  }
}

/**
 * Issue 4 "nothing lost, nothing doubled", through the whole application: declaraties over
 * POST /ggk while RabbitMQ cannot be reached (a closed TCP proxy in front of the shared broker),
 * then the broker back. The tests run in order on one app and one database.
 */
describe('RabbitMQ unreachable while declaraties are processed', () => {
  let db: TestDatabase;
  let t: TestApp;
  let proxy: BrokerProxy;
  let alles: SignaalConsumer;
  let contractbeheer: ContractbeheerConsumer;
  let pool: Pool;
  let contractId: string;
  const namen = uniekeNamen();

  beforeAll(async () => {
    db = await testDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    await pool.query('CREATE TABLE verwerkte_signalen (message_id varchar(200) PRIMARY KEY)');
    await pool.query('CREATE TABLE contractbeheer_melding (message_id varchar(200) NOT NULL, type varchar(100) NOT NULL)');
    // Both consumers talk to RabbitMQ directly; only the gateway goes through the proxy. Their
    // queues exist before anything is published, so nothing is dropped as unroutable.
    alles = await SignaalConsumer.start(namen.exchange, namen.queue, 'signaal.#');
    contractbeheer = await ContractbeheerConsumer.start(namen.exchange, `${namen.queue}.bestedingsruimte`, pool);
    proxy = new BrokerProxy(await vrijePoort());
    const viaProxy = new URL(AMQP_URL);
    viaProxy.port = String(proxy.port);
    t = await startTestApp(db.url, {
      AMQP_URL: viaProxy.toString(),
      SIGNALEN_EXCHANGE: namen.exchange,
      SIGNALEN_RELAY_ENABLED: 'true',
      SIGNALEN_RELAY_POLL_MS: '100',
      SIGNALEN_CONFIRM_TIMEOUT_MS: '5000',
      // The 325s stay in the outbox where the pipeline committed them (no GGK here).
      GGK_RELAY_ENABLED: 'false',
    });
    const contract = await t.http().post('/api/contracten').set('Authorization', `Bearer ${TOKENS.contractmanager}`).send(testContract('STORING-1', {
      aanbieder: { agb: AANBIEDER, naam: 'Zorgaanbieder BV' },
      looptijd: { van: '2025-01-01', tot: '2026-12-31' },
      besluitdatum: '2024-11-01',
      producten: [{ productCode: '01A11', eenheid: '04', tariefCenten: 1250, geldigVan: '2025-01-01', geldigTot: null }],
      bestedingsruimtes: [{ van: '2025-01-01', tot: '2025-12-31', budgetCenten: BUDGET_CENTEN, versie: 1 }],
    }));
    expect(contract.status).toBe(201);
    contractId = (contract.body as { id: string }).id;
    for (const tw of [{ nummer: '300201', bsn: BSN }, { nummer: '300202', bsn: BSN2 }]) {
      const { sql: q, params } = toewijzingInsert({ ...tw, ingang: '2025-04-01', eind: '2025-12-31' });
      await sql(db.url, q, params);
    }
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await contractbeheer?.close();
    await alles?.close();
    await pool?.end();
    await db?.drop();
  });

  const outbox = (): Promise<OutboxRij[]> => sql<OutboxRij>(db.url, 'SELECT dedup_key, type, status, attempts, body FROM signaal_outbox ORDER BY id');

  /** Sends the 323 as the aanbieder would (Di01 over POST /ggk) and waits until the worker is done with it. */
  async function declareer(d: TestDeclaratie): Promise<{ id: string; referentienummer: string }> {
    const { xml, referentienummer } = soapDi01(wmo323(d), 'WMO323');
    const res = await t.http().post('/ggk').set('Content-Type', 'text/xml; charset=utf-8').send(xml);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<StUF:berichtcode>Bv03</StUF:berichtcode>');
    const id = await eventually(async () => {
      const [r] = await sql<{ id: string; status: string }>(db.url, 'SELECT id, status FROM client_inbound_bericht WHERE ggk_referentienummer = $1', [referentienummer]);
      return r && !['ontvangen', 'in_verwerking'].includes(r.status) ? r.id : undefined;
    }, `declaratie ${d.identificatie} processed`, 30_000);
    return { id, referentienummer };
  }

  it('broker away: both 323s get their 325 committed, the signals wait in the outbox, /health says the broker is down', async () => {
    const down = await eventually(async () => {
      const r = await t.http().get('/health');
      return r.body.checks?.broker?.error ? r : undefined;
    }, 'the broker connection to fail', 30_000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', live: true, ready: false, checks: { database: { status: 'up' }, broker: { status: 'down', state: 'disconnected' } } });
    expect(JSON.stringify(down.body)).not.toContain('guest');

    const a = await declareer(DECLARATIE_A);
    const b = await declareer(DECLARATIE_B);
    for (const [d, verwacht, code] of [[a, 'verwerkt', '8001'], [b, 'afgekeurd', '0611']] as const) {
      const r = await t.http().get(`/api/berichten/${d.id}`).set('Authorization', `Bearer ${TOKENS.backoffice}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: verwacht, kanaal: 'ggk', bericht: 'WMO323', antwoord: { envelop: 'Du01', functie: 'WMO325', crossRefnummer: d.referentienummer } });
      const antwoord = r.body.antwoord as { outboxId: string; retourcodes: { codes: string[] }[] };
      expect(antwoord.retourcodes.flatMap((rc) => rc.codes)).toContain(code);
      const uit = await sql(db.url, 'SELECT soort, functie, cross_refnummer, inbound_id, status FROM client_outbound_bericht WHERE id = $1', [antwoord.outboxId]);
      expect(uit).toEqual([{ soort: 'Du01', functie: 'WMO325', cross_refnummer: d.referentienummer, inbound_id: d.id, status: 'te_verzenden' }]);
    }

    // The relay has tried the broker (and logged it once) while the signals sat in the outbox.
    await eventually(async () => (t.logs.some((l) => l.includes('broker unreachable; signals wait in the outbox')) ? true : undefined), 'the relay to find the broker away');
    const rijen = await outbox();
    expect(rijen.map((r) => r.type)).toEqual(['bestedingsruimte.70', 'declaratie.uitval']);
    // Nothing claimed while the broker is away: no attempts, no lease.
    expect(rijen.map((r) => [r.status, r.attempts])).toEqual([['te_verzenden', 0], ['te_verzenden', 0]]);
    expect(JSON.parse(rijen[0].body)).toMatchObject({ type: 'bestedingsruimte.70', contractId, aanbieder: AANBIEDER, cijfers: { bestedingsruimteCenten: BUDGET_CENTEN, besteedCenten: 20_000 } });
    expect(JSON.parse(rijen[1].body)).toMatchObject({ type: 'declaratie.uitval', aanbieder: AANBIEDER, cijfers: { 'aantal.0611': 1, 'centen.0611': 6_000 } });
    expect(alles.ontvangen).toHaveLength(0);
    expect(contractbeheer.afleveringen).toHaveLength(0);
  }, 90_000);

  it('broker back: every signal reaches a signaal.# consumer once, every row becomes verzonden, no body holds a BSN', async () => {
    await proxy.open();
    const rijen = await eventually(async () => {
      const r = await outbox();
      return r.every((x) => x.status === 'verzonden') ? r : undefined;
    }, 'every outbox row verzonden after the broker came back', 60_000);
    expect(rijen).toHaveLength(2);
    await eventually(async () => (alles.verwerkt.length >= rijen.length ? true : undefined), 'the signals at the signaal.# consumer', 30_000);
    // At least once on the wire, exactly once after de-duplication on message_id.
    const ids = alles.verwerkt.map((v) => v.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(rijen.map((r) => r.dedup_key)));
    expect(new Set(alles.ontvangen.map((m) => m.properties.messageId as string))).toEqual(new Set(ids));
    expect(alles.verwerkt.map((v) => v.routingKey).sort()).toEqual(['signaal.bestedingsruimte.70', 'signaal.declaratie.uitval']);
    for (const msg of alles.ontvangen) {
      const tekst = msg.content.toString('utf8');
      for (const bsn of [BSN, BSN2]) expect(tekst).not.toContain(bsn);
      expect(bsnAchtigeNummers(tekst.replace(UUID, ''), isElfproefBsn)).toEqual([]);
      expect(vindPersoonsgegeven(JSON.parse(tekst))).toBeNull();
    }

    const health = await eventually(async () => {
      const r = await t.http().get('/health');
      return r.status === 200 ? r.body : undefined;
    }, 'readiness after the broker came back', 30_000);
    expect(health.checks.broker).toEqual({ status: 'up', state: 'connected' });
  }, 120_000);

  it('the README consumer (signaal.bestedingsruimte.#): gets the bestedingsruimte signal, not the declaratie.uitval one, and handles a redelivery once', async () => {
    const [zeventig] = await sql<{ dedup_key: string; body: string }>(db.url, `SELECT dedup_key, body FROM signaal_outbox WHERE type = 'bestedingsruimte.70'`);
    const vanZeventig = () => contractbeheer.afleveringen.filter((m) => m.properties.messageId === zeventig.dedup_key);
    // Crashed after the commit of the first delivery; the broker redelivers it and the table absorbs it.
    await eventually(async () => (vanZeventig().some((m) => m.fields.redelivered) && contractbeheer.geackt >= 1 ? true : undefined), 'the redelivered signal acked', 30_000);
    expect(vanZeventig()[0].fields.redelivered).toBe(false);

    // The relay publishes again with the same message_id after a crash between confirm and update;
    // do that here (appId tells the copy apart). The queue is FIFO, so once the copy is delivered,
    // anything routed to this queue before it has been delivered too.
    const conn = await connect(AMQP_URL);
    try {
      const ch = await conn.createConfirmChannel();
      ch.publish(namen.exchange, 'signaal.bestedingsruimte.70', Buffer.from(zeventig.body, 'utf8'), {
        persistent: true, contentType: 'application/json', messageId: zeventig.dedup_key, type: 'bestedingsruimte.70', appId: 'test-herhaling',
      });
      await ch.waitForConfirms();
    } finally {
      await conn.close();
    }
    await eventually(async () => {
      const kopie = contractbeheer.afleveringen.some((m) => m.properties.appId === 'test-herhaling');
      // Every delivery but the crashed one acked: the last transaction has committed.
      return kopie && contractbeheer.geackt === contractbeheer.afleveringen.length - 1 ? true : undefined;
    }, 'the republished copy acked', 30_000);

    expect(contractbeheer.fouten).toEqual([]);
    // At least: first delivery, its redelivery, the copy (more if the relay itself published twice).
    expect(vanZeventig().length).toBeGreaterThanOrEqual(3);
    expect(new Set(contractbeheer.afleveringen.map((m) => m.fields.routingKey))).toEqual(new Set(['signaal.bestedingsruimte.70']));
    expect(await sql(db.url, 'SELECT message_id, type FROM contractbeheer_melding')).toEqual([{ message_id: zeventig.dedup_key, type: 'bestedingsruimte.70' }]);
    expect(await sql(db.url, 'SELECT message_id FROM verwerkte_signalen')).toEqual([{ message_id: zeventig.dedup_key }]);
    // The declaratie.uitval went out (the signaal.# consumer has it) and was not routed to this queue.
    expect(alles.verwerkt.map((v) => v.routingKey)).toContain('signaal.declaratie.uitval');
  }, 90_000);
});
