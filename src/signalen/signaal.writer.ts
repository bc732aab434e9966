import type { EntityManager } from 'typeorm';
import { vindPersoonsgegeven } from './privacy';
import type { SignaalEvents } from './signaal-events';
import type { SignaalOutboxRepository } from './signaal-outbox.repository';
import type { Signaal, SignaalWriter } from './signaal.port';

/** A caller asked for a signal the outbox refuses: a bug in the caller. Never repeats a value. */
export class SignaalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignaalError';
  }
}

const TYPE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const DEDUP_KEY = /^[A-Za-z0-9._:\-/]{1,200}$/;
const DATUM = /^\d{4}-\d{2}-\d{2}$/;

/**
 * SIGNAAL_WRITER: checks the signal (shape and the client-data guard) and inserts it into
 * signaal_outbox through the caller's EntityManager, so it commits or rolls back with the state
 * change that caused it. A dedupKey that is already there (a replay) writes nothing.
 */
export class OutboxSignaalWriter implements SignaalWriter {
  constructor(
    private readonly repository: SignaalOutboxRepository,
    private readonly events?: SignaalEvents,
  ) {}

  async schrijf(manager: EntityManager, signaal: Signaal): Promise<void> {
    controleerSignaal(signaal);
    const nieuw = await this.repository.insert(manager, { dedupKey: signaal.dedupKey, type: signaal.type, body: JSON.stringify(signaal) });
    if (nieuw) this.events?.geschreven(manager);
  }
}

/** The port's promises and the privacy guard (architecture.md §4.4); throws SignaalError. */
export function controleerSignaal(s: Signaal): void {
  const fout = (m: string): never => {
    throw new SignaalError(`signaal ${TYPE.test(String(s.type)) ? s.type : '(type?)'}: ${m}`);
  };
  if (!TYPE.test(String(s.type)) || s.type.length > 100) fout('type must be lower-case words joined by dots');
  if (s.version !== 1) fout('version must be 1');
  if (s.domein !== 'wmo' && s.domein !== 'jeugd') fout('domein must be wmo or jeugd');
  if (!DEDUP_KEY.test(String(s.dedupKey))) fout('dedupKey must be 1 to 200 characters [A-Za-z0-9._:-/]');
  if (!/^\d{4}$/.test(String(s.gemeente)) && !/^[A-Za-z0-9]{1,8}$/.test(String(s.gemeente))) fout('gemeente must be a gemeente or region code');
  if (!/^\d{8}$/.test(String(s.aanbieder))) fout('aanbieder must be an 8-digit AGB code');
  if (s.periode !== null && (!DATUM.test(String(s.periode?.van)) || !DATUM.test(String(s.periode?.tot)))) fout('periode needs van and tot dates');
  if (Number.isNaN(Date.parse(String(s.waargenomenOp)))) fout('waargenomenOp must be a timestamp');
  if (!['info', 'waarschuwing', 'kritiek'].includes(s.ernst)) fout('ernst must be info, waarschuwing or kritiek');
  for (const [k, v] of Object.entries(s.cijfers ?? {})) {
    if (typeof v === 'number' && !Number.isFinite(v)) fout(`cijfers.${k} is not a finite number`);
    if (/Centen$/.test(k) && !Number.isSafeInteger(v)) fout(`cijfers.${k} must be whole eurocents`);
  }
  const pad = vindPersoonsgegeven(s);
  if (pad) fout(`${pad} looks like client data (BSN or a personal field); signals carry figures only`);
}
