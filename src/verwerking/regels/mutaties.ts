import { parseBericht, type BerichtDefinitie, type Domein, type GetypeerdBericht, type XmlElement, type Geboortedatum, type StartProduct, type StopProduct } from '../../istandaarden';
import type { Levering, LeveringScope, ToewijzingVersie, VerzoekStand } from './register';
import { alsLevering, inVerwerkingsvolgorde, regieScope } from './regie.regels';
import { alsToewijzingVersie } from './toewijzing.regels';

/**
 * A change to the register, as plain data the service persists in the bericht's transaction,
 * in this order. Only an approved bericht has any (§11: a rejected bericht changes nothing).
 */
export type RegisterMutatie =
  /** TR056: the bericht's key is taken. */
  | { soort: 'bericht-geregistreerd'; domein: Domein; berichtCode: string; afzender: string; identificatie: string; dagtekening: string }
  /**
   * Our 301: a version of a toewijzing (IV013; a resend with the same Toewijzingsdatum + -tijd replaces
   * it). The client's Geboortedatum is kept beside it for the PLAN-16-5 detector; no rule reads it.
   */
  | { soort: 'toewijzing-versie'; domein: Domein; versie: ToewijzingVersie; geboortedatum?: Geboortedatum | null }
  /** 305/307 StatusAanlevering 1. */
  | { soort: 'levering-aangeleverd'; domein: Domein; levering: Levering }
  /** 305/307 StatusAanlevering 3: the actual delivery with this key becomes 'verwijderd'. */
  | { soort: 'levering-verwijderd'; domein: Domein; scope: LeveringScope; leveringSoort: Levering['soort']; sleutel: string }
  /** A clean 315 (per AangevraagdProduct) or 317. */
  | { soort: 'verzoek-geopend'; domein: Domein; verzoek: VerzoekStand }
  /** Our 319 (afgewezen closes, in onderzoek keeps it open) or our 301 with that ReferentieAanbieder (closes). */
  | { soort: 'verzoek-beantwoord'; domein: Domein; aanbieder: string; referentieAanbieder: string; antwoord: 'afgewezen' | 'in-onderzoek' | 'toegewezen' };

/**
 * The register changes an APPROVED heenbericht implies (beoordeelOverstijgend said 'goedgekeurd',
 * and for our 301/319: it is being sent). Pure: reads the bericht, not the register.
 */
export function mutatiesVoor(bericht: { def: BerichtDefinitie; root?: XmlElement | null; getypeerd?: GetypeerdBericht }): RegisterMutatie[] {
  const { root, def } = bericht;
  if (def.isRetour) throw new Error(`${def.naam} is a retourbericht: it changes no register`);
  const domein = def.domein;
  const getypeerd = bericht.getypeerd ?? (root ? parseBericht(root, def) : null);
  if (!getypeerd) throw new Error(`${def.naam}: neither the tree nor the typed bericht`);
  const { header, inhoud } = getypeerd;
  const { berichtCode, afzender, ontvanger } = header;
  const mutaties: RegisterMutatie[] = [{ soort: 'bericht-geregistreerd', domein, berichtCode, afzender, identificatie: header.berichtIdentificatie.identificatie, dagtekening: header.berichtIdentificatie.dagtekening }];
  switch (inhoud.nummer) {
    case '301': {
      for (const tp of inhoud.toegewezenProducten) mutaties.push({ soort: 'toewijzing-versie', domein, versie: alsToewijzingVersie(tp, afzender, ontvanger, inhoud.bsn), geboortedatum: inhoud.geboortedatum });
      const referenties = new Set(inhoud.toegewezenProducten.flatMap((tp) => (tp.referentieAanbieder === null ? [] : [tp.referentieAanbieder])));
      for (const referentieAanbieder of referenties) mutaties.push({ soort: 'verzoek-beantwoord', domein, aanbieder: ontvanger, referentieAanbieder, antwoord: 'toegewezen' });
      break;
    }
    case '305':
    case '307': {
      const regels: Array<StartProduct | StopProduct> = 'startProducten' in inhoud ? inhoud.startProducten : inhoud.stopProducten;
      for (const i of inVerwerkingsvolgorde(regels)) {
        const scope = regieScope(ontvanger, afzender, inhoud.bsn ?? '', regels[i]);
        const levering = alsLevering(scope, regels[i]);
        if (regels[i].statusAanlevering === '1') mutaties.push({ soort: 'levering-aangeleverd', domein, levering });
        else mutaties.push({ soort: 'levering-verwijderd', domein, scope, leveringSoort: levering.soort, sleutel: levering.sleutel });
      }
      break;
    }
    case '315':
      for (const ap of inhoud.aangevraagdeProducten) mutaties.push(geopend(domein, ontvanger, afzender, inhoud.bsn ?? '', ap.referentieAanbieder, '315'));
      break;
    case '317':
      if (inhoud.verzoek) mutaties.push(geopend(domein, ontvanger, afzender, inhoud.bsn ?? '', inhoud.verzoek.referentieAanbieder, '317'));
      break;
    case '319': {
      const a = inhoud.antwoord;
      if (a) mutaties.push({ soort: 'verzoek-beantwoord', domein, aanbieder: ontvanger, referentieAanbieder: a.referentieAanbieder, antwoord: a.verzoekAntwoord === '2' ? 'in-onderzoek' : 'afgewezen' });
      break;
    }
    default:
      break;
  }
  return mutaties;
}

function geopend(domein: Domein, gemeente: string, aanbieder: string, bsn: string, referentieAanbieder: string, berichtNummer: '315' | '317'): RegisterMutatie {
  return { soort: 'verzoek-geopend', domein, verzoek: { gemeente, aanbieder, bsn, referentieAanbieder, berichtNummer, status: 'open', inOnderzoek: false } };
}
