import type { ToegewezenProduct } from '../../istandaarden';
import { klassen, type Beoordeling } from './bevindingen';
import { normaliseerNummer, productGelijk, type ToewijzingVersie, type VerzoekStand } from './register';

/**
 * Our own outgoing 301, checked before sending the way the aanbieder will check it (a 302 with
 * codes means "toewijzing not received"), istandaarden-3.2.md §5.1.
 */

/**
 * TR332 → 9332: a ToewijzingNummer is unique per gemeente per domain. A new version of the same
 * toewijzing keeps its number (IV066, OP033x1: Einddatum, Budget, Volume at Frequentie 6,
 * deletion). (interpretation) So a number already in use (in the register or earlier in this
 * 301) must carry the same aanbieder, BSN, Product, Ingangsdatum, and Omvang up to its Volume at
 * Frequentie 6; anything else is another toewijzing under a used number.
 */
export function tr332NummerNietUniek(bestaand: ToewijzingVersie | null, tp: ToegewezenProduct, aanbieder: string, bsn: string): boolean {
  if (!bestaand) return false;
  if (bestaand.aanbieder !== aanbieder || bestaand.bsn !== bsn) return true;
  if (!productGelijk(bestaand.product, tp.product) || bestaand.ingangsdatum !== tp.ingangsdatum) return true;
  const a = bestaand.omvang;
  const b = tp.omvang;
  if (a === null || b === null) return a !== b;
  return a.eenheid !== b.eenheid || a.frequentie !== b.frequentie || (a.volume !== b.volume && a.frequentie !== '6');
}

/**
 * TR379 → 9379: ReferentieAanbieder only on a 301 that answers a verzoek (IV097).
 * (interpretation) The verzoek must exist for this client at this gemeente; it need not still be
 * open, because OP087 resends unchanged versions that answered an earlier verzoek.
 */
export function tr379GeenVerzoek(verzoek: VerzoekStand | null, gemeente: string, bsn: string): boolean {
  return verzoek === null || verzoek.gemeente !== gemeente || verzoek.bsn !== bsn;
}

/**
 * TR385 → 9385: no deletion (RedenWijziging 13) while approved, not credited prestaties exist.
 * Until the declaratie work fills RegisterLezer.goedgekeurdeOngecrediteerdePrestaties the count
 * is 0 and this rule never fires.
 */
export function tr385VerwijderingMetPrestaties(tp: ToegewezenProduct, aantalPrestaties: number): boolean {
  return tp.redenWijziging === '13' && aantalPrestaties > 0;
}

/** The register record a ToegewezenProduct of a 301 becomes. */
export function alsToewijzingVersie(tp: ToegewezenProduct, gemeente: string, aanbieder: string, bsn: string): ToewijzingVersie {
  return {
    gemeente,
    toewijzingNummer: normaliseerNummer(tp.toewijzingNummer),
    aanbieder,
    bsn,
    referentieAanbieder: tp.referentieAanbieder,
    product: tp.product,
    toewijzingsdatum: tp.toewijzingsdatum,
    toewijzingstijd: tp.toewijzingstijd,
    ingangsdatum: tp.ingangsdatum,
    einddatum: tp.einddatum,
    redenWijziging: tp.redenWijziging,
    omvang: tp.omvang,
    budgetCenten: tp.budgetCenten,
  };
}

export async function beoordeelToewijzing(b: Beoordeling): Promise<void> {
  const inhoud = b.bericht.inhoud;
  if (inhoud.nummer !== '301') return;
  const { afzender: gemeente, ontvanger: aanbieder } = b.bericht.header;
  const elementen = klassen(b.root, 'Client', 'ToegewezenProducten', 'ToegewezenProduct');
  const inDitBericht = new Map<string, ToewijzingVersie>();
  for (const [i, tp] of inhoud.toegewezenProducten.entries()) {
    const el = elementen[i];
    const nummer = normaliseerNummer(tp.toewijzingNummer);
    const bestaand = inDitBericht.get(nummer) ?? (await b.register.toewijzing(b.domein, gemeente, nummer));
    if (tr332NummerNietUniek(bestaand, tp, aanbieder, inhoud.bsn)) b.bevindingen.klasseFout('TR332', '9332', el);
    inDitBericht.set(nummer, alsToewijzingVersie(tp, gemeente, aanbieder, inhoud.bsn));
    if (tp.referentieAanbieder !== null) {
      const verzoek = await b.register.verzoek(b.domein, aanbieder, tp.referentieAanbieder);
      if (tr379GeenVerzoek(verzoek, gemeente, inhoud.bsn)) b.bevindingen.klasseFout('TR379', '9379', el);
    }
    if (tp.redenWijziging === '13') {
      const aantal = (await b.register.goedgekeurdeOngecrediteerdePrestaties?.(b.domein, gemeente, nummer)) ?? 0;
      if (tr385VerwijderingMetPrestaties(tp, aantal)) b.bevindingen.klasseFout('TR385', '9385', el);
    }
  }
}
