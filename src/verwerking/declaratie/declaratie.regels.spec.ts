import { describe, expect, it } from 'vitest';
import type { ContractTarief } from '../../contracten/contracten.port';
import type { Prestatie } from '../../istandaarden';
import { normaliseerNummer, type ToewijzingVersie } from '../regels';
import { dagNummer, isoWekenGeraakt, laatsteVanMaand, vanDagNummer, zondagen } from './datum.util';
import {
  debetSleutel, maxOverToewijzing, maxPerPeriode, nummerVan, regel0611TariefWijktAf, regel8017CreditZonderGoedgekeurdDebet, regel8021ReferentieNummerHergebruikt,
  regel8187BsnNietVanToewijzing, regel8214PeriodeVoorLaatste, regel9307VoorIngangsdatum, regel9308NaEinddatum, regel9319PeriodeNaDeclaratiePeriode,
  regel9321BovenPeriodeMaximum, regel9322BovenToewijzingMaximum, regel9333DeclaratieNummerNietUniek, regel9338GeenToewijzing, regel9339CategorieWijktAf,
  regel9340CodeWijktAf, regel9341EenheidPastNiet, regel9346BedragKloptNiet, regel9369BovenBudget, regel9384ToewijzingVerwijderd, regel9387BeginNietEersteDag,
  regel9388EindNietLaatsteDag, regel9389DebetNietGecrediteerd, regel9390AlGecrediteerd, type BekendePrestatie,
} from './declaratie.regels';

const AGB = '12345678';
/** Scenario setup of istandaarden-3.2.md §10: T1 = 300201, 01/01A11, 2025-04-01..2025-12-31, 4 uur per week. */
const T1: ToewijzingVersie = {
  gemeente: '0384', toewijzingNummer: '300201', aanbieder: AGB, bsn: '999900006', referentieAanbieder: null, product: { categorie: '01', code: '01A11' },
  toewijzingsdatum: '2025-03-20', toewijzingstijd: '12:00:00', ingangsdatum: '2025-04-01', einddatum: '2025-12-31', redenWijziging: null,
  omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budgetCenten: null,
};
const t = (o: Partial<ToewijzingVersie> = {}): ToewijzingVersie => ({ ...T1, ...o });
const p = (o: Partial<Prestatie> = {}): Prestatie => ({
  referentieNummer: 'RN001', vorigReferentieNummer: null, toewijzingNummer: '300201', productCategorie: '01', productCode: '01A11',
  productPeriode: { begindatum: '2025-04-01', einddatum: '2025-04-30' }, geleverdVolume: 16, eenheid: '04', productTariefCenten: 1250,
  ingediendBedrag: { centen: 20000, debetCredit: 'D' }, ...o,
});
const uurtarief: ContractTarief = { contractId: 'C1', productCode: '01A11', eenheid: '04', tariefCenten: 1250 };
const debet = (o: Partial<BekendePrestatie> = {}): BekendePrestatie => ({
  referentienummer: 'RN010', debetCredit: 'D', status: 'goedgekeurd', toewijzingNummer: '300201', sleutel: debetSleutel(p()), volumeBasis: 240, bedragCenten: 5000, contractId: 'C1', ...o,
});
const credit = p({ referentieNummer: 'RN011', vorigReferentieNummer: 'RN010', ingediendBedrag: { centen: 5000, debetCredit: 'C' } });
/** IV077 example (§10 scenario 8): 3 uur per week, 2025-10-07..2025-12-30, not categorie 01. */
const T8 = t({ product: { categorie: '02', code: '02A01' }, ingangsdatum: '2025-10-07', einddatum: '2025-12-30', omvang: { volume: 3, eenheid: '04', frequentie: '2' } });
const maand = (b: string, e: string) => ({ begindatum: b, einddatum: e });

