import { randomBytes } from 'node:crypto';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { AMQP_URL } from './app';

/** Exchange and queue names unique to this test run; deleted by SignaalConsumer.close. */
export function uniekeNamen(): { exchange: string; queue: string } {
  const id = randomBytes(4).toString('hex');
  return { exchange: `istd.test.signalen.${id}`, queue: `istd.test.contractbeheer.${id}` };
}

/**
 * The consumer of docs/signalen.md: its own quorum queue bound to signaal.bestedingsruimte.#,
 * de-duplicating on message_id (here in memory; a real consumer keeps the ids in its database, in
 * the transaction that handles the signal).
 */
export class SignaalConsumer {
  /** Every delivery, redeliveries and duplicates included. */
  readonly ontvangen: ConsumeMessage[] = [];
  /** Signals handled once per message_id. */
  readonly verwerkt: { messageId: string; routingKey: string; body: Record<string, unknown> }[] = [];
  private readonly gezien = new Set<string>();

  private constructor(
    private readonly conn: ChannelModel,
    private readonly ch: Channel,
    readonly exchange: string,
    readonly queue: string,
  ) {}

  static async start(exchange: string, queue: string, bindingKey = 'signaal.bestedingsruimte.#'): Promise<SignaalConsumer> {
    const conn = await connect(AMQP_URL);
    const ch = await conn.createChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(queue, exchange, bindingKey);
    await ch.prefetch(50);
    const c = new SignaalConsumer(conn, ch, exchange, queue);
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      c.ontvangen.push(msg);
      const id = msg.properties.messageId as string | undefined;
      if (id && !c.gezien.has(id)) {
        c.gezien.add(id);
        c.verwerkt.push({ messageId: id, routingKey: msg.fields.routingKey, body: JSON.parse(msg.content.toString('utf8')) as Record<string, unknown> });
      }
      ch.ack(msg);
    });
    return c;
  }

  async close(): Promise<void> {
    await this.ch.deleteQueue(this.queue).catch(() => undefined);
    await this.ch.deleteExchange(this.exchange).catch(() => undefined);
    await this.conn.close().catch(() => undefined);
  }
}

/** A free TCP port that is closed right now (nothing listens on it). */
export async function vrijePoort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A TCP proxy to the local RabbitMQ: "the broker is reachable" while it listens. */
export class BrokerProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly doel = new URL(AMQP_URL),
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(Number(this.doel.port || 5672), this.doel.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.server = server;
  }

  /** Stops listening and cuts every connection (the broker "goes away"). */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

/** Every 9-digit run that passes the BSN 11-proef. */
export function bsnAchtigeNummers(tekst: string, isBsn: (s: string) => boolean): string[] {
  return [...tekst.matchAll(/(?<!\d)\d{9}(?!\d)/g)].map((m) => m[0]).filter(isBsn);
}
