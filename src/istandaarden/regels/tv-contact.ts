import type { Regel } from './regel';
import { meld } from './tv-basis';
import { aanwezig, gevuld, heeftWaarde } from './waarden';

/*
 * Rules on the Contact class of the toewijzing (301): the client's Contactgegevens and each
 * Relatie's Contact alike, as the XSLT matches every Contact in the 301 namespace.
 */

/** CD009: a Contact with a Periode has Soort 04 (tijdelijk adres). */
export const CD009: Regel = {
  code: 'CD009',
  berichten: ['301'],
  check(ctx) {
    for (const periode of ctx.elements('Periode')) {
      const contact = periode.parent;
      if (contact?.local !== 'Contact') continue;
      const soort = contact.child('Soort');
      if (!heeftWaarde(soort, '04')) meld(ctx, 'CD009', periode, soort);
    }
  },
};

/** CD034: a Contact with Soort 01 (BRP) or 03 (verblijfadres) has a filled Adres/Postcode. */
export const CD034: Regel = {
  code: 'CD034',
  berichten: ['301'],
  check(ctx) {
    for (const contact of ctx.elements('Contact')) {
      const soort = contact.child('Soort');
      const postcode = contact.at('Adres', 'Postcode');
      if (heeftWaarde(soort, '01', '03') && !gevuld(postcode)) meld(ctx, 'CD034', soort, postcode);
    }
  },
};

/** TR006: a Contact has a Telefoon or an Adres with Huis and Postcode (one finding per missing part). */
export const TR006: Regel = {
  code: 'TR006',
  berichten: ['301'],
  check(ctx) {
    for (const contact of ctx.elements('Contact')) {
      if (aanwezig(contact.child('Telefoon'))) continue;
      if (!aanwezig(contact.at('Adres', 'Huis'))) meld(ctx, 'TR006', contact);
      if (!aanwezig(contact.at('Adres', 'Postcode'))) meld(ctx, 'TR006', contact);
    }
  },
};

/** TR061: the client's Contactgegevens hold a Contact with Soort 01, 02 or 03; reported on all its Contacts. */
export const TR061: Regel = {
  code: 'TR061',
  berichten: ['301'],
  check(ctx) {
    for (const gegevens of ctx.elements('Contactgegevens')) {
      if (gegevens.parent?.local !== 'Client') continue;
      const contacten = gegevens.childrenNamed('Contact');
      // why: the XSLT compares the raw text() with '01'/'02'/'03', without normalize-space.
      const soorten = contacten.map((c) => c.child('Soort')?.text);
      if (!soorten.some((s) => s === '01' || s === '02' || s === '03')) meld(ctx, 'TR061', ...contacten);
    }
  },
};

export const CONTACT_REGELS: readonly Regel[] = [CD009, CD034, TR006, TR061];
