import type { XmlElement } from '../xml/element';
import type { Regel } from './regel';
import {
  addDate,
  addMonths,
  dagtekeningElement,
  datumNummer,
  formatNumber,
  nietNa,
  normalizeSpace,
  onder,
  voorouder,
  xpathNumber,
  xpathString,
} from './dr-xpath';

/* Rules on the content of a declaratie (323), some also on the declaratie-antwoord (325). */

/** CD060: VorigReferentieNummer is filled exactly when the IngediendBedrag is a credit (C). */
export const CD060: Regel = {
  code: 'CD060',
  berichten: ['323', '325'],
  check(ctx) {
    for (const prestatie of ctx.elements('Prestatie')) {
      const dc = prestatie.at('IngediendBedrag', 'DebetCredit');
      const vorig = prestatie.at('ProductReferentie', 'VorigReferentieNummer');
      const credit = normalizeSpace(dc?.text) === 'C';
      if (credit !== (normalizeSpace(vorig?.text) !== '')) ctx.report('CD060', [vorig, dc]);
    }
  },
};

/** CD087: ProductTarief is filled exactly when the Eenheid is not 83 (euro's). */
export const CD087: Regel = {
  code: 'CD087',
  berichten: ['323'],
  check(ctx) {
    for (const eenheid of onder(ctx, 'Prestatie', 'Eenheid')) {
      const tarief = eenheid.parent?.child('ProductTarief');
      if ((normalizeSpace(eenheid.text) !== '83') !== (normalizeSpace(tarief?.text) !== '')) ctx.report('CD087', [eenheid, tarief]);
    }
  },
};

/** CS100: the Begindatum of the DeclaratiePeriode and of each ProductPeriode is on or after 2021-01-01. */
export const CS100: Regel = {
  code: 'CS100',
  berichten: ['323'],
  check(ctx) {
    for (const begin of ctx.elements('Begindatum')) {
      const periode = begin.parent?.local;
      if (periode !== 'DeclaratiePeriode' && periode !== 'ProductPeriode') continue;
      if (datumNummer(begin.text) < 20210101) ctx.report('CS100', [begin]);
    }
  },
};

/** CS337: a ProductPeriode begins and ends in the same year, and in the same month (two checks). */
export const CS337: Regel = {
  code: 'CS337',
  berichten: ['323'],
  check(ctx) {
    for (const prestatie of ctx.elements('Prestatie')) {
      const begin = prestatie.at('ProductPeriode', 'Begindatum');
      const eind = prestatie.at('ProductPeriode', 'Einddatum');
      // substring(translate(.,'-',''), 1, 4) and (5, 2), as in the XSLT's checksameyear/checksamemonth
      const b = begin?.text.replace(/-/g, '') ?? '';
      const e = eind?.text.replace(/-/g, '') ?? '';
      if (!begin || !eind || b.slice(0, 4) !== e.slice(0, 4)) ctx.report('CS337', [begin, eind]);
      if (!begin || !eind || b.slice(4, 6) !== e.slice(4, 6)) ctx.report('CS337', [begin, eind]);
    }
  },
};

/** CS339: with Eenheid 83 (euro's) the GeleverdVolume equals the IngediendBedrag. */
export const CS339: Regel = {
  code: 'CS339',
  berichten: ['323'],
  check(ctx) {
    for (const prestatie of ctx.elements('Prestatie')) {
      // The XSLT selects on the exact text (no normalize-space) and compares numbers.
      if (prestatie.child('Eenheid')?.text !== '83') continue;
      const volume = prestatie.child('GeleverdVolume');
      const bedrag = prestatie.at('IngediendBedrag', 'Bedrag');
      if (!volume || !bedrag) continue;
      const v = xpathNumber(volume.text);
      const b = xpathNumber(bedrag.text);
      if (v < b || b < v) ctx.report('CS339', [volume, bedrag]);
    }
  },
};

/**
 * CS340: the DeclaratiePeriode is one whole calendar month: Begindatum on day 01, and Einddatum
 * plus one day equals Begindatum plus one month, in the XSLT's own calendar (overflow carries).
 */
export const CS340: Regel = {
  code: 'CS340',
  berichten: ['323'],
  check(ctx) {
    for (const periode of ctx.elements('DeclaratiePeriode')) {
      const begin = periode.child('Begindatum');
      const eind = periode.child('Einddatum');
      if (dagDeel(begin?.text ?? '') !== '01') ctx.report('CS340', [begin]);
      const naEind = addDate(eind?.text, 1);
      const naMaand = xpathString(addMonths(begin?.text, 1));
      if ((naEind === '' ? '' : xpathString(naEind)) !== naMaand) ctx.report('CS340', [begin, eind]);
    }
  },
};

/** substring-after(substring-after(date, '-'), '-'): the raw day part, whitespace included. */
function dagDeel(datum: string): string {
  const i = datum.indexOf('-');
  if (i < 0) return '';
  const rest = datum.slice(i + 1);
  const j = rest.indexOf('-');
  return j < 0 ? '' : rest.slice(j + 1);
}

