import type { Signaal } from '../signaal.port';
import { eersteVanMaand, plusDagen, plusMaanden } from './kalender';

/**
 * One jeugdige with an actual iJw toewijzing at an aanbieder (one row per gemeente, aanbieder and
 * client; the BSN stays in the query). The birth date is read here only to compute dates: it never
 * enters a signal.
 */
export interface JeugdigeBijAanbieder {
  gemeente: string;
  aanbieder: string;
  /** JW301 Client/Geboortedatum/Datum; null when the register holds none (versions older than the column). */
  geboortedatum: string | null;
  /** JW301 DatumGebruik (COD170): 1 day unknown, 2 day and month unknown, 3 date unknown; null = exact. */
  datumGebruik: string | null;
  /** Opaque case reference (the id of the JW301 bericht, or of the register row): never a BSN, name or date. */
  referentie: string;
}

export const PLAN_16_5_TYPE = 'jeugd.plan-16-5';

/** 16 years 6 months and 18 years, in months. */
const MAANDEN_16_5 = 198;
const MAANDEN_18 = 216;

/**
 * The earliest birth date the JW301 allows (HR §9 ⚠ interpretation: partly unknown dates count from
 * their earliest possible day) and whether it is uncertain; null when unknown (DatumGebruik 3: the
 * Datum is the placeholder 1900-01-01) or missing.
 */
export function vroegsteGeboortedatum(geboortedatum: string | null, datumGebruik: string | null): { datum: string; onzeker: boolean } | null {
  if (geboortedatum === null || datumGebruik === '3') return null;
  // CS139 already demands day 01 (1) or 01-01 (2); normalising keeps a sloppy sender from moving the month.
  if (datumGebruik === '1') return { datum: `${geboortedatum.slice(0, 7)}-01`, onzeker: true };
  if (datumGebruik === '2') return { datum: `${geboortedatum.slice(0, 4)}-01-01`, onzeker: true };
  return { datum: geboortedatum, onzeker: false };
}

/** The day a child born on `geboortedatum` is 16 years 6 months old (31 Aug → 28/29 Feb). */
export function datumZestienHalf(geboortedatum: string): string {
  return plusMaanden(geboortedatum, MAANDEN_16_5);
}

interface Telling {
  gemeente: string;
  aanbieder: string;
  bereikt: number;
  bereiktDatumOnzeker: number;
  vooruit: number;
  vooruitDatumOnzeker: number;
  tussen165En18: number;
  datumOnbekend: number;
  referenties: string[];
}

/**
 * PLAN-16-5 (HR §9): a timely plan towards 18 starts at 16,5. A periodic figure per (gemeente,
 * aanbieder, calendar month of vandaag): jeugdigen reaching 16 years 6 months in this month
 * (`bereikt`, with their opaque references), those reaching it in the next `vooruitMaanden` months
 * (`vooruit`), those already past it but not yet 18 on the first of the month (a stock figure, which
 * also shows jeugdigen who came in after their 16,5), and those whose birth date is unknown. Fires
 * when `bereikt` or `vooruit` is above zero; once per month (the first run of the month writes it).
 */
export function detecteerPlan165(rijen: readonly JeugdigeBijAanbieder[], vandaag: string, vooruitMaanden: number, waargenomenOp: string): Signaal[] {
  const van = eersteVanMaand(vandaag);
  const tot = plusDagen(plusMaanden(van, 1), -1);
  const vooruitTot = plusDagen(plusMaanden(van, 1 + vooruitMaanden), -1);
  const tellingen = new Map<string, Telling>();
  for (const r of rijen) {
    const sleutel = `${r.gemeente}:${r.aanbieder}`;
    const t = tellingen.get(sleutel) ?? {
      gemeente: r.gemeente, aanbieder: r.aanbieder, bereikt: 0, bereiktDatumOnzeker: 0, vooruit: 0, vooruitDatumOnzeker: 0,
      tussen165En18: 0, datumOnbekend: 0, referenties: [],
    };
    tellingen.set(sleutel, t);
    const geboren = vroegsteGeboortedatum(r.geboortedatum, r.datumGebruik);
    if (geboren === null) {
      t.datumOnbekend++;
      continue;
    }
    const zestienHalf = datumZestienHalf(geboren.datum);
    if (zestienHalf >= van && zestienHalf <= tot) {
      t.bereikt++;
      if (geboren.onzeker) t.bereiktDatumOnzeker++;
      t.referenties.push(r.referentie);
    } else if (zestienHalf > tot && zestienHalf <= vooruitTot) {
      t.vooruit++;
      if (geboren.onzeker) t.vooruitDatumOnzeker++;
    } else if (zestienHalf < van && plusMaanden(geboren.datum, MAANDEN_18) > van) {
      t.tussen165En18++;
    }
  }
  const signalen: Signaal[] = [];
  for (const t of tellingen.values()) {
    if (t.bereikt + t.vooruit === 0) continue;
    signalen.push({
      type: PLAN_16_5_TYPE,
      version: 1,
      domein: 'jeugd',
      gemeente: t.gemeente,
      aanbieder: t.aanbieder,
      contractId: null,
      regel: 'HR §9',
      periode: { van, tot },
      cijfers: {
        bereikt: t.bereikt,
        bereiktDatumOnzeker: t.bereiktDatumOnzeker,
        vooruit: t.vooruit,
        vooruitDatumOnzeker: t.vooruitDatumOnzeker,
        vooruitMaanden,
        tussen165En18: t.tussen165En18,
        datumOnbekend: t.datumOnbekend,
        referenties: [...t.referenties].sort().join(','),
      },
      waargenomenOp,
      dedupKey: `jeugd-plan-16-5:${t.gemeente}:${t.aanbieder}:${van.slice(0, 7)}`,
      ernst: 'info',
    });
  }
  return signalen;
}
