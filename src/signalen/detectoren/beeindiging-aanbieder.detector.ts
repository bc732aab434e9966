import type { Signaal } from '../signaal.port';
import { vorigeMaand } from './kalender';

/** Per (domein, gemeente, aanbieder): the actual stops registered in the month measured that the aanbieder ended on its own. No client data. */
export interface EenzijdigeBeeindiging {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  aantal: number;
  /** Distinct toewijzingen among them (a stop without ToewijzingNummer counts as its own). */
  toewijzingen: number;
}

export const BEEINDIGING_AANBIEDER_TYPE = 'beeindiging.aanbieder';

/** RedenBeeindiging "eenzijdig door aanbieder": iWmo WMO588 22, iJw JZ588 33 (codelijsten.json). */
export const EENZIJDIG_DOOR_AANBIEDER: Readonly<Record<'wmo' | 'jeugd', string>> = { wmo: '22', jeugd: '33' };

/**
 * BEEINDIGING-AANBIEDER (TCW art. 3.7): an aanbieder may end ongoing support only for gewichtige
 * redenen, after a careful weighing, with a month's notice. One signal per (domein, gemeente,
 * aanbieder, previous calendar month) with the number of approved 307s that ended a levering
 * "eenzijdig door aanbieder", so the contractmanager can ask for the reasons. Counts only.
 */
export function detecteerBeeindigingAanbieder(rijen: readonly EenzijdigeBeeindiging[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  return rijen
    .filter((r) => r.aantal > 0)
    .map((r) => ({
      type: BEEINDIGING_AANBIEDER_TYPE,
      version: 1 as const,
      domein: r.domein,
      gemeente: r.gemeente,
      aanbieder: r.aanbieder,
      contractId: null,
      regel: r.domein === 'wmo' ? 'CS Wmo art. 3.7' : 'contractstandaard Jeugd, beëindiging door aanbieder (Wmo art. 3.7; Jeugd article not in the sources)',
      periode: { van: maand.van, tot: maand.tot },
      cijfers: { beeindigd: r.aantal, toewijzingen: r.toewijzingen, redenBeeindiging: EENZIJDIG_DOOR_AANBIEDER[r.domein] },
      waargenomenOp,
      dedupKey: `beeindiging-aanbieder:${r.domein}:${r.gemeente}:${r.aanbieder}:${maand.maand}`,
      ernst: 'waarschuwing' as const,
    }));
}