describe('ISO weeks and Sundays (Weeknummer berekenen)', () => {
  it('counts distinct ISO weeks, across the year end (2025-12-29..2026-01-04 is 2026-W01)', () => {
    expect(isoWekenGeraakt('2025-04-01', '2025-04-30')).toBe(5);
    expect(isoWekenGeraakt('2025-12-01', '2025-12-30')).toBe(5);
    expect(isoWekenGeraakt('2025-10-07', '2025-12-30')).toBe(13);
    expect(isoWekenGeraakt('2026-02-02', '2026-03-01')).toBe(4);
  });
  it('counts Sundays', () => {
    expect(zondagen('2025-06-01', '2025-06-30')).toBe(5);
    expect(zondagen('2025-06-02', '2025-06-07')).toBe(0);
  });
});

describe('Declaratie class', () => {
  it('9333 (TR333): a DeclaratieNummer used before breaks; another does not', () => {
    expect(regel9333DeclaratieNummerNietUniek('DN001', new Set(['DN001']))).toBe(true);
    expect(regel9333DeclaratieNummerNietUniek('DN002', new Set(['DN001']))).toBe(false);
  });
  it('8214 (TR318): a period before the last submitted breaks; the same period again does not', () => {
    expect(regel8214PeriodeVoorLaatste('2025-03-01', '2025-04-01')).toBe(true);
    expect(regel8214PeriodeVoorLaatste('2025-04-01', '2025-04-01')).toBe(false);
    expect(regel8214PeriodeVoorLaatste('2025-07-01', '2025-04-01')).toBe(false);
  });
});

describe('Client class', () => {
  it('8187 (TR304): a toewijzing of another BSN breaks; its own BSN (or another aanbieder\'s toewijzing: 9338) does not', () => {
    expect(regel8187BsnNietVanToewijzing('999900018', T1, AGB)).toBe(true);
    expect(regel8187BsnNietVanToewijzing('999900006', T1, AGB)).toBe(false);
    expect(regel8187BsnNietVanToewijzing('999900018', t({ aanbieder: '87654321' }), AGB)).toBe(false);
  });
});

