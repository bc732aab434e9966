import type { Antwoord } from '../../istandaarden';
import { klasse, type Beoordeling } from './bevindingen';
import { tr378GemeentecodeOnbekend } from './header.regels';
import type { VerzoekStand } from './register';

/**
 * Our own outgoing 319, checked before sending the way the aanbieder will check it (320 with
 * codes = not received), istandaarden-3.2.md §5.2. All codes go on the Antwoord class.
 *
 * Decision (TR360, ⚠ the iWmo and iJw texts differ): only a second "in onderzoek" (VerzoekAntwoord
 * 2) after an earlier one is refused; the final answer after "in onderzoek" is the normal flow
 * (OP274). Any answer after a final one (VerzoekAntwoord 1) is TR365.
 */

/** TR355 → 9355: the ReferentieAanbieder belongs to an earlier verzoek of this aanbieder to this gemeente. */
export function tr355GeenEerderVerzoek(verzoek: VerzoekStand | null, gemeente: string): boolean {
  return verzoek === null || verzoek.gemeente !== gemeente;
}

/** TR359 → 9359: no 319 once a 301 with this ReferentieAanbieder was sent. */
export function tr359AlToegewezen(verzoek: VerzoekStand): boolean {
  return verzoek.status === 'toegewezen';
}

/** TR360 → 9360: at most one "in onderzoek" per verzoek. */
export function tr360TweedeInOnderzoek(verzoek: VerzoekStand, a: Antwoord): boolean {
  return a.verzoekAntwoord === '2' && verzoek.inOnderzoek;
}

/** TR365 → 9365: nothing after a final answer (VerzoekAntwoord 1, afgewezen). */
export function tr365AlDefinitiefBeantwoord(verzoek: VerzoekStand): boolean {
  return verzoek.status === 'afgewezen';
}

export async function beoordeelAntwoord(b: Beoordeling): Promise<void> {
  const inhoud = b.bericht.inhoud;
  if (inhoud.nummer !== '319' || !inhoud.antwoord) return;
  const a = inhoud.antwoord;
  const el = klasse(b.root, 'Antwoord');
  const { afzender: gemeente, ontvanger: aanbieder } = b.bericht.header;
  const verzoek = await b.register.verzoek(b.domein, aanbieder, a.referentieAanbieder);
  if (tr355GeenEerderVerzoek(verzoek, gemeente) || !verzoek) {
    b.bevindingen.klasseFout('TR355', '9355', el);
  } else {
    if (tr359AlToegewezen(verzoek)) b.bevindingen.klasseFout('TR359', '9359', el);
    if (tr360TweedeInOnderzoek(verzoek, a)) b.bevindingen.klasseFout('TR360', '9360', el);
    if (tr365AlDefinitiefBeantwoord(verzoek)) b.bevindingen.klasseFout('TR365', '9365', el);
  }
  // TR378 → S300 also applies to the iJw Woonplaatsbeginsel/Gemeente, on its own class.
  const lijst = b.context.gemeenteCodes;
  const wpb = el.child('Woonplaatsbeginsel');
  if (lijst && wpb && a.woonplaatsbeginselGemeente !== null) {
    const dagtekening = b.bericht.header.berichtIdentificatie.dagtekening;
    if (await tr378GemeentecodeOnbekend(lijst, a.woonplaatsbeginselGemeente, [dagtekening])) b.bevindingen.klasseFout('TR378', 'S300', wpb);
  }
}
