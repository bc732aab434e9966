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

/** A contract's own norms (weeks per product group) for one gemeente it covers; from contract.wachttijd_normen. */
export interface ContractWachttijdNorm {
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  normen: Readonly<Record<string, number>>;
}

export type NormBron = 'contract' | 'standaard';

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

/**
 * The norm in weeks for a group at (domein, gemeente, aanbieder): the strictest (fewest weeks) of
 * the contract norms that name the group, else the configured default; null when neither has one.
 */
export function kiesNorm(
  contractNormen: readonly ContractWachttijdNorm[],
  standaard: Readonly<Record<string, number>>,
  sleutel: { domein: string; gemeente: string; aanbieder: string; groep: string },
): { weken: number; bron: NormBron } | null {
  let strengst: number | null = null;
  for (const c of contractNormen) {
    if (c.domein !== sleutel.domein || c.gemeente !== sleutel.gemeente || c.aanbieder !== sleutel.aanbieder) continue;
    if (!Object.hasOwn(c.normen, sleutel.groep)) continue;
    const w = c.normen[sleutel.groep];
    if (strengst === null || w < strengst) strengst = w;
  }
  if (strengst !== null) return { weken: strengst, bron: 'contract' };
  return Object.hasOwn(standaard, sleutel.groep) ? { weken: standaard[sleutel.groep], bron: 'standaard' } : null;
}

interface Telling {
  eerste: ToewijzingWachttijd;
  groep: string;
  normDagen: number;
  normBron: NormBron;
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
 * above zero. Products without a group are not measured. The norm is the contract's own for the
 * group when a contract running in the month for the (domein, gemeente, aanbieder) agreed one (the
 * strictest when several did), else the configured default (kiesNorm); `normBron` says which.
 */
export function detecteerWachttijd(
  rijen: readonly ToewijzingWachttijd[],
  vandaag: string,
  inst: WachttijdInstellingen,
  waargenomenOp: string,
  contractNormen: readonly ContractWachttijdNorm[] = [],
): Signaal[] {
  const maand = vorigeMaand(vandaag);
  const tellingen = new Map<string, Telling>();
  for (const t of rijen) {
    const groep = productgroep(inst.productgroepen, t.domein, t.productCategorie, t.productCode);
    if (groep === null || t.ingangsdatum > maand.tot) continue;
    const sleutel = [t.domein, t.gemeente, t.aanbieder, groep].join(':');
    let n = tellingen.get(sleutel);
    if (n === undefined) {
      const norm = kiesNorm(contractNormen, inst.normWeken, { domein: t.domein, gemeente: t.gemeente, aanbieder: t.aanbieder, groep });
      if (norm === null) continue;
      n = { eerste: t, groep, normDagen: norm.weken * 7, normBron: norm.bron, gestart: 0, laatGestart: 0, wachtendBovenNorm: 0, maxWachtdagen: 0 };
      tellingen.set(sleutel, n);
    }
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
        normBron: n.normBron,
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
