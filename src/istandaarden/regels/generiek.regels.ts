import type { Regel } from './regel';
import { aanwezig, datumGetal, elfproef, gevuld, heeftWaarde } from './waarden';

/*
 * Rules on basisschema types that the official validation applies wherever the element occurs,
 * in every bericht, retourberichten included.
 */

/** CS002: a Bsn passes the 11-proef. */
export const CS002: Regel = {
  code: 'CS002',
  berichten: 'alle',
  check(ctx) {
    for (const bsn of ctx.elements('Bsn')) if (!elfproef(bsn.text.trim())) ctx.report('CS002', [bsn]);
  },
};

/** TR002: a Geboortedatum lies at most 120 years before the Dagtekening, unless unknown (DatumGebruik 3, 1900-01-01). */
export const TR002: Regel = {
  code: 'TR002',
  berichten: 'alle',
  check(ctx) {
    if (!ctx.dagtekening) return;
    const dagtekening = datumGetal(ctx.dagtekening);
    for (const geboortedatum of ctx.elements('Geboortedatum')) {
      const datum = geboortedatum.child('Datum');
      if (!datum) continue;
      if (heeftWaarde(geboortedatum.child('DatumGebruik'), '3') && datum.text === '1900-01-01') continue;
      if (datumGetal(datum.text) + 120 * 10000 < dagtekening) ctx.report('TR002', [ctx.root.child('Header')?.at('BerichtIdentificatie', 'Dagtekening'), datum]);
    }
  },
};

/** CS139: DatumGebruik agrees with Datum (1: day 01; 2: 01-01; 3: 1900-01-01). */
export const CS139: Regel = {
  code: 'CS139',
  berichten: 'alle',
  check(ctx) {
    for (const gebruik of ctx.elements('DatumGebruik')) {
      const parent = gebruik.parent;
      const datum = parent?.child('Datum');
      if (!datum) continue;
      const d = datum.text;
      const code = gebruik.text;
      const fout =
        (code === '3' && d !== '1900-01-01') ||
        (code === '2' && d.slice(5) !== '01-01') ||
        (code === '1' && d.slice(8) !== '01');
      if (fout) ctx.report('CS139', [datum, gebruik]);
    }
  },
};

/** CD005: Postcode and LandCode are filled together. */
export const CD005: Regel = {
  code: 'CD005',
  berichten: 'alle',
  check(ctx) {
    for (const postcode of ctx.elements('Postcode')) {
      if (!gevuld(postcode)) continue;
      const land = postcode.parent?.child('LandCode');
      if (!gevuld(land)) ctx.report('CD005', [postcode, land]);
    }
    for (const land of ctx.elements('LandCode')) {
      if (!gevuld(land)) continue;
      const postcode = land.parent?.child('Postcode');
      if (!gevuld(postcode)) ctx.report('CD005', [land, postcode]);
    }
  },
};

/** CD007: Taal is filled exactly when Communicatie/Vorm is 1 (tolk taal). */
export const CD007: Regel = {
  code: 'CD007',
  berichten: 'alle',
  check(ctx) {
    const parents = new Set([...ctx.elements('Taal'), ...ctx.elements('Vorm')].map((e) => e.parent));
    for (const p of parents) {
      if (!p) continue;
      const taal = p.child('Taal');
      const vorm = p.child('Vorm');
      if (gevuld(taal) !== heeftWaarde(vorm, '1')) ctx.report('CD007', [taal, vorm]);
    }
  },
};

/** CD025: with LandCode NL the Huisnummer is mandatory. */
export const CD025: Regel = {
  code: 'CD025',
  berichten: 'alle',
  check(ctx) {
    for (const land of ctx.elements('LandCode')) {
      if (!heeftWaarde(land, 'NL')) continue;
      const huisnummer = land.parent?.at('Huis', 'Huisnummer');
      if (!gevuld(huisnummer)) ctx.report('CD025', [land, huisnummer]);
    }
  },
};

/** CS089: with LandCode NL the Postcode has the Dutch format 1234AB. */
export const CS089: Regel = {
  code: 'CS089',
  berichten: 'alle',
  check(ctx) {
    for (const land of ctx.elements('LandCode')) {
      if (!heeftWaarde(land, 'NL')) continue;
      const postcode = land.parent?.child('Postcode');
      if (!postcode || !/^[1-9][0-9]{3}[a-zA-Z]{2}$/.test(postcode.text)) ctx.report('CS089', [land, postcode]);
    }
  },
};

/**
 * CS050: with a Partnernaam, NaamGebruik is 1-4; without, 1 (iWmo) or 1 or 6 (iJw: 6 is
 * "niet-natuurlijk persoon", allowed for a Relatie).
 */
export const CS050: Regel = {
  code: 'CS050',
  berichten: 'alle',
  check(ctx) {
    const zonderPartner = ctx.bericht.standaard === 'ijw' ? ['1', '6'] : ['1'];
    for (const gebruik of ctx.elements('NaamGebruik')) {
      const partner = aanwezig(gebruik.parent?.child('Partnernaam'));
      const toegestaan = partner ? ['1', '2', '3', '4'] : zonderPartner;
      if (!heeftWaarde(gebruik, ...toegestaan)) ctx.report('CS050', [gebruik.parent?.child('Partnernaam'), gebruik]);
    }
  },
};

/** CS318 (iJw): the client's own NaamGebruik in a 301 is never 6 (niet-natuurlijk persoon). */
export const CS318: Regel = {
  code: 'CS318',
  berichten: ['301'],
  standaarden: ['ijw'],
  check(ctx) {
    for (const gebruik of ctx.elements('NaamGebruik')) {
      const naam = gebruik.parent;
      if (naam?.local !== 'Naam' || naam.parent?.local !== 'Client') continue;
      if (heeftWaarde(gebruik, '6')) ctx.report('CS318', [gebruik]);
    }
  },
};

const BEDRAG_MET_DC: Record<string, string> = {
  TotaalIngediendBedrag: 'TotaalBedrag',
  TotaalToegekendBedrag: 'TotaalBedrag',
  IngediendBedrag: 'Bedrag',
};

/** CS325: an amount of 0 carries DebetCredit D. */
export const CS325: Regel = {
  code: 'CS325',
  berichten: 'alle',
  check(ctx) {
    for (const [container, veld] of Object.entries(BEDRAG_MET_DC)) {
      for (const el of ctx.elements(container)) {
        const bedrag = el.child(veld);
        const dc = el.child('DebetCredit');
        if (bedrag && Number(bedrag.text) === 0 && heeftWaarde(dc, 'C', 'c')) ctx.report('CS325', [bedrag, dc]);
      }
    }
  },
};

export const GENERIEKE_REGELS: readonly Regel[] = [CD005, CD007, CD025, CS002, CS050, CS089, CS139, CS318, CS325, TR002];