/**
 * TR137: in a DeclaratiePeriode (323) and a ProductPeriode (323, 325) the Einddatum is not before
 * the Begindatum, and not after the Dagtekening of the bericht (two checks).
 */
export const TR137: Regel = {
  code: 'TR137',
  berichten: ['323', '325'],
  check(ctx) {
    const dagtekening = dagtekeningElement(ctx);
    const perioden = ctx.bericht.nummer === '323' ? ['DeclaratiePeriode', 'ProductPeriode'] : ['ProductPeriode'];
    for (const naam of perioden) {
      for (const periode of ctx.elements(naam)) {
        const begin = periode.child('Begindatum');
        const eind = periode.child('Einddatum');
        if (nietNa(eind, begin)) ctx.report('TR137', [begin, eind]);
        if (nietNa(dagtekening, eind)) ctx.report('TR137', [dagtekening, eind]);
      }
    }
  },
};

/**
 * TR319: a Prestatie's ProductPeriode Begindatum and Einddatum are both not after the Einddatum
 * of the DeclaratiePeriode (two checks).
 */
export const TR319: Regel = {
  code: 'TR319',
  berichten: ['323'],
  check(ctx) {
    for (const prestatie of ctx.elements('Prestatie')) {
      const declaratieEind = declaratie(prestatie)?.at('DeclaratiePeriode', 'Einddatum');
      const periode = prestatie.child('ProductPeriode');
      const begin = periode?.child('Begindatum');
      const eind = periode?.child('Einddatum');
      if (nietNa(declaratieEind, begin)) ctx.report('TR319', [declaratieEind, begin]);
      if (nietNa(declaratieEind, eind)) ctx.report('TR319', [declaratieEind, eind]);
    }
  },
};

/**
 * TR335: a ProductPeriode Einddatum is not before the DeclaratieDagtekening minus 60 months
 * (day clipped to the month's end).
 */
export const TR335: Regel = {
  code: 'TR335',
  berichten: ['323'],
  check(ctx) {
    for (const periode of onder(ctx, 'Prestatie', 'ProductPeriode')) {
      const eind = periode.child('Einddatum');
      if (!eind) continue;
      const dagtekening = declaratie(periode)?.child('DeclaratieDagtekening');
      const grens = addMonths(dagtekening?.text, -60, 'truncate');
      if (datumNummer(eind.text) < grens) ctx.report('TR335', [dagtekening, eind]);
    }
  },
};

/**
 * TR358: with DebetCredit D the TotaalBedrag equals the sum of the debit prestaties minus the
 * credits; with C the credits minus the debits. Compared as text with the number written
 * without leading zeros, as the XSLT does (xs:integer allows them, and they count as a mismatch).
 */
export const TR358: Regel = {
  code: 'TR358',
  berichten: ['323'],
  check(ctx) {
    for (const totaal of ctx.elements('TotaalIngediendBedrag')) {
      const decl = totaal.parent;
      if (decl?.local !== 'Declaratie') continue;
      let debet = 0;
      let credit = 0;
      for (const bedrag of ingediendeBedragen(decl)) {
        const dc = bedrag.child('DebetCredit')?.text;
        const b = bedrag.child('Bedrag');
        if (!b) continue;
        if (dc === 'D') debet += xpathNumber(b.text);
        else if (dc === 'C') credit += xpathNumber(b.text);
      }
      const dc = totaal.child('DebetCredit');
      const totaalBedrag = totaal.child('TotaalBedrag');
      const teken = normalizeSpace(dc?.text);
      const verwacht = teken === 'D' ? formatNumber(debet - credit) : teken === 'C' ? formatNumber(0 - (debet - credit)) : undefined;
      if (verwacht === undefined) continue;
      // formatNumber of NaN is '', which the XSLT's testvalue reads as "must be blank".
      if (normalizeSpace(totaalBedrag?.text) !== verwacht) {
        // why: the XSLT also lists every IngediendBedrag of the declaratie; with 100,000 prestaties
        // that report (and its locaties) would be quadratic, so only the total is located.
        ctx.report('TR358', [totaalBedrag, dc]);
      }
    }
  },
};

/** Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag, in document order (plain loops: one per prestatie). */
function ingediendeBedragen(decl: XmlElement): XmlElement[] {
  const uit: XmlElement[] = [];
  const stap = (ouders: readonly XmlElement[], local: string): XmlElement[] => {
    const kids: XmlElement[] = [];
    for (const o of ouders) for (const c of o.children) if (c.local === local) kids.push(c);
    return kids;
  };
  for (const prestatie of stap(stap(stap(stap([decl], 'Clienten'), 'Client'), 'Prestaties'), 'Prestatie')) {
    for (const c of prestatie.children) if (c.local === 'IngediendBedrag') uit.push(c);
  }
  return uit;
}

function declaratie(el: XmlElement): XmlElement | undefined {
  return voorouder(el, 'Declaratie');
}
