import type { Signaal } from '../signaal.port';
import { vorigeMaand } from './kalender';

/** One 305/307/315/317 from an aanbieder, processed in the month measured, with the RetourCodes of its retour. No client data. */
export interface VerwerktHeenbericht {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  /** verwerkt (retour without codes other than 0200), afgekeurd (retour with codes), uitval (no retour made: the backoffice must act). */
  status: 'verwerkt' | 'afgekeurd' | 'uitval';
  /** Every RetourCode of its retour (Header and classes), 0200 included when present. */
  retourcodes: string[];
}

export const BERICHT_UITVAL_TYPE = 'bericht.uitval-maand';

/** From this share (per mille) of heenberichten rejected or in uitval, the monthly figure is a waarschuwing. */
export const BERICHT_UITVAL_WAARSCHUWING_PROMILLE = 100;

/** "Bericht is goedgekeurd": not a rejection. */
const GOEDGEKEURD = '0200';

/**
 * BERICHT-UITVAL (HR §16): per (domein, gemeente, aanbieder, previous calendar month) the
 * heenberichten 305/307/315/317 processed in it, how many were rejected (a retour with codes) or
 * ended in uitval (no retour made), and each RetourCode's occurrences in the retours. A signal when
 * any was rejected or in uitval; counts only.
 */
export function detecteerBerichtUitval(rijen: readonly VerwerktHeenbericht[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const tellingen = new Map<string, { r: VerwerktHeenbericht; berichten: number; afgekeurd: number; uitval: number; codes: Map<string, number> }>();
  for (const r of rijen) {
    const sleutel = `${r.domein}:${r.gemeente}:${r.aanbieder}`;
    let t = tellingen.get(sleutel);
    if (!t) tellingen.set(sleutel, (t = { r, berichten: 0, afgekeurd: 0, uitval: 0, codes: new Map() }));
    t.berichten++;
    if (r.status === 'afgekeurd') t.afgekeurd++;
    if (r.status === 'uitval') t.uitval++;
    for (const c of r.retourcodes) if (c !== GOEDGEKEURD) t.codes.set(c, (t.codes.get(c) ?? 0) + 1);
  }
  return [...tellingen.entries()]
    .filter(([, t]) => t.afgekeurd + t.uitval > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sleutel, t]) => {
      const nietVerwerktPromille = Math.round((1000 * (t.afgekeurd + t.uitval)) / t.berichten);
      const perCode = Object.fromEntries([...t.codes].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => [`aantal.${c}`, n]));
      return {
        type: BERICHT_UITVAL_TYPE,
        version: 1 as const,
        domein: t.r.domein,
        gemeente: t.r.gemeente,
        aanbieder: t.r.aanbieder,
        contractId: null,
        regel: 'HR §16',
        periode: { van: maand.van, tot: maand.tot },
        cijfers: { berichten: t.berichten, afgekeurd: t.afgekeurd, uitval: t.uitval, nietVerwerktPromille, ...perCode },
        waargenomenOp,
        dedupKey: `bericht-uitval-maand:${sleutel}:${maand.maand}`,
        ernst: nietVerwerktPromille >= BERICHT_UITVAL_WAARSCHUWING_PROMILLE ? ('waarschuwing' as const) : ('info' as const),
      };
    });
}
