import type { BerichtNummer } from '../catalogus';
import type { XmlElement } from '../xml/element';
import type { Regel } from './regel';
import { dagtekeningElement, nietNa } from './dr-xpath';

/**
 * The dates TR134 checks per bericht, as a path of local names ending in the date element
 * (the same list in the iWmo and iJw rule XSLT; 317 and 319 have none).
 */
const TR134_DATUMS: Partial<Record<BerichtNummer, readonly (readonly string[])[]>> = {
  // Beschikking/Afgiftedatum is in the XSLT but no longer in the 3.2 XSD of the 301.
  '301': [['Beschikking', 'Afgiftedatum'], ['Client', 'Geboortedatum', 'Datum'], ['Relatie', 'Geboortedatum', 'Datum'], ['ToegewezenProduct', 'Toewijzingsdatum']],
  '305': [['Client', 'Geboortedatum', 'Datum'], ['StartProduct', 'Begindatum']],
  '307': [['Client', 'Geboortedatum', 'Datum'], ['StopProduct', 'Einddatum']],
  '315': [['Client', 'Geboortedatum', 'Datum']],
  '323': [['DeclaratiePeriode', 'Begindatum'], ['ProductPeriode', 'Begindatum']],
  '325': [['ProductPeriode', 'Begindatum']],
};

/** TR134: the listed dates are not after the Dagtekening of the bericht. */
export const TR134: Regel = {
  code: 'TR134',
  berichten: ['301', '305', '307', '315', '323', '325'],
  check(ctx) {
    const paden = TR134_DATUMS[ctx.bericht.nummer] ?? [];
    const dagtekening = dagtekeningElement(ctx);
    for (const pad of paden) {
      for (const datum of ctx.elements(pad[pad.length - 1])) {
        if (!heeftPad(datum, pad)) continue;
        if (nietNa(dagtekening, datum)) ctx.report('TR134', [dagtekening, datum]);
      }
    }
  },
};

function heeftPad(el: XmlElement, pad: readonly string[]): boolean {
  let p: XmlElement | null = el;
  for (let i = pad.length - 1; i >= 0; i--, p = p.parent) if (p?.local !== pad[i]) return false;
  return true;
}
