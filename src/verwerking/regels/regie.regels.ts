import type { StartProduct, StopProduct, XmlElement } from '../../istandaarden';
import { klassen, type Beoordeling } from './bevindingen';
import { normaliseerNummer, productGelijk, startSleutel, stopSleutel, type Levering, type LeveringScope, type ToewijzingVersie } from './register';

/**
 * Start (305) and stop (307) across berichten, istandaarden-3.2.md §5.3. Start/stop is judged on
 * its own: nothing here looks at declaraties, and no declaratie rule looks here (OP364).
 *
 * Decisions:
 * - "Received" and "earlier delivery" (TR063, TR074) mean an actual delivery: a key whose last
 *   delivery was deleted (status 3) may be delivered again, which is how IV008 corrects a field
 *   outside the key (delete in one bericht, new in the next).
 * - Within one bericht deletions are judged first, then new deliveries, each against the register
 *   plus the error-free lines before it, so delete + new of a changed key works in one bericht.
 * - A line that cannot be linked (9019) gets no further codes: the other rules need the toewijzing.
 * - The more specific TR074 wins over TR326/TR413-TR415 for an exact repeat of an actual key.
 */

/** TR019 → 9019: a filled ToewijzingNummer must link to a toewijzing. (interpretation) One assigned to another AGB does not link either. */
export function tr019NietTeKoppelen(toewijzing: ToewijzingVersie | null, aanbieder: string): boolean {
  return toewijzing === null || toewijzing.aanbieder !== aanbieder;
}

/** TR063 → 9063: a deletion (StatusAanlevering 3) needs an actual earlier delivery with the same key. */
export function tr063GeenEerdereAanlevering(leveringen: readonly Levering[], soort: Levering['soort'], sleutel: string): boolean {
  return !leveringen.some((l) => l.soort === soort && l.sleutel === sleutel && l.status === 'actueel');
}

/** TR071 → 9071: a start cannot be deleted once an actual stop refers to it. */
export function tr071StartAlGestopt(leveringen: readonly Levering[], sleutel: string): boolean {
  return actueleStops(leveringen, sleutel).length > 0;
}

/** TR074 → 9074: StatusAanlevering 1 with a key that is already actual. */
export function tr074SleutelAlOntvangen(leveringen: readonly Levering[], soort: Levering['soort'], sleutel: string): boolean {
  return leveringen.some((l) => l.soort === soort && l.sleutel === sleutel && l.status === 'actueel');
}

/** TR326 → 9326: at most one actual start per toegewezen product; a new one only after a (temporary) stop. */
export function tr326StartNogNietGestopt(leveringen: readonly Levering[], nieuw: StartProduct): boolean {
  const sleutel = startSleutel(nieuw);
  return leveringen.some(
    (l) => l.soort === 'start' && l.status === 'actueel' && l.sleutel !== sleutel && zelfdeToegewezenProduct(l, nieuw) && actueleStops(leveringen, l.sleutel).length === 0,
  );
}

/** TR382 → 9069: a stop must carry the key of an actual start. */
export function tr382GeenActueleStart(leveringen: readonly Levering[], stop: StopProduct): boolean {
  const sleutel = startSleutel(stop);
  return !leveringen.some((l) => l.soort === 'start' && l.status === 'actueel' && l.sleutel === sleutel);
}

/** TR413 → 9413: no second temporary stop (RedenBeeindiging 20) for the same start. */
export function tr413TweedeTijdelijkeStop(eerdereStops: readonly Levering[], stop: StopProduct): boolean {
  return stop.redenBeeindiging === '20' && eerdereStops.some((s) => s.redenBeeindiging === '20');
}

/** TR414 → 9414: a later stop's Einddatum is on or after the Einddatum of the actual stop. */
export function tr414EinddatumVoorActueleStop(eerdereStops: readonly Levering[], stop: StopProduct): boolean {
  return eerdereStops.some((s) => s.einddatum !== null && stop.einddatum < s.einddatum);
}

/** TR415 → 9415: no further stop once a definitive stop (RedenBeeindiging ≠ 20) exists. */
export function tr415AlDefinitiefGestopt(eerdereStops: readonly Levering[]): boolean {
  return eerdereStops.some((s) => s.redenBeeindiging !== '20');
}

function actueleStops(leveringen: readonly Levering[], startSleutelWaarde: string): Levering[] {
  return leveringen.filter((l) => l.soort === 'stop' && l.status === 'actueel' && l.startSleutel === startSleutelWaarde);
}

/** With a ToewijzingNummer the toewijzing is the toegewezen product; without one (IV096) the Product is. */
function zelfdeToegewezenProduct(l: Levering, p: StartProduct): boolean {
  if (p.toewijzingNummer !== null) return true; // the scope already holds only this toewijzing
  return productGelijk(l.product, p.product);
}

export function startCodes(leveringen: readonly Levering[], s: StartProduct): Array<[string, string]> {
  const sleutel = startSleutel(s);
  if (s.statusAanlevering === '3') {
    if (tr063GeenEerdereAanlevering(leveringen, 'start', sleutel)) return [['TR063', '9063']];
    return tr071StartAlGestopt(leveringen, sleutel) ? [['TR071', '9071']] : [];
  }
  if (tr074SleutelAlOntvangen(leveringen, 'start', sleutel)) return [['TR074', '9074']];
  return tr326StartNogNietGestopt(leveringen, s) ? [['TR326', '9326']] : [];
}

