import type { Signaal } from '../signaal.port';
import { vorigeMaand, werkdagenTussen } from './kalender';

/** One actual StartProduct (305) or StopProduct (307) with StatusAanlevering 1, dated in the month measured. No client data. */
export interface StartStopMelding {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  soort: 'start' | 'stop';
  /** Begindatum of a start, Einddatum of a stop. */
  datum: string;
  /** Dagtekening of the 305/307 that carried it. */
  dagtekening: string;
  /** Start: the first Toewijzingsdatum of its ToewijzingNummer (null without one); a later one is a retroactive 301 (OP271). */
  toewijzingsdatum: string | null;
  /** Stop: a definitive stop after an actual temporary stop (RedenBeeindiging 20) of the same start. */
  naTijdelijkeStop: boolean;
}

export const TERMIJN_AANBIEDER_TYPE = 'termijn.aanbieder';

/** OP271/OP272: start and stop within 5 werkdagen. */
export const START_STOP_TERMIJN_WERKDAGEN = 5;

/** From this share of late start/stop messages (per mille) the monthly figure is a waarschuwing. */
export const TERMIJN_AANBIEDER_WAARSCHUWING_PROMILLE = 100;

/**
 * Werkdagen a start or stop came after its term (0 when in time), null when OP271/OP272 give no
 * measurable term. Counted as werkdagenTussen(datum, Dagtekening): werkdagen after the
 * Begindatum/Einddatum (that day not counted) up to and including the Dagtekening; late when more
 * than 5, so a message dated on the 5th werkdag, or on a free day right after it, is in time.
 * A start counts from the later of Begindatum and the first Toewijzingsdatum (a retroactive 301,
 * OP271). A definitive stop after a temporary one counts from "knowing" (OP272), which no bericht
 * records: not measured.
 */
export function werkdagenTeLaat(m: Pick<StartStopMelding, 'soort' | 'datum' | 'dagtekening' | 'toewijzingsdatum' | 'naTijdelijkeStop'>): number | null {
  if (m.soort === 'stop' && m.naTijdelijkeStop) return null;
  const vanaf = m.soort === 'start' && m.toewijzingsdatum !== null && m.toewijzingsdatum > m.datum ? m.toewijzingsdatum : m.datum;
  return Math.max(0, werkdagenTussen(vanaf, m.dagtekening) - START_STOP_TERMIJN_WERKDAGEN);
}

interface Telling {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  starts: number;
  startsLaat: number;
  stops: number;
  stopsLaat: number;
  maxWerkdagenTeLaat: number;
}

/**
 * TERMIJN-AANBIEDER (OP271, OP272): per (domein, gemeente, aanbieder) over the previous calendar
 * month, the starts and stops whose Dagtekening fell in it and how many came late; a signal when
 * at least one did. Rows dated outside the month are ignored (the query should not return them).
 */
export function detecteerTermijnAanbieder(rijen: readonly StartStopMelding[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const tellingen = new Map<string, Telling>();
  for (const r of rijen) {
    if (r.dagtekening < maand.van || r.dagtekening > maand.tot) continue;
    const teLaat = werkdagenTeLaat(r);
    if (teLaat === null) continue;
    const sleutel = `${r.domein}:${r.gemeente}:${r.aanbieder}`;
    let t = tellingen.get(sleutel);
    if (!t) {
      t = { domein: r.domein, gemeente: r.gemeente, aanbieder: r.aanbieder, starts: 0, startsLaat: 0, stops: 0, stopsLaat: 0, maxWerkdagenTeLaat: 0 };
      tellingen.set(sleutel, t);
    }
    const laat = teLaat > 0 ? 1 : 0;
    if (r.soort === 'start') {
      t.starts++;
      t.startsLaat += laat;
    } else {
      t.stops++;
      t.stopsLaat += laat;
    }
    t.maxWerkdagenTeLaat = Math.max(t.maxWerkdagenTeLaat, teLaat);
  }
  return [...tellingen.values()]
    .filter((t) => t.startsLaat + t.stopsLaat > 0)
    .sort((a, b) => `${a.domein}:${a.gemeente}:${a.aanbieder}`.localeCompare(`${b.domein}:${b.gemeente}:${b.aanbieder}`))
    .map((t) => {
      const laatPromille = Math.round((1000 * (t.startsLaat + t.stopsLaat)) / (t.starts + t.stops));
      return {
        type: TERMIJN_AANBIEDER_TYPE,
        version: 1 as const,
        domein: t.domein,
        gemeente: t.gemeente,
        aanbieder: t.aanbieder,
        contractId: null,
        regel: 'OP271, OP272',
        periode: { van: maand.van, tot: maand.tot },
        cijfers: {
          starts: t.starts,
          startsLaat: t.startsLaat,
          stops: t.stops,
          stopsLaat: t.stopsLaat,
          laatPromille,
          maxWerkdagenTeLaat: t.maxWerkdagenTeLaat,
        },
        waargenomenOp,
        dedupKey: `termijn-aanbieder:${t.domein}:${t.gemeente}:${t.aanbieder}:${maand.maand}`,
        ernst: laatPromille >= TERMIJN_AANBIEDER_WAARSCHUWING_PROMILLE ? ('waarschuwing' as const) : ('info' as const),
      };
    });
}
