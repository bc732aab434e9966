import type { Verzoek, XmlElement } from '../../istandaarden';
import { klasse, klassen, type Beoordeling } from './bevindingen';
import { isActueel, normaliseerNummer, type ClientBijAanbieder, type ToewijzingVersie, type VerzoekStand } from './register';

/**
 * Verzoeken om toewijzing (315) and om wijziging (317) across berichten, istandaarden-3.2.md §5.2.
 *
 * Decisions:
 * - "Actual toewijzing" for a VOW (TR349-TR351): the latest version (IV013) is not deleted and its
 *   Einddatum is empty or not before the VOW's Dagtekening; the Dagtekening, not our clock, so the
 *   aanbieder is judged on what he could know on that day (OP095).
 * - A listed ToewijzingNummer of this aanbieder that belongs to another client gets 8187 on the
 *   Client (TR304) and not also 9350/9351: it is linked, to the wrong person.
 * - TR374 looks at open verzoeken of this client from this aanbieder at this gemeente; another
 *   gemeente served by the same gateway cannot see them in the berichtenverkeer either.
 */

/** TR347 → 9347: ReferentieAanbieder unique per aanbieder per domain. */
export function tr347ReferentieNietUniek(bestaand: VerzoekStand | null): boolean {
  return bestaand !== null;
}

/**
 * TR374 → 9374: no new VOT/VOW while one of this client by this aanbieder is open.
 * ⚠ The rule table names no berichtklasse; (interpretation) the code goes on the Client.
 */
export function tr374VerzoekOnderhanden(openVerzoek: boolean): boolean {
  return openVerzoek;
}

/** TR349 → 9349: a VOW lists every actual toewijzing as Ongewijzigd or TeWijzigen. */
export function tr349NietAlleActueleToewijzingen(actueel: readonly ToewijzingVersie[], v: Verzoek): boolean {
  const genoemd = new Set([...v.ongewijzigd, ...v.teWijzigen.map((t) => t.toewijzingNummer)].map(normaliseerNummer));
  return actueel.some((t) => !genoemd.has(t.toewijzingNummer));
}

/** TR350 → 9350 (OngewijzigdProduct), TR351 → 9351 (TeWijzigenProduct): the number is an actual toewijzing of this aanbieder. */
export function tr350tr351GeenActueleToewijzing(t: ToewijzingVersie | null, aanbieder: string, peildatum: string): boolean {
  return t === null || t.aanbieder !== aanbieder || !isActueel(t, peildatum);
}

/** TR304 → 8187: the VOW's BSN is the client of the toewijzingen it lists. */
export function tr304AndereClient(t: ToewijzingVersie | null, aanbieder: string, bsn: string): boolean {
  return t !== null && t.aanbieder === aanbieder && t.bsn !== bsn;
}

type TeWijzigen = Verzoek['teWijzigen'][number];

/** TR357 → 9357: a GewensteIngangsdatum on or before the Dagtekening equals the original Ingangsdatum. */
export function tr357IngangsdatumInVerleden(tw: TeWijzigen, t: ToewijzingVersie, dagtekening: string): boolean {
  return tw.gewensteIngangsdatum <= dagtekening && tw.gewensteIngangsdatum !== t.ingangsdatum;
}

/**
 * TR373 → 9373: a change of Budget, or of the total Volume (Frequentie 6), applies from the
 * actual Ingangsdatum. (interpretation) "Changed" = filled and different from the toewijzing.
 */
export function tr373BudgetNietVanafIngangsdatum(tw: TeWijzigen, t: ToewijzingVersie): boolean {
  const budget = tw.budgetCenten !== null && tw.budgetCenten !== t.budgetCenten;
  const totaal = tw.omvang !== null && t.omvang !== null && tw.omvang.frequentie === '6' && t.omvang.frequentie === '6' && tw.omvang.volume !== t.omvang.volume;
  return (budget || totaal) && tw.gewensteIngangsdatum !== t.ingangsdatum;
}

/** TR411 → 9411: Omvang is mandatory when the toewijzing has a product code. */
export function tr411OmvangOntbreekt(tw: TeWijzigen, t: ToewijzingVersie): boolean {
  return tw.omvang === null && !!t.product?.code;
}

/** Since 2021 toewijzingen without a code carry no Omvang; the rules exempt those ended before. (interpretation) The toewijzing's Einddatum counts. */
function na2020(t: ToewijzingVersie): boolean {
  return t.einddatum === null || t.einddatum > '2020-12-31';
}

