import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { connect, type RecoveringChannelModel } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/platform/database';
import { createLogger } from '../../../src/platform/logging';
import {
  AmqpSignaalPublisher,
  isElfproefBsn,
  OutboxSignaalWriter,
  SignaalError,
  SignaalOutboxRepository,
  SignaalRelay,
  type Signaal,
  vindPersoonsgegeven,
  type SignaalClaim,
} from '../../../src/signalen';
import { AMQP_URL, eventually } from '../../support/app';
import { sql } from '../../support/database';
import { BrokerProxy, bsnAchtigeNummers, SignaalConsumer, uniekeNamen, vrijePoort } from '../../support/signalen';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const OPTIES = { batchSize: 5, pollIntervalMs: 20, confirmTimeoutMs: 500 };
const logger = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

function signaal(n: number, type = 'bestedingsruimte.70'): Signaal {
  const contractId = randomUUID();
  return {
    type,
    version: 1,
    domein: 'wmo',
    gemeente: '0363',
    aanbieder: '12345678',
    contractId,
    regel: 'CS Wmo art. 1.5.7',
    periode: { van: '2026-01-01', tot: '2026-12-31' },
    cijfers: { bestedingsruimteCenten: 10_000_000, besteedCenten: 7_000_000 + n, percentage: 70 },
    waargenomenOp: new Date().toISOString(),
    dedupKey: `bestedingsruimte:${contractId}:2026-01-01/2026-12-31:v1:70:1`,
    ernst: 'waarschuwing',
  };
}

/** The recovering connection the gateway makes (AmqpConnection), with short delays for the test. */
function verbind(url: string): Promise<RecoveringChannelModel> {
  return connect(url, { recovery: { waitForConnect: false, initialDelay: 50, maxDelay: 200, maxRetries: Infinity } });
}

