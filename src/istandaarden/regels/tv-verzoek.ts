import type { XmlElement } from '../xml/element';
import type { Regel } from './regel';
import { datum, kinderen, meld, normaliseer } from './tv-basis';
import { aanwezig, gevuld, heeftWaarde } from './waarden';

/* Rules of the verzoek om toewijzing (315), verzoek om wijziging (317) and antwoordbericht (319). */

function typeTweeTotVijf(verwijzer: XmlElement): boolean {
  return heeftWaarde(verwijzer.child('Type'), '02', '03', '04', '05');
}

/** CD066: a Verwijzer of type 02-05 with a filled ZorgverlenerCode has no Naam. */
export const CD066: Regel = {
  code: 'CD066',
  berichten: ['315'],
  check(ctx) {
    for (const v of ctx.elements('Verwijzer')) {
      if (!typeTweeTotVijf(v)) continue;
      const code = v.child('ZorgverlenerCode');
      const naam = v.child('Naam');
      if (gevuld(code) && gevuld(naam)) meld(ctx, 'CD066', code, naam, v.child('Type'));
    }
  },
};

/** CD067: a Verwijzer of type 02-05 without ZorgverlenerCode has a filled Naam. */
export const CD067: Regel = {
  code: 'CD067',
  berichten: ['315'],
  check(ctx) {
    for (const v of ctx.elements('Verwijzer')) {
      if (!typeTweeTotVijf(v)) continue;
      const code = v.child('ZorgverlenerCode');
      const naam = v.child('Naam');
      if (!gevuld(code) && !gevuld(naam)) meld(ctx, 'CD067', code, naam, v.child('Type'));
    }
  },
};

/** CD068: a Verwijzer of another type than 02-05 has no ZorgverlenerCode. */
export const CD068: Regel = {
  code: 'CD068',
  berichten: ['315'],
  check(ctx) {
    for (const v of ctx.elements('Verwijzer')) {
      const code = v.child('ZorgverlenerCode');
      if (!typeTweeTotVijf(v) && gevuld(code)) meld(ctx, 'CD068', v.child('Type'), code);
    }
  },
};

/** CD085: VerzoekAntwoord 1 (afgewezen) requires a filled RedenAfwijzingVerzoek. */
export const CD085: Regel = {
  code: 'CD085',
  berichten: ['319'],
  check(ctx) {
    for (const antwoord of ctx.elements('VerzoekAntwoord')) {
      const reden = antwoord.parent?.child('RedenAfwijzingVerzoek');
      if (heeftWaarde(antwoord, '1') && !gevuld(reden)) meld(ctx, 'CD085', antwoord, reden);
    }
  },
};

/** CD086: VerzoekAntwoord 2 (in onderzoek) leaves RedenAfwijzingVerzoek empty. */
export const CD086: Regel = {
  code: 'CD086',
  berichten: ['319'],
  check(ctx) {
    for (const antwoord of ctx.elements('VerzoekAntwoord')) {
      const reden = antwoord.parent?.child('RedenAfwijzingVerzoek');
      if (heeftWaarde(antwoord, '2') && gevuld(reden)) meld(ctx, 'CD086', antwoord, reden);
    }
  },
};

/** TR352: a Verzoek holds at least one OngewijzigdProduct or TeWijzigenProduct. */
export const TR352: Regel = {
  code: 'TR352',
  berichten: ['317'],
  check(ctx) {
    for (const verzoek of ctx.elements('Verzoek')) {
      const gevonden = aanwezig(verzoek.at('OngewijzigdeProducten', 'OngewijzigdProduct')) || aanwezig(verzoek.at('TeWijzigenProducten', 'TeWijzigenProduct'));
      if (!gevonden) meld(ctx, 'TR352', verzoek);
    }
  },
};

/** TR353: a Verzoek holds at least one TeWijzigenProduct or NieuwProduct. */
export const TR353: Regel = {
  code: 'TR353',
  berichten: ['317'],
  check(ctx) {
    for (const verzoek of ctx.elements('Verzoek')) {
      const gevonden = aanwezig(verzoek.at('TeWijzigenProducten', 'TeWijzigenProduct')) || aanwezig(verzoek.at('NieuweProducten', 'NieuwProduct'));
      if (!gevonden) meld(ctx, 'TR353', verzoek);
    }
  },
};

/** TR377 (iJw): RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) requires a Woonplaatsbeginsel. */
export const TR377: Regel = {
  code: 'TR377',
  berichten: ['319'],
  standaarden: ['ijw'],
  check(ctx) {
    for (const reden of ctx.elements('RedenAfwijzingVerzoek')) {
      const woonplaats = reden.parent?.child('Woonplaatsbeginsel');
      if (heeftWaarde(reden, '8') && !aanwezig(woonplaats)) meld(ctx, 'TR377', reden, woonplaats);
    }
  },
};

/** TR409 (iJw): a RedenAfwijzingVerzoek other than 8 leaves Woonplaatsbeginsel out. */
export const TR409: Regel = {
  code: 'TR409',
  berichten: ['319'],
  standaarden: ['ijw'],
  check(ctx) {
    // why: the XSLT matches the RedenAfwijzingVerzoek element, so without one nothing is checked.
    for (const reden of ctx.elements('RedenAfwijzingVerzoek')) {
      const woonplaats = reden.parent?.child('Woonplaatsbeginsel');
      if (!heeftWaarde(reden, '8') && aanwezig(woonplaats)) meld(ctx, 'TR409', reden, woonplaats);
    }
  },
};

/** TR380: a NieuwProduct's GewensteIngangsdatum lies strictly after the Dagtekening. */
export const TR380: Regel = {
  code: 'TR380',
  berichten: ['317'],
  check(ctx) {
    const dagtekening = ctx.root.child('Header')?.at('BerichtIdentificatie', 'Dagtekening');
    for (const gewenst of ctx.elements('GewensteIngangsdatum')) {
      if (gewenst.parent?.local !== 'NieuwProduct') continue;
      if (!dagtekening || datum(dagtekening) >= datum(gewenst)) meld(ctx, 'TR380', gewenst, dagtekening);
    }
  },
};

/**
 * TR383: ReferentieAanbieder is unique among the AangevraagdProducten: each product reports
 * every earlier sibling's ReferentieAanbieder with its value (the locatie is the earlier one only).
 */
export const TR383: Regel = {
  code: 'TR383',
  berichten: ['315'],
  check(ctx) {
    for (const lijst of kinderen(ctx, 'AangevraagdeProducten', 'AangevraagdProduct')) {
      const eerder = new Map<string, XmlElement[]>();
      for (const product of lijst) {
        const referentie = product.child('ReferentieAanbieder');
        if (!referentie) continue;
        // why: the XSLT compares the earlier raw text() with this product's normalize-space value.
        for (const e of eerder.get(normaliseer(referentie.text)) ?? []) meld(ctx, 'TR383', e);
        if (referentie.text === '') continue;
        const zelfde = eerder.get(referentie.text);
        if (zelfde) zelfde.push(referentie);
        else eerder.set(referentie.text, [referentie]);
      }
    }
  },
};

export const VERZOEK_REGELS: readonly Regel[] = [CD066, CD067, CD068, CD085, CD086, TR352, TR353, TR377, TR380, TR383, TR409];
