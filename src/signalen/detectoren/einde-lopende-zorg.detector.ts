import type { Signaal } from '../signaal.port';
import { dagenTussen, plusMaanden } from './kalender';

/** A contract ending within 6 months without a successor, with the zorg of its aanbieder that runs past its end. No client data. */
export interface AflopendContract {
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  einddatum: string;
  /** Actual toewijzingen (IV013; not deleted) for its gemeenten that end after the contract, or never. */
  toewijzingen: number;
  /** Actual starts without a stop, or with one after the contract's end. */
  starts: number;
}

export const EINDE_LOPENDE_ZORG_TYPE = 'contract.einde-lopende-zorg';

/** From how many months before the contract's end the figure is given (the interpretation in contractstandaard-signals.md). */
export const EINDE_VOORLOOP_MAANDEN = 6;

/**
 * EINDE-MET-LOPENDE-ZORG (TCW art. 3.19.6, HR §21): on termination the aanbieder cooperates in
 * transferring clients, and parties agree exit actions. From 6 months before the end of a contract
 * that no other contract of the same aanbieder continues: each month, how much zorg runs past the
 * end (actual toewijzingen and starts). Fires when any does; once per (contract, end date, month).
 */
export function detecteerEindeLopendeZorg(rijen: readonly AflopendContract[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vandaag.slice(0, 7);
  return rijen
    .filter((r) => r.einddatum >= vandaag && plusMaanden(r.einddatum, -EINDE_VOORLOOP_MAANDEN) <= vandaag && r.toewijzingen + r.starts > 0)
    .map((r) => ({
      type: EINDE_LOPENDE_ZORG_TYPE,
      version: 1 as const,
      domein: r.domein,
      gemeente: r.gemeente,
      aanbieder: r.aanbieder,
      contractId: r.contractId,
      regel: r.domein === 'wmo' ? 'CS Wmo art. 3.19.6' : 'HR §21',
      periode: { van: vandaag, tot: r.einddatum },
      cijfers: { einddatum: r.einddatum, dagenTotEinde: dagenTussen(vandaag, r.einddatum), toewijzingenNaEinde: r.toewijzingen, startsNaEinde: r.starts },
      waargenomenOp,
      dedupKey: `einde-lopende-zorg:${r.contractId}:${r.einddatum}:${maand}`,
      ernst: 'waarschuwing' as const,
    }));
}
