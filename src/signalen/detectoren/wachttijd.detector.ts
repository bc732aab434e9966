import type { ProductgroepRegel } from '../../platform/config';
import type { Signaal } from '../signaal.port';
import { dagenTussen, vorigeMaand } from './kalender';

/** The actual version of a toewijzing and the Begindatum of its first approved start (305), if any. */
export interface ToewijzingWachttijd {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  productCategorie: string | null;
  productCode: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  eersteStart: string | null;
}

export interface WachttijdInstellingen {
  normWeken: Readonly<Record<string, number>>;
  productgroepen: readonly ProductgroepRegel[];
}

export const WACHTTIJD_TYPE = 'wachttijd.overschreden';

/** The product group of a product: the matching rule with the longest code prefix (a categorie-only rule has none). */
export function productgroep(regels: readonly ProductgroepRegel[], domein: string, categorie: string | null, code: string | null): string | null {
  let beste: ProductgroepRegel | null = null;
  for (const r of regels) {
    if (r.domein !== domein || r.categorie !== categorie) continue;
    if (r.codePrefix !== null && !(code ?? '').startsWith(r.codePrefix)) continue;
    if (beste === null || (r.codePrefix?.length ?? 0) > (beste.codePrefix?.length ?? 0)) beste = r;
  }
  return beste?.groep ?? null;
}

interface Telling {
  eerste: ToewijzingWachttijd;
  groep: string;
  normDagen: number;
  gestart: number;
  laatGestart: number;
  wachtendBovenNorm: number;
  maxWachtdagen: number;
}

/**
 * WACHTTIJD (TCW art. 3.5, HR §8), per aanbieder and product group over the previous calendar
 * month: toewijzingen whose first start fell in that month more than the norm after the
 * Ingangsdatum, plus toewijzingen still current at the month end without a start whose norm had
 * passed by then. One periodic signal per (aanbieder, gemeente, group, month) when either count is
 * above zero. Products without a group are not measured.
 */
export function detecteerWachttijd(rijen: readonly ToewijzingWachttijd[], vandaag: string, inst: WachttijdInstellingen, waargenomenOp: string): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const tellingen = new Map<string, Telling>();
  for (const t of rijen) {
    const groep = productgroep(inst.productgroepen, t.domein, t.productCategorie, t.productCode);
    const weken = groep === null ? undefined : inst.normWeken[groep];
    if (groep === null || weken === undefined || t.ingangsdatum > maand.tot) continue;
    const sleutel = [t.domein, t.gemeente, t.aanbieder, groep].join(':');
    const n = tellingen.get(sleutel) ?? { eerste: t, groep, normDagen: weken * 7, gestart: 0, laatGestart: 0, wachtendBovenNorm: 0, maxWachtdagen: 0 };
    tellingen.set(sleutel, n);
    if (t.eersteStart !== null && t.eersteStart >= maand.van && t.eersteStart <= maand.tot) {
      const wacht = Math.max(0, dagenTussen(t.ingangsdatum, t.eersteStart));
      n.gestart++;
      if (wacht > n.normDagen) {
        n.laatGestart++;
        n.maxWachtdagen = Math.max(n.maxWachtdagen, wacht);
      }
    } else if ((t.eersteStart === null || t.eersteStart > maand.tot) && (t.einddatum === null || t.einddatum >= maand.tot)) {
      const wacht = dagenTussen(t.ingangsdatum, maand.tot);
      if (wacht > n.normDagen) {
        n.wachtendBovenNorm++;
        n.maxWachtdagen = Math.max(n.maxWachtdagen, wacht);
      }
    }
  }
  const signalen: Signaal[] = [];
  for (const [sleutel, n] of tellingen) {
    if (n.laatGestart + n.wachtendBovenNorm === 0) continue;
    signalen.push({
      type: WACHTTIJD_TYPE,
      version: 1,
      domein: n.eerste.domein,
      gemeente: n.eerste.gemeente,
      aanbieder: n.eerste.aanbieder,
      contractId: null,
      regel: n.eerste.domein === 'wmo' ? 'CS Wmo art. 3.5' : 'HR §8',
      periode: { van: maand.van, tot: maand.tot },
      cijfers: {
        productgroep: n.groep,
        normDagen: n.normDagen,
        gestart: n.gestart,
        laatGestart: n.laatGestart,
        wachtendBovenNorm: n.wachtendBovenNorm,
        maxWachtdagen: n.maxWachtdagen,
      },
      waargenomenOp,
      dedupKey: `wachttijd-overschreden:${sleutel}:${maand.maand}`,
      ernst: 'waarschuwing',
    });
  }
  return signalen;
}
