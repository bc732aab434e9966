import type { Signaal } from '../signaal.port';
import { vorigeMaand } from './kalender';

/** What one aanbieder declared to one gemeente in a month (323s answered in that month). */
export interface DeclaratieMaand {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  declaraties: number;
  /** Whole 323s rejected on header or declaratie level (no prestatie judged). */
  declaratiesAfgewezen: number;
  prestatiesGoedgekeurd: number;
  prestatiesAfgewezen: number;
  goedgekeurdCenten: number;
  afgewezenCenten: number;
  /** Per retourcode of the 325s: prestaties and Σ IngediendBedrag (signed; 325s answered before 2026-12-04: none). */
  perRetourcode: Readonly<Record<string, { aantal: number; centen: number }>>;
}

export const DECLARATIE_UITVAL_TYPE = 'declaratie.uitval-maand';
export const TARIEF_AFWIJKING_TYPE = 'declaratie.tarief-afwijking';
export const VOLUME_OVERSCHRIJDING_TYPE = 'declaratie.volume-overschrijding';

/** TARIEF-AFWIJKING: the tarief differs from the contract's (TR418). */
export const TARIEF_CODES = ['0611'] as const;
/** VOLUME-OVERSCHRIJDING: above the volume per period (9321) or of the toewijzing (9322), above its budget (9369). */
export const VOLUME_CODES = ['9321', '9322', '9369'] as const;

/** From this share of rejected prestaties (per mille) the monthly figure is a waarschuwing. */
export const UITVAL_WAARSCHUWING_PROMILLE = 100;

function promille(deel: number, totaal: number): number {
  return totaal === 0 ? 0 : Math.round((1000 * deel) / totaal);
}

/** `aantal.<code>` and `centen.<code>` for these codes (all when none are named), as declaratie.uitval has them. */
function perCode(r: DeclaratieMaand, codes?: readonly string[]): Record<string, number> {
  const uit: Record<string, number> = {};
  for (const code of Object.keys(r.perRetourcode).sort()) {
    if (codes && !codes.includes(code)) continue;
    const v = r.perRetourcode[code];
    Object.assign(uit, { [`aantal.${code}`]: v.aantal, [`centen.${code}`]: v.centen });
  }
  return uit;
}

/**
 * HR §16 monthly figures per (aanbieder, gemeente, previous calendar month), whenever a 323 was
 * answered in that month. DECLARATIE-UITVAL (`declaratie.uitval-maand`): counts and amounts of
 * approved and rejected debit prestaties (credits not counted; one credited later still counts as
 * approved) and the rejections by retourcode. TARIEF-AFWIJKING (`declaratie.tarief-afwijking`,
 * 0611, see INDEXERING) and VOLUME-OVERSCHRIJDING (`declaratie.volume-overschrijding`, 9321, 9322,
 * 9369): their codes alone, when any prestatie got one.
 */
export function detecteerDeclaratieUitval(rijen: readonly DeclaratieMaand[], vandaag: string, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const signalen: Signaal[] = [];
  for (const r of rijen) {
    if (r.declaraties === 0) continue;
    signalen.push(uitvalSignaal(r, maand, waargenomenOp));
    const debet = r.prestatiesGoedgekeurd + r.prestatiesAfgewezen;
    for (const [type, codes, regel, sleutel] of [
      [TARIEF_AFWIJKING_TYPE, TARIEF_CODES, 'HR §16, TR418', 'declaratie-tarief-afwijking'],
      [VOLUME_OVERSCHRIJDING_TYPE, VOLUME_CODES, 'HR §16', 'declaratie-volume-overschrijding'],
    ] as const) {
      const cijfers = perCode(r, codes);
      const aantal = codes.reduce((n, c) => n + (r.perRetourcode[c]?.aantal ?? 0), 0);
      if (aantal === 0) continue;
      const afgewezenPromille = promille(aantal, debet);
      signalen.push({
        type, version: 1, domein: r.domein, gemeente: r.gemeente, aanbieder: r.aanbieder, contractId: null, regel,
        periode: { van: maand.van, tot: maand.tot },
        cijfers: { ...cijfers, prestaties: aantal, debetPrestaties: debet, afgewezenPromille },
        waargenomenOp,
        dedupKey: `${sleutel}:${r.domein}:${r.gemeente}:${r.aanbieder}:${maand.maand}`,
        ernst: afgewezenPromille >= UITVAL_WAARSCHUWING_PROMILLE ? 'waarschuwing' : 'info',
      });
    }
  }
  return signalen;
}

function uitvalSignaal(r: DeclaratieMaand, maand: ReturnType<typeof vorigeMaand>, waargenomenOp: string): Signaal {
  const uitvalPromille = promille(r.prestatiesAfgewezen, r.prestatiesGoedgekeurd + r.prestatiesAfgewezen);
  return {
    type: DECLARATIE_UITVAL_TYPE,
    version: 1,
    domein: r.domein,
    gemeente: r.gemeente,
    aanbieder: r.aanbieder,
    contractId: null,
    regel: 'HR §16',
    periode: { van: maand.van, tot: maand.tot },
    cijfers: {
      declaraties: r.declaraties,
      declaratiesAfgewezen: r.declaratiesAfgewezen,
      prestatiesGoedgekeurd: r.prestatiesGoedgekeurd,
      prestatiesAfgewezen: r.prestatiesAfgewezen,
      goedgekeurdCenten: r.goedgekeurdCenten,
      afgewezenCenten: r.afgewezenCenten,
      uitvalPromille,
      bedragUitvalPromille: promille(r.afgewezenCenten, r.goedgekeurdCenten + r.afgewezenCenten),
      ...perCode(r),
    },
    waargenomenOp,
    dedupKey: `declaratie-uitval-maand:${r.domein}:${r.gemeente}:${r.aanbieder}:${maand.maand}`,
    ernst: uitvalPromille >= UITVAL_WAARSCHUWING_PROMILLE ? 'waarschuwing' : 'info',
  };
}