describe('Prestatie class', () => {
  it('8021 (TR314): a ReferentieNummer in the register or earlier in the message breaks; a new one does not', () => {
    expect(regel8021ReferentieNummerHergebruikt('RN010', true, new Set())).toBe(true);
    expect(regel8021ReferentieNummerHergebruikt('RN012', false, new Set(['RN012']))).toBe(true);
    expect(regel8021ReferentieNummerHergebruikt('RN012', false, new Set(['RN011']))).toBe(false);
  });
  it('8017 (TR323): a credit on an unknown or rejected debit breaks; on an approved debit it does not', () => {
    expect(regel8017CreditZonderGoedgekeurdDebet(credit, undefined)).toBe(true);
    expect(regel8017CreditZonderGoedgekeurdDebet(credit, debet({ status: 'afgewezen' }))).toBe(true);
    expect(regel8017CreditZonderGoedgekeurdDebet(credit, debet())).toBe(false);
  });
  it('9390 (TR390): a second credit breaks; the first does not', () => {
    expect(regel9390AlGecrediteerd(credit, debet({ status: 'gecrediteerd' }))).toBe(true);
    expect(regel9390AlGecrediteerd(credit, debet())).toBe(false);
  });
  it('9389 (TR389): a debit with an open approved debit on the same key breaks; another period does not', () => {
    const open = new Set([debetSleutel(p())]);
    expect(regel9389DebetNietGecrediteerd(p({ referentieNummer: 'RN012' }), open)).toBe(true);
    expect(regel9389DebetNietGecrediteerd(p({ productPeriode: maand('2025-05-01', '2025-05-31') }), open)).toBe(false);
  });
  it('9319 (TR319): a ProductPeriode after the DeclaratiePeriode breaks; inside it does not', () => {
    expect(regel9319PeriodeNaDeclaratiePeriode(p({ productPeriode: maand('2025-05-01', '2025-05-31') }), '2025-04-30')).toBe(true);
    expect(regel9319PeriodeNaDeclaratiePeriode(p(), '2025-04-30')).toBe(false);
  });
  it('9338 (TR338): unknown or another aanbieder\'s toewijzing breaks; ours does not', () => {
    expect(regel9338GeenToewijzing(null, AGB)).toBe(true);
    expect(regel9338GeenToewijzing(t({ aanbieder: '87654321' }), AGB)).toBe(true);
    expect(regel9338GeenToewijzing(T1, AGB)).toBe(false);
  });
  it('9384 (TR384): a deleted toewijzing (13, Einddatum = Ingangsdatum) breaks; 13 with another Einddatum does not', () => {
    expect(regel9384ToewijzingVerwijderd(t({ redenWijziging: '13', einddatum: '2025-04-01' }))).toBe(true);
    expect(regel9384ToewijzingVerwijderd(t({ redenWijziging: '13', einddatum: '2025-04-02' }))).toBe(false);
  });
  it('9339 (TR339) / 9340 (TR340): categorie or code differing from the toewijzing breaks; empty there does not', () => {
    expect(regel9339CategorieWijktAf(p({ productCategorie: '02' }), T1)).toBe(true);
    expect(regel9339CategorieWijktAf(p({ productCategorie: '02' }), t({ product: null }))).toBe(false);
    expect(regel9340CodeWijktAf(p({ productCode: '01A12' }), T1)).toBe(true);
    expect(regel9340CodeWijktAf(p({ productCode: '01A12' }), t({ product: { categorie: '01', code: null } }))).toBe(false);
  });
  it('9307 (TR307) / 9308 (TR308): outside the toewijzing breaks; on its edges it does not', () => {
    expect(regel9307VoorIngangsdatum(p({ productPeriode: maand('2025-03-01', '2025-03-31') }), T1)).toBe(true);
    expect(regel9307VoorIngangsdatum(p(), T1)).toBe(false);
    expect(regel9308NaEinddatum(p({ productPeriode: maand('2026-01-01', '2026-01-31') }), T1)).toBe(true);
    expect(regel9308NaEinddatum(p({ productPeriode: maand('2025-12-01', '2025-12-31') }), T1)).toBe(false);
  });
  it('9387 (TR387): not the 1st breaks; the later Ingangsdatum in that month does not', () => {
    expect(regel9387BeginNietEersteDag(p({ productPeriode: maand('2025-04-02', '2025-04-30') }), T1)).toBe(true);
    expect(regel9387BeginNietEersteDag(p({ productPeriode: maand('2025-04-03', '2025-04-30') }), t({ ingangsdatum: '2025-04-03' }))).toBe(false);
    expect(regel9387BeginNietEersteDag(p({ productPeriode: maand('2025-04-01', '2025-04-30') }), t({ ingangsdatum: '2025-04-03' }))).toBe(true);
  });
  it('9388 (TR388): not the last day breaks; the earlier Einddatum in that month does not', () => {
    expect(regel9388EindNietLaatsteDag(p({ productPeriode: maand('2025-04-01', '2025-04-29') }), T1)).toBe(true);
    expect(regel9388EindNietLaatsteDag(p({ productPeriode: maand('2025-04-01', '2025-04-20') }), t({ einddatum: '2025-04-20' }))).toBe(false);
  });
  it('9341 (TR341): another unit breaks; minutes on an hours toewijzing do not; without Omvang the contract\'s unit counts', () => {
    expect(regel9341EenheidPastNiet(p({ eenheid: '14' }), T1, uurtarief)).toBe(true);
    expect(regel9341EenheidPastNiet(p({ eenheid: '01' }), T1, uurtarief)).toBe(false);
    expect(regel9341EenheidPastNiet(p({ eenheid: '16' }), t({ omvang: null, budgetCenten: 100000 }), uurtarief)).toBe(true);
    expect(regel9341EenheidPastNiet(p({ eenheid: '04' }), t({ omvang: null, budgetCenten: 100000 }), uurtarief)).toBe(false);
  });
  it('9321 (TR321): iWmo categorie 01 per week allows 6 × V (24): 25 breaks, 24 does not', () => {
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 25 }), T1, 'wmo')).toBe(true);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 24 }), T1, 'wmo')).toBe(false);
    // iJw has no 6× rule: April 2025 touches 5 ISO weeks → 20.
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 21 }), T1, 'jeugd')).toBe(true);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 20 }), T1, 'jeugd')).toBe(false);
  });
  it('9321 (TR321): IV077 example — October 14 breaks (max 12), 12 does not; minutes count against V × 60 per week', () => {
    const okt = maand('2025-10-01', '2025-10-31');
    expect(maxPerPeriode(T8, 'wmo', okt)).toBe(12 * 60);
    expect(maxPerPeriode(T8, 'wmo', maand('2025-11-01', '2025-11-30'))).toBe(15 * 60);
    expect(maxPerPeriode(T8, 'wmo', maand('2025-12-01', '2025-12-31'))).toBe(15 * 60);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 14, productPeriode: okt }), T8, 'wmo')).toBe(true);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 12, productPeriode: okt }), T8, 'wmo')).toBe(false);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 721, eenheid: '01', productPeriode: okt }), T8, 'wmo')).toBe(true);
    expect(regel9321BovenPeriodeMaximum(p({ geleverdVolume: 720, eenheid: '01', productPeriode: okt }), T8, 'wmo')).toBe(false);
  });
  it('9321 (TR321): per maand V, per dag days × V, totaal V, output per week Sundays × V (+1 × V for the last period)', () => {
    const april = maand('2025-04-01', '2025-04-30');
    expect(maxPerPeriode(t({ omvang: { volume: 10, eenheid: '84', frequentie: '4' } }), 'wmo', april)).toBe(10);
    expect(maxPerPeriode(t({ omvang: { volume: 2, eenheid: '84', frequentie: '1' } }), 'wmo', april)).toBe(60);
    expect(maxPerPeriode(t({ omvang: { volume: 7, eenheid: '84', frequentie: '6' } }), 'wmo', april)).toBe(7);
    const output = t({ product: { categorie: '02', code: '02A01' }, einddatum: '2025-06-18', omvang: { volume: 1, eenheid: '82', frequentie: '2' } });
    expect(maxPerPeriode(output, 'wmo', april)).toBe(4);
    // June 2025 up to the Wednesday 18th: Sundays 1, 8, 15 plus 1 for the period holding the last Sunday.
    expect(maxPerPeriode(output, 'wmo', maand('2025-06-01', '2025-06-30'))).toBe(4);
  });
  it('9322 (TR322): IV077 example — 12 + 15 approved, December 15 breaks (42 > 39), 12 does not', () => {
    expect(maxOverToewijzing(T8)).toBe(39 * 60);
    const dec = maand('2025-12-01', '2025-12-31');
    expect(regel9322BovenToewijzingMaximum(p({ geleverdVolume: 15, productPeriode: dec }), T8, 27 * 60)).toBe(true);
    expect(regel9322BovenToewijzingMaximum(p({ geleverdVolume: 12, productPeriode: dec }), T8, 27 * 60)).toBe(false);
  });
  it('9369 (TR369): above the Budget (in eurocents) breaks; exactly on it does not', () => {
    const budget = t({ omvang: null, budgetCenten: 50000 });
    expect(regel9369BovenBudget(p({ ingediendBedrag: { centen: 20001, debetCredit: 'D' } }), budget, 30000)).toBe(true);
    expect(regel9369BovenBudget(p({ ingediendBedrag: { centen: 20000, debetCredit: 'D' } }), budget, 30000)).toBe(false);
  });
  it('9346 (TR346): 4 × 1250 with 5500 breaks, 5000 does not', () => {
    expect(regel9346BedragKloptNiet(p({ geleverdVolume: 4, ingediendBedrag: { centen: 5500, debetCredit: 'D' } }), uurtarief)).toBe(true);
    expect(regel9346BedragKloptNiet(p({ geleverdVolume: 4, ingediendBedrag: { centen: 5000, debetCredit: 'D' } }), uurtarief)).toBe(false);
  });
  it('9346 (TR346) minute rule (IV081): 95 min at 1250/uur is round(1250 × 95 / 60) = 1979, not 95 × 21 = 1995', () => {
    const minuten = (centen: number) => p({ eenheid: '01', geleverdVolume: 95, productTariefCenten: 21, ingediendBedrag: { centen, debetCredit: 'D' } });
    expect(regel9346BedragKloptNiet(minuten(1979), uurtarief)).toBe(false);
    expect(regel9346BedragKloptNiet(minuten(1995), uurtarief)).toBe(true);
    // §6.4 example: 6500/uur, 95 min → 10292.
    expect(regel9346BedragKloptNiet(p({ eenheid: '01', geleverdVolume: 95, productTariefCenten: 108, ingediendBedrag: { centen: 10292, debetCredit: 'D' } }), { ...uurtarief, tariefCenten: 6500 })).toBe(false);
  });
  it('0611 (TR418): a tarief other than the contract\'s breaks, the contract\'s (or uurtarief / 60 rounded for minutes) does not; no contract breaks', () => {
    expect(regel0611TariefWijktAf(p({ productTariefCenten: 1500 }), { ...uurtarief, tariefCenten: 1450 })).toBe(true);
    expect(regel0611TariefWijktAf(p({ productTariefCenten: 1450 }), { ...uurtarief, tariefCenten: 1450 })).toBe(false);
    expect(regel0611TariefWijktAf(p({ eenheid: '01', productTariefCenten: 21 }), uurtarief)).toBe(false);
    expect(regel0611TariefWijktAf(p({ eenheid: '01', productTariefCenten: 20 }), uurtarief)).toBe(true);
    expect(regel0611TariefWijktAf(p(), null)).toBe(true);
  });
});

