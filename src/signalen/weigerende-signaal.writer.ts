import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { Signaal, SignaalWriter } from './signaal.port';
import { SignaalError } from './signaal.writer';

/**
 * SIGNAAL_WRITER as the application uses it: a signal the guard refuses (client data or a broken
 * shape: a bug in the code that made it) is logged as an error and counted, and NOT thrown. Signals
 * are written inside the transaction of the bericht that caused them; a throw there would roll back
 * the 325 or retourbericht the aanbieder is owed, retry it and end it in uitval, over a signal
 * nobody may receive anyway. The log line names the type and the field, never a value. Failures of
 * the database are thrown as before: they roll back and retry the whole bericht.
 */
export class WeigerendeSignaalWriter implements SignaalWriter {
  constructor(
    private readonly writer: SignaalWriter,
    private readonly logger: Logger,
    private readonly geweigerd: Counter<'type'>,
  ) {}

  async schrijf(manager: EntityManager, signaal: Signaal): Promise<void> {
    try {
      await this.writer.schrijf(manager, signaal);
    } catch (e) {
      if (!(e instanceof SignaalError)) throw e;
      const type = typeof signaal.type === 'string' && /^[a-z0-9.-]{1,100}$/.test(signaal.type) ? signaal.type : 'onbekend';
      this.geweigerd.inc({ type });
      this.logger.error({ signaalType: type, reden: e.message }, 'signal refused by the guard and not written; the bericht goes on');
    }
  }
}
