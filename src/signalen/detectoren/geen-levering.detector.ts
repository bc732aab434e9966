import type { Signaal } from '../signaal.port';
import { eersteVanMaand, maandenTussen, plusDagen, plusMaanden } from './kalender';

/** A contract and the last day with activity of its aanbieder for its gemeenten (up to vandaag). */
export interface ContractActiviteit {
  contractId: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  uitvoeringsvariant: string;
  looptijdVan: string;
  looptijdTot: string | null;
  /** Latest of: an approved prestatie's ProductPeriode end, a day covered by a start (without stop: vandaag), a 323's dagtekening. */
  laatsteActiviteit: string | null;
}

export const GEEN_LEVERING_TYPE = 'levering.geen-12-maanden';

/**
 * GEEN-ACTIVITEIT-12M (TCW art. 3.19.4 sub b, HR §15 b): while the contract runs, no approved
 * prestatie, no start covering a day and no 323 in the 12 complete calendar months before this
 * month. The inactivity episode starts after the last activity (or at the contract start, so a
 * contract younger than 12 months never fires); one signal per episode, re-armed by new activity.
 * Taakgericht contracts have no start/stop or 323 to go by and are left out.
 */
export function detecteerGeenLevering(rijen: readonly ContractActiviteit[], vandaag: string, waargenomenOp: string): Signaal[] {
  const venster = { van: plusMaanden(eersteVanMaand(vandaag), -12), tot: plusDagen(eersteVanMaand(vandaag), -1) };
  const signalen: Signaal[] = [];
  for (const c of rijen) {
    if (c.uitvoeringsvariant === 'taakgericht') continue;
    if (c.looptijdVan > vandaag || (c.looptijdTot !== null && c.looptijdTot < vandaag)) continue;
    // The last day that was not "without activity": the last activity, or the day before the contract start.
    const voorStart = plusDagen(c.looptijdVan, -1);
    const sinds = c.laatsteActiviteit !== null && c.laatsteActiviteit > voorStart ? c.laatsteActiviteit : voorStart;
    if (sinds >= venster.van) continue;
    signalen.push({
      type: GEEN_LEVERING_TYPE,
      version: 1,
      domein: c.domein,
      gemeente: c.gemeente,
      aanbieder: c.aanbieder,
      contractId: c.contractId,
      regel: c.domein === 'wmo' ? 'CS Wmo art. 3.19.4 b' : 'HR §15 b',
      periode: venster,
      cijfers: {
        maandenZonderLevering: maandenTussen(sinds, vandaag) - 1,
        laatsteActiviteit: c.laatsteActiviteit ?? 'geen',
      },
      waargenomenOp,
      dedupKey: `levering-geen-12-maanden:${c.contractId}:${sinds}`,
      ernst: 'waarschuwing',
    });
  }
  return signalen;
}