/** TR412 → 9412: no Omvang when the toewijzing has a Product without code (Einddatum after 2020-12-31 or empty). */
export function tr412OmvangZonderProductcode(tw: TeWijzigen, t: ToewijzingVersie): boolean {
  return tw.omvang !== null && t.product !== null && !t.product.code && na2020(t);
}

/** TR375 → 9375: no Omvang when the toewijzing has no Product at all (Einddatum after 2020-12-31 or empty). */
export function tr375OmvangZonderProduct(tw: TeWijzigen, t: ToewijzingVersie): boolean {
  return tw.omvang !== null && t.product === null && na2020(t);
}

export async function beoordeelVerzoek(b: Beoordeling): Promise<void> {
  const inhoud = b.bericht.inhoud;
  if (inhoud.nummer !== '315' && inhoud.nummer !== '317') return;
  const client: ClientBijAanbieder = { gemeente: b.bericht.header.ontvanger, aanbieder: b.bericht.header.afzender, bsn: inhoud.bsn ?? '' };
  const clientEl = klasse(b.root, 'Client');
  if (tr374VerzoekOnderhanden(await b.register.heeftOpenVerzoek(b.domein, client))) b.bevindingen.klasseFout('TR374', '9374', clientEl);
  if (inhoud.nummer === '315') {
    const elementen = klassen(b.root, 'Client', 'AangevraagdeProducten', 'AangevraagdProduct');
    for (const [i, ap] of inhoud.aangevraagdeProducten.entries()) {
      if (tr347ReferentieNietUniek(await b.register.verzoek(b.domein, client.aanbieder, ap.referentieAanbieder))) b.bevindingen.klasseFout('TR347', '9347', elementen[i]);
    }
    return;
  }
  if ('verzoek' in inhoud && inhoud.verzoek) await beoordeelVow(b, client, inhoud.verzoek);
}

async function beoordeelVow(b: Beoordeling, client: ClientBijAanbieder, v: Verzoek): Promise<void> {
  const verzoekEl = klasse(b.root, 'Client', 'Verzoek');
  const clientEl = klasse(b.root, 'Client');
  const dagtekening = b.bericht.header.berichtIdentificatie.dagtekening;
  if (tr347ReferentieNietUniek(await b.register.verzoek(b.domein, client.aanbieder, v.referentieAanbieder))) b.bevindingen.klasseFout('TR347', '9347', verzoekEl);
  const vanClient = await b.register.toewijzingenVanClient(b.domein, client);
  if (tr349NietAlleActueleToewijzingen(vanClient.filter((t) => isActueel(t, dagtekening)), v)) b.bevindingen.klasseFout('TR349', '9349', verzoekEl);

  /** Returns the toewijzing when it may be judged further; reports 8187 / 9350 / 9351 otherwise. */
  const koppel = async (nummer: string, el: XmlElement, regel: 'TR350' | 'TR351'): Promise<ToewijzingVersie | null> => {
    const t = await b.register.toewijzing(b.domein, client.gemeente, normaliseerNummer(nummer));
    if (tr304AndereClient(t, client.aanbieder, client.bsn)) {
      b.bevindingen.klasseFout('TR304', '8187', clientEl);
      return null;
    }
    if (tr350tr351GeenActueleToewijzing(t, client.aanbieder, dagtekening)) {
      b.bevindingen.klasseFout(regel, regel === 'TR350' ? '9350' : '9351', el);
      return null;
    }
    return t;
  };

  const ongewijzigdEls = klassen(b.root, 'Client', 'Verzoek', 'OngewijzigdeProducten', 'OngewijzigdProduct');
  for (const [i, nummer] of v.ongewijzigd.entries()) await koppel(nummer, ongewijzigdEls[i], 'TR350');
  const teWijzigenEls = klassen(b.root, 'Client', 'Verzoek', 'TeWijzigenProducten', 'TeWijzigenProduct');
  for (const [i, tw] of v.teWijzigen.entries()) {
    const el = teWijzigenEls[i];
    const t = await koppel(tw.toewijzingNummer, el, 'TR351');
    if (!t) continue;
    if (tr357IngangsdatumInVerleden(tw, t, dagtekening)) b.bevindingen.klasseFout('TR357', '9357', el);
    if (tr373BudgetNietVanafIngangsdatum(tw, t)) b.bevindingen.klasseFout('TR373', '9373', el);
    if (tr411OmvangOntbreekt(tw, t)) b.bevindingen.klasseFout('TR411', '9411', el);
    if (tr412OmvangZonderProductcode(tw, t)) b.bevindingen.klasseFout('TR412', '9412', el);
    if (tr375OmvangZonderProduct(tw, t)) b.bevindingen.klasseFout('TR375', '9375', el);
  }
}