describe('signal outbox relay to RabbitMQ', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let writer: OutboxSignaalWriter;
  const opruimen: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    ds = await createDataSource(db.url).initialize();
    writer = new OutboxSignaalWriter(new SignaalOutboxRepository(ds));
  });

  afterEach(async () => {
    while (opruimen.length > 0) await opruimen.pop()?.();
    await sql(db.url, `DELETE FROM signaal_outbox`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function opzet(url = AMQP_URL, repository: SignaalOutboxRepository = new SignaalOutboxRepository(ds)) {
    const { exchange, queue } = uniekeNamen();
    const consumer = await SignaalConsumer.start(exchange, queue);
    opruimen.push(() => consumer.close());
    const model = await verbind(url);
    opruimen.push(() => model.close().catch(() => undefined));
    const publisher = new AmqpSignaalPublisher(() => model, exchange, OPTIES.confirmTimeoutMs);
    const relay = new SignaalRelay({ repository, publisher, options: OPTIES, logger });
    opruimen.push(() => relay.stop().then(() => publisher.close()));
    return { consumer, relay, exchange };
  }

  it('publishes persistent JSON with message_id = dedupKey on signaal.<type>, marks it verzonden after the confirm', async () => {
    const { consumer, relay } = await opzet();
    const s = signaal(1);
    await ds.transaction((m) => writer.schrijf(m, s));
    await ds.transaction((m) => writer.schrijf(m, signaal(2, 'declaratie.uitval'))); // not bound by this consumer
    relay.start();
    await eventually(async () => (consumer.verwerkt.length === 1 ? true : undefined), 'the signal at the consumer');
    const msg = consumer.ontvangen[0];
    expect(msg.fields.routingKey).toBe('signaal.bestedingsruimte.70');
    expect(msg.properties).toMatchObject({ messageId: s.dedupKey, contentType: 'application/json', deliveryMode: 2, type: 'bestedingsruimte.70' });
    expect(JSON.parse(msg.content.toString('utf8'))).toEqual(s);
    await eventually(async () => {
      const r = await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM signaal_outbox WHERE status = 'verzonden'`);
      return r[0].n === '2' ? true : undefined;
    }, 'both rows verzonden');
  });

  it('broker unreachable while signals are written: they wait, and arrive once each when it is back', async () => {
    const port = await vrijePoort();
    const proxy = new BrokerProxy(port);
    opruimen.push(() => proxy.close());
    const url = new URL(AMQP_URL);
    url.port = String(port);
    const { consumer, relay } = await opzet(url.toString());
    relay.start();
    const geschreven = Array.from({ length: 12 }, (_, i) => signaal(i));
    for (const s of geschreven) await ds.transaction((m) => writer.schrijf(m, s));
    const ronde = await relay.runOnce();
    expect(ronde.brokerOnbereikbaar).toBe(true);
    const [wachtend] = await sql<{ n: string; pogingen: string }>(db.url, `SELECT count(*) AS n, sum(attempts) AS pogingen FROM signaal_outbox WHERE status = 'te_verzenden'`);
    expect(wachtend).toEqual({ n: '12', pogingen: '0' }); // nothing claimed while the broker is away
    expect(consumer.ontvangen).toHaveLength(0);

    await proxy.open();
    await eventually(async () => (consumer.verwerkt.length === 12 ? true : undefined), 'all 12 signals after the broker came back', 15_000);
    await eventually(async () => {
      const r = await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM signaal_outbox WHERE status = 'verzonden'`);
      return r[0].n === '12' ? true : undefined;
    }, 'all rows verzonden');
    expect(consumer.ontvangen).toHaveLength(12);
    expect(new Set(consumer.verwerkt.map((v) => v.messageId))).toEqual(new Set(geschreven.map((s) => s.dedupKey)));
  });

  it('relay dies between publish and mark-as-sent: published again with the same message_id, the consumer dedupes', async () => {
    class VergeetEenKeer extends SignaalOutboxRepository {
      mislukt = 0;
      override async verzonden(claims: readonly SignaalClaim[]): Promise<number> {
        if (this.mislukt++ === 0) throw new Error('relay killed after the confirm, before the update');
        return super.verzonden(claims);
      }
    }
    const repository = new VergeetEenKeer(ds);
    const { consumer, relay } = await opzet(AMQP_URL, repository);
    const s = signaal(1);
    await ds.transaction((m) => writer.schrijf(m, s));
    await expect(relay.runOnce()).rejects.toThrow('relay killed');
    await eventually(async () => (consumer.ontvangen.length === 1 ? true : undefined), 'the first publish');
    // The claim's lease runs out; then the signal is due again.
    relay.start();
    await eventually(async () => (consumer.ontvangen.length === 2 ? true : undefined), 'the second publish after the lease', 10_000);
    expect(consumer.ontvangen.map((m) => m.properties.messageId as string)).toEqual([s.dedupKey, s.dedupKey]);
    expect(consumer.verwerkt).toHaveLength(1);
    await eventually(async () => {
      const r = await sql<{ status: string; attempts: number }>(db.url, `SELECT status, attempts FROM signaal_outbox`);
      return r[0].status === 'verzonden' ? r[0] : undefined;
    }, 'the row verzonden').then((r) => expect(r.attempts).toBe(2));
  });

  it('refuses a signal with a BSN or a name field; no published body holds a BSN', async () => {
    const { consumer, relay } = await opzet();
    await expect(ds.transaction((m) => writer.schrijf(m, { ...signaal(1), regel: 'client 999900006' }))).rejects.toBeInstanceOf(SignaalError);
    await expect(ds.transaction((m) => writer.schrijf(m, { ...signaal(2), cijfers: { naam: 'Jansen' } }))).rejects.toBeInstanceOf(SignaalError);
    for (let i = 0; i < 5; i++) await ds.transaction((m) => writer.schrijf(m, signaal(i)));
    relay.start();
    await eventually(async () => (consumer.verwerkt.length === 5 ? true : undefined), '5 signals');
    for (const msg of consumer.ontvangen) {
      const tekst = msg.content.toString('utf8');
      expect(bsnAchtigeNummers(tekst.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ''), isElfproefBsn)).toEqual([]);
      expect(tekst).not.toMatch(/"(bsn|naam|geboortedatum|adres)"/i);
      expect(vindPersoonsgegeven(JSON.parse(tekst))).toBeNull();
    }
  });
});
