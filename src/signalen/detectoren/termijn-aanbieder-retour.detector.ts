import type { Signaal } from '../signaal.port';
import { plusWerkdagen, vorigeMaand, werkdagenTussen } from './kalender';
import { TERMIJN_AANBIEDER_WAARSCHUWING_PROMILLE } from './termijn-aanbieder.detector';

/** One 301 or 319 of ours delivered to an aanbieder, with the first retour (302/320) that came back for it. No client data. */
export interface VerzondenHeenbericht {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  /** 'WMO301', 'JW319', ... */
  bericht: string;
  /** Dutch date the GGK accepted our Di01: the aanbieder's receipt, from which OP090 counts. */
  verzonden: string;
  /** Dutch date the first retour for it arrived; null while none has. */
  retourOntvangen: string | null;
}

export const TERMIJN_AANBIEDER_RETOUR_TYPE = 'termijn.aanbieder-retour';

/** OP090: a retour within 3 werkdagen of receipt. */
export const RETOUR_TERMIJN_WERKDAGEN = 3;

interface Telling {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  heenberichten: number;
  inTijd: number;
  laat: number;
  ontbreekt: number;
  maxWerkdagenTeLaat: number;
}

/**
 * TERMIJN-AANBIEDER, OP090 (the aanbieder's part): the retour on our 301/319 within 3 werkdagen of
 * receipt (plusWerkdagen(verzonden, 3)). Per (domein, gemeente, aanbieder), the heenberichten whose
 * deadline fell in the previous calendar month, so every one of them is decided when the month's
 * first run looks: in time, late (werkdagen after the deadline up to the day the retour arrived,
 * more than 0: a retour on a free day right after the deadline is in time) or missing (none yet: the
 * gemeente must chase it, OP090). A signal when any was late or missing; the first run of a month
 * writes the figures, a retour arriving later does not change them.
 */
export function detecteerRetourTermijnAanbieder(rijen: readonly VerzondenHeenbericht[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const tellingen = new Map<string, Telling>();
  for (const r of rijen) {
    const uiterlijk = plusWerkdagen(r.verzonden, RETOUR_TERMIJN_WERKDAGEN);
    if (uiterlijk < maand.van || uiterlijk > maand.tot) continue;
    const sleutel = `${r.domein}:${r.gemeente}:${r.aanbieder}`;
    let t = tellingen.get(sleutel);
    if (!t) {
      t = { domein: r.domein, gemeente: r.gemeente, aanbieder: r.aanbieder, heenberichten: 0, inTijd: 0, laat: 0, ontbreekt: 0, maxWerkdagenTeLaat: 0 };
      tellingen.set(sleutel, t);
    }
    t.heenberichten++;
    if (r.retourOntvangen === null) {
      t.ontbreekt++;
      continue;
    }
    const teLaat = werkdagenTussen(uiterlijk, r.retourOntvangen);
    if (teLaat > 0) {
      t.laat++;
      t.maxWerkdagenTeLaat = Math.max(t.maxWerkdagenTeLaat, teLaat);
    } else t.inTijd++;
  }
  return [...tellingen.values()]
    .filter((t) => t.laat + t.ontbreekt > 0)
    .sort((a, b) => `${a.domein}:${a.gemeente}:${a.aanbieder}`.localeCompare(`${b.domein}:${b.gemeente}:${b.aanbieder}`))
    .map((t) => {
      const nietOpTijdPromille = Math.round((1000 * (t.laat + t.ontbreekt)) / t.heenberichten);
      return {
        type: TERMIJN_AANBIEDER_RETOUR_TYPE,
        version: 1 as const,
        domein: t.domein,
        gemeente: t.gemeente,
        aanbieder: t.aanbieder,
        contractId: null,
        regel: 'OP090',
        periode: { van: maand.van, tot: maand.tot },
        cijfers: {
          heenberichten: t.heenberichten,
          inTijd: t.inTijd,
          laat: t.laat,
          ontbreekt: t.ontbreekt,
          nietOpTijdPromille,
          maxWerkdagenTeLaat: t.maxWerkdagenTeLaat,
          termijnWerkdagen: RETOUR_TERMIJN_WERKDAGEN,
        },
        waargenomenOp,
        dedupKey: `termijn-aanbieder-retour:${t.domein}:${t.gemeente}:${t.aanbieder}:${maand.maand}`,
        ernst: nietOpTijdPromille >= TERMIJN_AANBIEDER_WAARSCHUWING_PROMILLE ? ('waarschuwing' as const) : ('info' as const),
      };
    });
}