describe('nummerVan', () => {
  it('is normaliseerNummer', () => {
    for (const n of ['300201', '0300201', '000', '0', '+300201', ' 300201 ', '300201\t', '1', '9', '10', 'A1', '1A', '1A1', '', ' ', '+0012', '\u00a0123'])
      expect(nummerVan(n)).toBe(normaliseerNummer(n));
  });
});

describe('TR389 key (debetSleutel)', () => {
  it('is the same for the same debit, leading zeros of the ToewijzingNummer aside; the key passed to TR389 is the one it would make', () => {
    expect(debetSleutel(p({ toewijzingNummer: '000300201' }))).toBe(debetSleutel(p()));
    expect(regel9389DebetNietGecrediteerd(p(), new Set([debetSleutel(p())]), debetSleutel(p()))).toBe(true);
    expect(regel9389DebetNietGecrediteerd(p(), new Set([debetSleutel(p())]))).toBe(true);
  });

  it('differs when any part differs, also where joined parts would read the same', () => {
    const sleutels = [
      p(), p({ toewijzingNummer: '300202' }), p({ productPeriode: { begindatum: '2025-04-02', einddatum: '2025-04-30' } }),
      p({ productPeriode: { begindatum: '2025-04-01', einddatum: '2025-04-29' } }), p({ productCategorie: '02' }), p({ productCode: '01A12' }),
      p({ productCategorie: '01A', productCode: '11' }), p({ productCategorie: '0', productCode: '1A11' }),
    ].map(debetSleutel);
    expect(new Set(sleutels).size).toBe(sleutels.length);
  });
});

describe('calendar helpers, remembered', () => {
  it('give the same answers on every call, also after more distinct dates than they remember', () => {
    expect(laatsteVanMaand('2024-02-10')).toBe('2024-02-29');
    expect(laatsteVanMaand('2025-02-10')).toBe('2025-02-28');
    expect(dagNummer('1970-01-02')).toBe(1);
    for (let d = 0; d < 10_000; d++) expect(dagNummer(vanDagNummer(20_000 + d))).toBe(20_000 + d);
    expect(laatsteVanMaand('2024-02-10')).toBe('2024-02-29');
    expect(vanDagNummer(1)).toBe('1970-01-02');
    expect(dagNummer('1970-01-02')).toBe(1);
  });
});
