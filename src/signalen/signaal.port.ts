import type { EntityManager } from 'typeorm';

/** A signal for contractmanagers (architecture.md §4.4). Figures only: never a BSN, name, birth date or address. */
export interface Signaal {
  /** Lower-case words joined by dots, e.g. 'bestedingsruimte.70'; routing key is `signaal.<type>`. */
  type: string;
  version: 1;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  contractId: string | null;
  regel: string;
  periode: { van: string; tot: string } | null;
  cijfers: Record<string, number | string>;
  waargenomenOp: string;
  /** Message id on RabbitMQ; equal for replays of the same observation. */
  dedupKey: string;
  ernst: 'info' | 'waarschuwing' | 'kritiek';
}

/** Writes a signal into the signal outbox inside the caller's transaction (once per dedupKey). */
export interface SignaalWriter {
  schrijf(manager: EntityManager, signaal: Signaal): Promise<void>;
}

export const SIGNAAL_WRITER = Symbol('SIGNAAL_WRITER');