export function stopCodes(leveringen: readonly Levering[], s: StopProduct): Array<[string, string]> {
  const sleutel = stopSleutel(s);
  if (s.statusAanlevering === '3') return tr063GeenEerdereAanlevering(leveringen, 'stop', sleutel) ? [['TR063', '9063']] : [];
  if (tr074SleutelAlOntvangen(leveringen, 'stop', sleutel)) return [['TR074', '9074']];
  if (tr382GeenActueleStart(leveringen, s)) return [['TR382', '9069']];
  const eerdere = actueleStops(leveringen, startSleutel(s));
  const codes: Array<[string, string]> = [];
  if (tr413TweedeTijdelijkeStop(eerdere, s)) codes.push(['TR413', '9413']);
  if (tr414EinddatumVoorActueleStop(eerdere, s)) codes.push(['TR414', '9414']);
  if (tr415AlDefinitiefGestopt(eerdere)) codes.push(['TR415', '9415']);
  return codes;
}

/** The register's deliveries per key space, plus what the error-free lines of this bericht did. */
class Werkstand {
  private readonly cache = new Map<string, Levering[]>();
  constructor(private readonly b: Beoordeling) {}

  async leveringen(scope: LeveringScope): Promise<Levering[]> {
    const key = scope.toewijzingNummer !== null ? JSON.stringify([scope.gemeente, scope.toewijzingNummer]) : JSON.stringify([scope.gemeente, null, scope.aanbieder, scope.bsn]);
    let lijst = this.cache.get(key);
    if (!lijst) {
      lijst = (await this.b.register.leveringen(this.b.domein, scope)).map((l) => ({ ...l }));
      this.cache.set(key, lijst);
    }
    return lijst;
  }
}

/** The Levering a StartProduct/StopProduct line describes (status actueel). */
export function alsLevering(scope: LeveringScope, p: StartProduct | StopProduct): Levering {
  const stop = 'redenBeeindiging' in p;
  return {
    ...scope,
    soort: stop ? 'stop' : 'start',
    sleutel: stop ? stopSleutel(p) : startSleutel(p),
    startSleutel: startSleutel(p),
    product: p.product,
    toewijzingIngangsdatum: p.toewijzingIngangsdatum,
    begindatum: p.begindatum,
    redenBeeindiging: stop ? p.redenBeeindiging : null,
    einddatum: stop ? p.einddatum : null,
    status: 'actueel',
  };
}

export function regieScope(gemeente: string, aanbieder: string, bsn: string, p: StartProduct): LeveringScope {
  return { gemeente, aanbieder, bsn, toewijzingNummer: p.toewijzingNummer === null ? null : normaliseerNummer(p.toewijzingNummer) };
}

/** Deletions first, then new deliveries (see the decisions above); status 2 never gets here (CS058, level 2). */
export function inVerwerkingsvolgorde<T extends { statusAanlevering: string }>(regels: readonly T[]): number[] {
  const idx = regels.map((_, i) => i);
  return [...idx.filter((i) => regels[i].statusAanlevering === '3'), ...idx.filter((i) => regels[i].statusAanlevering === '1')];
}

export async function beoordeelRegie(b: Beoordeling): Promise<void> {
  const inhoud = b.bericht.inhoud;
  if (inhoud.nummer !== '305' && inhoud.nummer !== '307') return;
  const regels: Array<StartProduct | StopProduct> = 'startProducten' in inhoud ? inhoud.startProducten : inhoud.stopProducten;
  const elementen: XmlElement[] = inhoud.nummer === '305' ? klassen(b.root, 'Client', 'StartProducten', 'StartProduct') : klassen(b.root, 'Client', 'StopProducten', 'StopProduct');
  const { afzender: aanbieder, ontvanger: gemeente } = b.bericht.header;
  const stand = new Werkstand(b);
  for (const i of inVerwerkingsvolgorde(regels)) {
    const p = regels[i];
    const scope = regieScope(gemeente, aanbieder, inhoud.bsn ?? '', p);
    if (scope.toewijzingNummer !== null) {
      const toewijzing = await b.register.toewijzing(b.domein, gemeente, scope.toewijzingNummer);
      if (tr019NietTeKoppelen(toewijzing, aanbieder)) {
        b.bevindingen.klasseFout('TR019', '9019', elementen[i]);
        continue;
      }
    }
    const leveringen = await stand.leveringen(scope);
    const codes = 'redenBeeindiging' in p ? stopCodes(leveringen, p) : startCodes(leveringen, p);
    for (const [regel, code] of codes) b.bevindingen.klasseFout(regel, code, elementen[i]);
    if (codes.length === 0) pasToe(leveringen, scope, p);
  }
}

/** Applies an error-free line to the working list (the same change mutatiesVoor describes). */
export function pasToe(leveringen: Levering[], scope: LeveringScope, p: StartProduct | StopProduct): void {
  const nieuw = alsLevering(scope, p);
  if (p.statusAanlevering === '1') {
    leveringen.push(nieuw);
    return;
  }
  const i = leveringen.findIndex((l) => l.soort === nieuw.soort && l.sleutel === nieuw.sleutel && l.status === 'actueel');
  if (i >= 0) leveringen[i] = { ...leveringen[i], status: 'verwijderd' };
}
