import type { Signaal } from '../signaal.port';
import { plusMaanden, vorigeMaand } from './kalender';
import { vroegsteGeboortedatum } from './plan-16-5.detector';

/**
 * A Wmo toewijzing first registered in the month measured, under a contract with article 1.7 of its
 * aanbieder. The birth date is read only to compute with: it never enters a signal.
 */
export interface NieuweWmoToewijzing {
  gemeente: string;
  aanbieder: string;
  contractId: string;
  ingangsdatum: string;
  /** WMO301 Client/Geboortedatum/Datum and its DatumGebruik (COD170); null when the register holds none. */
  geboortedatum: string | null;
  datumGebruik: string | null;
  /** An approval (art. 1.7.2) is registered for this toewijzing under the contract. */
  toestemming: boolean;
  /** Opaque case reference (the id of the WMO301, or of the register row): never a BSN, name or date. */
  referentie: string;
}

export const WMO_VOOR_18_TYPE = 'wmo.voor-18';

/**
 * WMO-VOOR-18 (TCW art. 1.7.2): Wmo support that starts before the client's 18th birthday needs the
 * gemeente's written approval (the jeugdhulpaanbieder's wish, the Wmo aanbieder preparing). Per
 * (gemeente, aanbieder, contract, previous calendar month): the new toewijzingen whose Ingangsdatum
 * lies before the 18th birthday (from the earliest birth date the 301 allows, so a partly unknown
 * date never makes a client younger than he may be; unknown dates are not judged) without a
 * registered approval. One signal with the count and the opaque references.
 */
export function detecteerWmoVoor18(rijen: readonly NieuweWmoToewijzing[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const groepen = new Map<string, { r: NieuweWmoToewijzing; aantal: number; onzeker: number; referenties: string[] }>();
  for (const r of rijen) {
    if (r.toestemming) continue;
    const geboren = vroegsteGeboortedatum(r.geboortedatum, r.datumGebruik);
    if (geboren === null || r.ingangsdatum >= plusMaanden(geboren.datum, 216)) continue;
    const sleutel = `${r.gemeente}:${r.aanbieder}:${r.contractId}`;
    let g = groepen.get(sleutel);
    if (!g) groepen.set(sleutel, (g = { r, aantal: 0, onzeker: 0, referenties: [] }));
    g.aantal++;
    if (geboren.onzeker) g.onzeker++;
    g.referenties.push(r.referentie);
  }
  return [...groepen.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({
      type: WMO_VOOR_18_TYPE,
      version: 1 as const,
      domein: 'wmo' as const,
      gemeente: g.r.gemeente,
      aanbieder: g.r.aanbieder,
      contractId: g.r.contractId,
      regel: 'CS Wmo art. 1.7.2',
      periode: { van: maand.van, tot: maand.tot },
      cijfers: { zonderToestemming: g.aantal, datumOnzeker: g.onzeker, referenties: g.referenties.sort().join(',') },
      waargenomenOp,
      dedupKey: `wmo-voor-18:${g.r.gemeente}:${g.r.aanbieder}:${g.r.contractId}:${maand.maand}`,
      ernst: 'waarschuwing' as const,
    }));
}
