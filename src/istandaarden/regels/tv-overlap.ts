import type { XmlElement } from '../xml/element';
import type { Regel, RegelContext } from './regel';
import { isHulpmiddel, kinderen, meld, overlappen, zelfdeProductParen } from './tv-basis';

/*
 * TR302, TR386, TR410: the same product may occur more than once only with periods that do not
 * overlap. iWmo exempts hulpmiddelen (categories 11-14); the iJw XSLT has no such exception.
 */

interface Overlap {
  code: string;
  lijst: string;
  product: string;
  /** Suffixes of the local names of the period fields, as isPeriodOverlay selects them. */
  start: string;
  eind: string;
  negeer?: (product: XmlElement) => boolean;
}

function overlapRegel(ctx: RegelContext, o: Overlap): void {
  const hulpmiddelenVrij = ctx.bericht.standaard === 'iwmo';
  for (const lijst of kinderen(ctx, o.lijst, o.product)) {
    const producten = o.negeer ? lijst.filter((p) => !o.negeer?.(p)) : lijst;
    zelfdeProductParen(producten, (later, eerder) => {
      if (hulpmiddelenVrij && (isHulpmiddel(later) || isHulpmiddel(eerder))) return;
      if (overlappen(later, eerder, o.start, o.eind)) meld(ctx, o.code, eerder, later);
    });
  }
}

/** A deleted toewijzing (RedenWijziging 01 or 13, filled Einddatum equal to Ingangsdatum) takes no part in TR302. */
function verwijderd(product: XmlElement): boolean {
  const reden = product.child('RedenWijziging')?.text;
  const eind = product.child('Einddatum');
  if ((reden !== '01' && reden !== '13') || !eind || eind.text.trim() === '') return false;
  const ingang = product.child('Ingangsdatum')?.text ?? '';
  return ingang.replace(/-/g, '') === eind.text.replace(/-/g, '');
}

/** TR302: no two overlapping ToegewezenProducten for the same product (deleted ones ignored; iWmo: hulpmiddelen exempt). */
export const TR302: Regel = {
  code: 'TR302',
  berichten: ['301'],
  check: (ctx) =>
    overlapRegel(ctx, { code: 'TR302', lijst: 'ToegewezenProducten', product: 'ToegewezenProduct', start: 'Ingangsdatum', eind: 'Einddatum', negeer: verwijderd }),
};

/** TR386: no two overlapping AangevraagdProducten (ToewijzingIngangsdatum-ToewijzingEinddatum) for the same product. */
export const TR386: Regel = {
  code: 'TR386',
  berichten: ['315'],
  check: (ctx) =>
    overlapRegel(ctx, { code: 'TR386', lijst: 'AangevraagdeProducten', product: 'AangevraagdProduct', start: 'ToewijzingIngangsdatum', eind: 'ToewijzingEinddatum' }),
};

/**
 * TR410: no two overlapping NieuwProducten for the same product. The XSLT selects the fields by
 * the suffixes Ingangsdatum/Einddatum, so the period is GewensteIngangsdatum-Einddatum.
 */
export const TR410: Regel = {
  code: 'TR410',
  berichten: ['317'],
  check: (ctx) => overlapRegel(ctx, { code: 'TR410', lijst: 'NieuweProducten', product: 'NieuwProduct', start: 'Ingangsdatum', eind: 'Einddatum' }),
};

export const OVERLAP_REGELS: readonly Regel[] = [TR302, TR386, TR410];
