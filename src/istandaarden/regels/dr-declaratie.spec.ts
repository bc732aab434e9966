import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { DECLARATIE_REGIE_REGELS } from './declaratie-regie.regels';
import { runRegels } from './engine';
import { GENERIEKE_REGELS } from './generiek.regels';

/** Findings of the generic rules and ours (other teams' rules left out) on a schema-valid fixture. */
async function bevindingen(xml: string) {
  const v = await valideer(xml);
  if (v.xsd.length > 0 || !v.root || !v.definitie) throw new Error(`fixture is not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return runRegels(v.root, v.definitie, [...GENERIEKE_REGELS, ...DECLARATIE_REGIE_REGELS]);
}
const codes = async (xml: string) => (await bevindingen(xml)).map((f) => f.code).sort();

/*
 * Fixtures: the official WMO323 and JW323 (the latter with its duplicate RN004 renumbered, see
 * dr-tr101.spec.ts). The first prestatie is RN001: 4 × 1250 = 5000, D, in the declaratie month.
 */
const STANDAARDEN = [
  { bericht: 'WMO323', jaar: 2023, totaal: 58000, prestaties: 4 },
  { bericht: 'JW323', jaar: 2026, totaal: 79000, prestaties: 5 },
] as const;
type Std = (typeof STANDAARDEN)[number];

function basis(s: Std): string {
  const xml = voorbeeld(s.bericht);
  if (s.bericht === 'WMO323') return xml;
  const i = xml.lastIndexOf('RN004');
  return xml.slice(0, i) + 'RN005' + xml.slice(i + 5);
}
/** Applies an edit to the n-th Prestatie (1-based, document order). */
function prestatie(xml: string, n: number, edit: (p: string) => string): string {
  const matches = [...xml.matchAll(/<(\w+):Prestatie>[\s\S]*?<\/\1:Prestatie>/g)];
  const m = matches[n - 1];
  if (m?.index === undefined) throw new Error(`no Prestatie ${n}`);
  const nieuw = edit(m[0]);
  if (nieuw === m[0]) throw new Error('prestatie edit changed nothing');
  return xml.slice(0, m.index) + nieuw + xml.slice(m.index + m[0].length);
}
const el = (local: string, waarde: string) => (p: string) => p.replace(new RegExp(`(<(\\w+):${local}>)[^<]*(</\\2:${local}>)`), `$1${waarde}$3`);
const zonder = (local: string) => (p: string) => p.replace(new RegExp(`<(\\w+):${local}>[^<]*</\\1:${local}>`), '');
const periode = (begin: string, eind: string) => (p: string) => el('Einddatum', eind)(el('Begindatum', begin)(p));
const vorig = (nummer: string) => (p: string) => p.replace(/(<(\w+):ReferentieNummer>[^<]*<\/\2:ReferentieNummer>)/, `$1<$2:VorigReferentieNummer>${nummer}</$2:VorigReferentieNummer>`);
const credit = (p: string) => p.replace(/(IngediendBedrag>\s*<\w+:Bedrag>\d+<\/\w+:Bedrag>\s*<\w+:DebetCredit>)D</, '$1C<');
const alle = (...edits: ((p: string) => string)[]) => (p: string) => edits.reduce((acc, e) => e(acc), p);

function totaal(xml: string, bedrag: string, dc = 'D'): string {
  return vervang(xml, /(<\w+:TotaalBedrag>)\d+(<\/\w+:TotaalBedrag>\s*<\w+:DebetCredit>)[DC]</, `$1${bedrag}$2${dc}<`);
}
function declaratiePeriode(xml: string, begin: string, eind: string): string {
  return vervang(xml, /(DeclaratiePeriode>\s*<\w+:Begindatum>)[^<]*(<\/\w+:Begindatum>\s*<\w+:Einddatum>)[^<]*</, `$1${begin}$2${eind}<`);
}
function dagtekening(xml: string, datum: string): string {
  return vervang(xml, /(<\w+:BerichtIdentificatie>\s*<\w+:Identificatie>[^<]*<\/\w+:Identificatie>\s*<\w+:Dagtekening>)[^<]*</, `$1${datum}<`);
}
function declaratieDagtekening(xml: string, datum: string): string {
  return vervang(xml, /(<\w+:DeclaratieDagtekening>)[^<]*</, `$1${datum}<`);
}
/** Moves the declaratie (period, prestaties, Dagtekening) from April to another month. */
function verhuis(xml: string, jaar: number, naar: [string, string], dag: string): string {
  const x = xml.split(`${jaar}-04-01`).join(naar[0]).split(`${jaar}-04-30`).join(naar[1]);
  return declaratieDagtekening(dagtekening(x, dag), dag);
}

const P1 = '/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]';

describe('CD060 VorigReferentieNummer filled exactly for a credit', () => {
  for (const s of STANDAARDEN) {
    it(`CD060 ${s.bericht}: a credit without VorigReferentieNummer`, async () => {
      const f = await bevindingen(totaal(prestatie(basis(s), 1, credit), String(s.totaal - 10000)));
      expect(f.map((x) => x.code)).toEqual(['CD060']);
      expect(f[0].locatie).toEqual([`${P1}/IngediendBedrag/DebetCredit`]);
    });

    it(`CD060 ${s.bericht}: a debit with VorigReferentieNummer`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, vorig('RN000')));
      expect(f.map((x) => x.locatie)).toEqual([[`${P1}/ProductReferentie/VorigReferentieNummer`, `${P1}/IngediendBedrag/DebetCredit`]]);
    });

    it(`CD060 ${s.bericht}: a credit with VorigReferentieNummer is fine`, async () => {
      expect(await codes(totaal(prestatie(basis(s), 1, alle(credit, vorig('RN000'))), String(s.totaal - 10000)))).toEqual([]);
    });
  }

  it('CD060 WMO325: a returned debit with VorigReferentieNummer', async () => {
    expect(await codes(prestatie(voorbeeld('WMO325'), 1, vorig('RN000')))).toEqual(['CD060']);
  });

  it('CD060 JW325: a returned credit without VorigReferentieNummer', async () => {
    expect(await codes(prestatie(voorbeeld('JW325'), 1, zonder('VorigReferentieNummer')))).toEqual(['CD060']);
  });
});

describe('CD087 ProductTarief filled exactly when Eenheid is not 83', () => {
  for (const s of STANDAARDEN) {
    it(`CD087 ${s.bericht}: Eenheid 83 with a ProductTarief`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, alle(el('Eenheid', '83'), el('GeleverdVolume', '5000'))));
      expect(f.map((x) => x.locatie)).toEqual([[`${P1}/Eenheid`, `${P1}/ProductTarief`]]);
    });

    it(`CD087 ${s.bericht}: Eenheid 04 without a ProductTarief`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, zonder('ProductTarief')));
      expect(f.map((x) => x.code)).toEqual(['CD087']);
      expect(f[0].locatie).toEqual([`${P1}/Eenheid`]);
    });

    it(`CD087 ${s.bericht}: Eenheid 83 without a ProductTarief is fine`, async () => {
      expect(await codes(prestatie(basis(s), 1, alle(el('Eenheid', '83'), el('GeleverdVolume', '5000'), zonder('ProductTarief'))))).toEqual([]);
    });
  }
});

describe('CS339 with Eenheid 83 GeleverdVolume equals IngediendBedrag', () => {
  for (const s of STANDAARDEN) {
    it(`CS339 ${s.bericht}: volume 4 against an amount of 5000 (one finding)`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, alle(el('Eenheid', '83'), zonder('ProductTarief'))));
      expect(f.map((x) => x.code)).toEqual(['CS339']);
      expect(f[0].locatie).toEqual([`${P1}/GeleverdVolume`, `${P1}/IngediendBedrag/Bedrag`]);
    });

    it(`CS339 ${s.bericht}: compared as numbers, so 05000 equals 5000`, async () => {
      expect(await codes(prestatie(basis(s), 1, alle(el('Eenheid', '83'), el('GeleverdVolume', '05000'), zonder('ProductTarief'))))).toEqual([]);
    });
  }
});

describe('CS100 period begin dates from 2021-01-01', () => {
  // TR335 (end date at most 60 months before the DeclaratieDagtekening) must stay quiet here.
  const zonderTr335 = (s: Std, xml: string) => (s.jaar === 2026 ? declaratieDagtekening(xml, '2025-12-31') : xml);
  for (const s of STANDAARDEN) {
    it(`CS100 ${s.bericht}: a ProductPeriode in December 2020`, async () => {
      const f = await bevindingen(zonderTr335(s, prestatie(basis(s), 1, periode('2020-12-01', '2020-12-31'))));
      expect(f.map((x) => x.code)).toEqual(['CS100']);
      expect(f[0].locatie).toEqual([`${P1}/ProductPeriode/Begindatum`]);
    });

    it(`CS100 ${s.bericht}: a ProductPeriode in January 2021 is fine`, async () => {
      expect(await codes(zonderTr335(s, prestatie(basis(s), 1, periode('2021-01-01', '2021-01-31'))))).toEqual([]);
    });
  }

  it('CS100 WMO323: a DeclaratiePeriode in December 2020 (with its prestaties)', async () => {
    const f = await bevindingen(verhuis(basis(STANDAARDEN[0]), 2023, ['2020-12-01', '2020-12-31'], '2021-01-05'));
    expect(f.map((x) => x.code)).toEqual(Array(5).fill('CS100'));
    expect(f.map((x) => x.locatie[0])).toContain('/Bericht/Declaratie/DeclaratiePeriode/Begindatum');
  });
});

describe('CS337 ProductPeriode within one calendar month', () => {
  for (const s of STANDAARDEN) {
    const j = s.jaar;
    it(`CS337 ${s.bericht}: another month of the same year`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, periode(`${j}-03-20`, `${j}-04-10`)));
      expect(f.map((x) => x.code)).toEqual(['CS337']);
      expect(f[0].locatie).toEqual([`${P1}/ProductPeriode/Begindatum`, `${P1}/ProductPeriode/Einddatum`]);
    });

    it(`CS337 ${s.bericht}: the same month of another year`, async () => {
      expect(await codes(prestatie(basis(s), 1, periode(`${j - 1}-04-01`, `${j}-04-30`)))).toEqual(['CS337']);
    });

    it(`CS337 ${s.bericht}: another month and year gives two findings`, async () => {
      expect(await codes(prestatie(basis(s), 1, periode(`${j - 1}-12-20`, `${j}-01-10`)))).toEqual(['CS337', 'CS337']);
    });

    it(`CS337 ${s.bericht}: an earlier whole month is fine`, async () => {
      expect(await codes(prestatie(basis(s), 1, periode(`${j}-03-01`, `${j}-03-31`)))).toEqual([]);
    });
  }
});

describe('CS340 DeclaratiePeriode is one whole calendar month', () => {
  for (const s of STANDAARDEN) {
    const j = s.jaar;
    it(`CS340 ${s.bericht}: a month starting on day 02 (only the day check fails)`, async () => {
      const f = await bevindingen(declaratiePeriode(basis(s), `${j}-04-02`, `${j}-05-01`));
      expect(f.map((x) => x.code)).toEqual(['CS340']);
      expect(f[0].locatie).toEqual(['/Bericht/Declaratie/DeclaratiePeriode/Begindatum']);
    });

    it(`CS340 ${s.bericht}: two months`, async () => {
      const f = await bevindingen(declaratiePeriode(basis(s), `${j}-03-01`, `${j}-04-30`));
      expect(f.map((x) => x.locatie)).toEqual([['/Bericht/Declaratie/DeclaratiePeriode/Begindatum', '/Bericht/Declaratie/DeclaratiePeriode/Einddatum']]);
    });
  }

  const wmo = STANDAARDEN[0];
  it('CS340 WMO323: February of a leap year is a whole month', async () => {
    expect(await codes(verhuis(basis(wmo), 2023, ['2024-02-01', '2024-02-29'], '2024-03-06'))).toEqual([]);
  });

  it('CS340 WMO323: 2023-01-31..2023-03-02 fails only on its day: +1 month carries to 03-03, like Einddatum +1 day', async () => {
    const xml = declaratiePeriode(verhuis(basis(wmo), 2023, ['2023-02-01', '2023-02-28'], '2023-03-06'), '2023-01-31', '2023-03-02');
    const f = await bevindingen(xml);
    expect(f.map((x) => x.locatie)).toEqual([['/Bericht/Declaratie/DeclaratiePeriode/Begindatum']]);
  });

  it('CS340 WMO323: February 2100 is rejected, the XSLT calendar gives 2100 a 29th', async () => {
    const f = await bevindingen(verhuis(basis(wmo), 2023, ['2100-02-01', '2100-02-28'], '2100-03-06'));
    expect(f.map((x) => x.code)).toEqual(['CS340']);
    expect(f[0].locatie).toHaveLength(2);
  });

  it('CS340 WMO323: February 2104 (a real leap year) is fine', async () => {
    expect(await codes(verhuis(basis(wmo), 2023, ['2104-02-01', '2104-02-29'], '2104-03-06'))).toEqual([]);
  });
});

describe('TR137 period end not before its begin, not after the Dagtekening', () => {
  for (const s of STANDAARDEN) {
    const j = s.jaar;
    it(`TR137 ${s.bericht}: a ProductPeriode ending before it begins`, async () => {
      const f = await bevindingen(prestatie(basis(s), 1, periode(`${j}-04-30`, `${j}-04-01`)));
      expect(f.map((x) => x.code)).toEqual(['TR137']);
      expect(f[0].locatie).toEqual([`${P1}/ProductPeriode/Begindatum`, `${P1}/ProductPeriode/Einddatum`]);
    });

    it(`TR137 ${s.bericht}: a Dagtekening before the end of the month, for the DeclaratiePeriode and each April ProductPeriode`, async () => {
      const f = await bevindingen(dagtekening(basis(s), `${j}-04-29`));
      // four April prestaties in each (JW323's fifth is in March)
      expect(f.map((x) => x.code)).toEqual(Array(5).fill('TR137'));
      expect(f[0].locatie).toEqual(['/Bericht/Header/BerichtIdentificatie/Dagtekening', '/Bericht/Declaratie/DeclaratiePeriode/Einddatum']);
    });

    it(`TR137 ${s.bericht}: a Dagtekening on the last day of the month is fine`, async () => {
      expect(await codes(dagtekening(basis(s), `${j}-04-30`))).toEqual([]);
    });
  }

  for (const b of ['WMO325', 'JW325']) {
    it(`TR137 ${b}: a returned ProductPeriode ending before it begins`, async () => {
      const f = await bevindingen(prestatie(voorbeeld(b), 2, periode('2023-04-30', '2023-04-01')));
      expect(f.map((x) => x.locatie)).toEqual([
        ['/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductPeriode/Begindatum', '/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductPeriode/Einddatum'],
      ]);
    });
  }
});

describe('TR319 ProductPeriode not after the DeclaratiePeriode', () => {
  for (const s of STANDAARDEN) {
    const j = s.jaar;
    it(`TR319 ${s.bericht}: a prestatie in the month after the DeclaratiePeriode (begin and end)`, async () => {
      const f = await bevindingen(dagtekening(prestatie(basis(s), 1, periode(`${j}-05-01`, `${j}-05-31`)), `${j}-06-06`));
      expect(f.map((x) => x.locatie)).toEqual([
        ['/Bericht/Declaratie/DeclaratiePeriode/Einddatum', `${P1}/ProductPeriode/Begindatum`],
        ['/Bericht/Declaratie/DeclaratiePeriode/Einddatum', `${P1}/ProductPeriode/Einddatum`],
      ]);
      expect(f.map((x) => x.code)).toEqual(['TR319', 'TR319']);
    });

    it(`TR319 ${s.bericht}: a prestatie in an earlier month is fine`, async () => {
      expect(await codes(prestatie(basis(s), 1, periode(`${j}-01-01`, `${j}-01-31`)))).toEqual([]);
    });
  }
});

describe('TR335 ProductPeriode end at most 60 months before the DeclaratieDagtekening', () => {
  for (const s of STANDAARDEN) {
    const j = s.jaar;
    it(`TR335 ${s.bericht}: a DeclaratieDagtekening more than 60 months after all prestaties`, async () => {
      const f = await bevindingen(declaratieDagtekening(basis(s), `${j + 5}-05-06`));
      expect(f.map((x) => x.code)).toEqual(Array(s.prestaties).fill('TR335'));
      expect(f[0].locatie).toEqual(['/Bericht/Declaratie/DeclaratieDagtekening', `${P1}/ProductPeriode/Einddatum`]);
    });

    it(`TR335 ${s.bericht}: exactly 60 months after the earliest end date is fine`, async () => {
      const vroegsteEinde = s.bericht === 'JW323' ? `${j + 5}-03-31` : `${j + 5}-04-30`;
      expect(await codes(declaratieDagtekening(basis(s), vroegsteEinde))).toEqual([]);
    });
  }

  const wmo = STANDAARDEN[0];
  const februari = () => declaratieDagtekening(verhuis(basis(wmo), 2023, ['2023-02-01', '2023-02-28'], '2023-03-06'), '2028-02-29');
  it('TR335 WMO323: 2028-02-29 minus 60 months is clipped to 2023-02-28, so a February prestatie is fine', async () => {
    expect(await codes(februari())).toEqual([]);
  });

  it('TR335 WMO323: ... and one ending 2023-02-27 is too old', async () => {
    expect(await codes(prestatie(februari(), 1, el('Einddatum', '2023-02-27')))).toEqual(['TR335']);
  });
});

describe('TR358 TotaalIngediendBedrag is the signed sum of the prestaties', () => {
  for (const s of STANDAARDEN) {
    it(`TR358 ${s.bericht}: one cent off`, async () => {
      const f = await bevindingen(totaal(basis(s), String(s.totaal + 1)));
      expect(f.map((x) => x.code)).toEqual(['TR358']);
      expect(f[0].locatie).toEqual(['/Bericht/Declaratie/TotaalIngediendBedrag/TotaalBedrag', '/Bericht/Declaratie/TotaalIngediendBedrag/DebetCredit']);
    });

    it(`TR358 ${s.bericht}: leading zeros are schema-valid (xs:integer) but do not match the written sum`, async () => {
      expect(await codes(totaal(basis(s), `0${s.totaal}`))).toEqual(['TR358']);
    });
  }

  const wmo = STANDAARDEN[0];
  const creditMeerderheid = () => prestatie(prestatie(basis(wmo), 2, alle(credit, vorig('RT002'))), 4, alle(credit, vorig('RT004')));
  it('TR358 WMO323: more credit than debit, totalled as C', async () => {
    expect(await codes(totaal(creditMeerderheid(), '38000', 'C'))).toEqual([]);
  });

  it('TR358 WMO323: more credit than debit, totalled as D', async () => {
    expect(await codes(totaal(creditMeerderheid(), '38000', 'D'))).toEqual(['TR358']);
  });
});
