import type { XmlElement } from '../xml/element';
import type { Regel } from './regel';
import { kinderen, xpathNumber, xpathString } from './dr-xpath';

/**
 * TR342 (325): when the DeclaratieAntwoord's RetourCodes hold only 0200 and 8001, the returned
 * (rejected) prestaties, debits minus credits, add up to TotaalIngediendBedrag minus
 * TotaalToegekendBedrag (each signed by its DebetCredit); with any other code the
 * TotaalToegekendBedrag is 0.
 */
export const TR342: Regel = {
  code: 'TR342',
  berichten: ['325'],
  check(ctx) {
    for (const antwoord of ctx.elements('DeclaratieAntwoord')) {
      let debet = 0;
      let credit = 0;
      for (const bedrag of teruggestuurd(antwoord)) {
        const dc = bedrag.child('DebetCredit')?.text;
        const b = bedrag.child('Bedrag');
        if (!b) continue;
        if (dc === 'D') debet += xpathNumber(b.text);
        else if (dc === 'C') credit += xpathNumber(b.text);
      }
      const ingediend = antwoord.child('TotaalIngediendBedrag');
      const toegekend = antwoord.child('TotaalToegekendBedrag');
      const toegekendGetal = getekend(toegekend);
      if (alleenGoedgekeurd(antwoord)) {
        // The XSLT compares the two differences as strings, so NaN equals NaN.
        if (xpathString(debet - credit) !== xpathString(getekend(ingediend) - toegekendGetal)) ctx.report('TR342', [ingediend, toegekend]);
      } else if (toegekendGetal !== 0) {
        ctx.report('TR342', [toegekend]);
      }
    }
  },
};

/** TotaalBedrag as a number, negative when DebetCredit is exactly C. */
function getekend(totaal: XmlElement | undefined): number {
  const bedrag = xpathNumber(totaal?.child('TotaalBedrag')?.text);
  return totaal?.child('DebetCredit')?.text === 'C' ? -bedrag : bedrag;
}

/** No RetourCode on the DeclaratieAntwoord other than 0200 and 8001 (an empty one does not count). */
function alleenGoedgekeurd(antwoord: XmlElement): boolean {
  for (const codes of kinderen(antwoord, 'RetourCodes')) {
    for (const code of kinderen(codes, 'RetourCode')) {
      if (code.text !== '' && code.text !== '0200' && code.text !== '8001') return false;
    }
  }
  return true;
}

function* teruggestuurd(antwoord: XmlElement): Generator<XmlElement> {
  for (const clienten of kinderen(antwoord, 'Clienten'))
    for (const client of kinderen(clienten, 'Client'))
      for (const prestaties of kinderen(client, 'Prestaties'))
        for (const prestatie of kinderen(prestaties, 'Prestatie')) yield* kinderen(prestatie, 'IngediendBedrag');
}
