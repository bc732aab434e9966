import type { ChannelModel, ConfirmChannel, RecoveringChannelModel } from 'amqplib';

/** One signal as it goes on the wire. */
export interface SignaalBericht {
  routingKey: string;
  messageId: string;
  type: string;
  body: string;
}

/** Publishes signals; resolves only once the broker confirmed every one of them. */
export interface SignaalPublisher {
  /** Resolves when a channel is open (the broker is reachable), rejects otherwise (bounded wait). */
  bereid(): Promise<void>;
  publiceer(berichten: readonly SignaalBericht[]): Promise<void>;
  close(): Promise<void>;
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function binnen<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Publisher confirms on one confirm channel of the process's RabbitMQ connection. Declares nothing
 * but SIGNALEN_EXCHANGE (durable topic): consumers own their queues and bindings. Messages are
 * persistent, application/json, message_id = dedupKey. A failed channel is dropped and a new one
 * is opened on the next batch (the connection itself recovers in AmqpConnection).
 */
export class AmqpSignaalPublisher implements SignaalPublisher {
  private kanaal: Promise<ConfirmChannel> | null = null;

  constructor(
    private readonly model: () => RecoveringChannelModel | ChannelModel,
    private readonly exchange: string,
    private readonly timeoutMs: number,
  ) {}

  async bereid(): Promise<void> {
    await this.channel();
  }

  async publiceer(berichten: readonly SignaalBericht[]): Promise<void> {
    const ch = await this.channel();
    try {
      for (const b of berichten) {
        ch.publish(this.exchange, b.routingKey, Buffer.from(b.body, 'utf8'), {
          persistent: true,
          contentType: 'application/json',
          contentEncoding: 'utf-8',
          messageId: b.messageId,
          type: b.type,
          appId: 'istd-gateway',
          timestamp: Math.floor(Date.now() / 1000),
        });
      }
      await binnen(ch.waitForConfirms(), this.timeoutMs, 'publisher confirms');
    } catch (err) {
      await this.drop();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private channel(): Promise<ConfirmChannel> {
    if (!this.kanaal) {
      const open = (async () => {
        const ch = await this.model().createConfirmChannel();
        const vergeet = (): void => {
          if (this.kanaal === open) this.kanaal = null;
        };
        ch.on('close', vergeet);
        ch.on('error', vergeet);
        await ch.assertExchange(this.exchange, 'topic', { durable: true });
        return ch;
      })();
      this.kanaal = open;
      // A channel that never opens (broker down) is forgotten, so the next batch asks again.
      open.catch(() => {
        if (this.kanaal === open) this.kanaal = null;
      });
    }
    const current = this.kanaal;
    return binnen(current, this.timeoutMs, 'opening a channel to the broker').catch((err: unknown) => {
      if (this.kanaal === current) this.kanaal = null;
      // A late channel of a timed-out attempt is closed, not leaked.
      current.then((ch) => ch.close()).catch(() => undefined);
      throw err;
    });
  }

  private async drop(): Promise<void> {
    const k = this.kanaal;
    this.kanaal = null;
    if (k) await k.then((ch) => ch.close()).catch(() => undefined);
  }
}
