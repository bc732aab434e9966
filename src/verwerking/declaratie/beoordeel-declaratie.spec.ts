import { describe, expect, it } from 'vitest';
import type { ContractTarief } from '../../contracten/contracten.port';
import type { Declaratie, Prestatie } from '../../istandaarden';
import type { ToewijzingVersie } from '../regels';
import { beoordeelPrestaties, beoordeelPrestatiesStapsgewijs, contractSleutel, debetTotalen, type DeclaratieStand, type NieuwePrestatie } from './beoordeel-declaratie';
import { debetSleutel, type BekendePrestatie } from './declaratie.regels';

const AGB = '12345678';
const BSN = '999900006';
const T: ToewijzingVersie = {
  gemeente: '0384', toewijzingNummer: '300201', aanbieder: AGB, bsn: BSN, referentieAanbieder: null, product: { categorie: '01', code: '01A11' },
  toewijzingsdatum: '2025-03-20', toewijzingstijd: '12:00:00', ingangsdatum: '2025-01-01', einddatum: '2025-12-31', redenWijziging: null,
  omvang: { volume: 10, eenheid: '04', frequentie: '2' }, budgetCenten: null,
};
const p = (o: Partial<Prestatie> = {}): Prestatie => ({
  referentieNummer: 'RN001', vorigReferentieNummer: null, toewijzingNummer: '300201', productCategorie: '01', productCode: '01A11',
  productPeriode: { begindatum: '2025-04-01', einddatum: '2025-04-30' }, geleverdVolume: 4, eenheid: '04', productTariefCenten: 1250,
  ingediendBedrag: { centen: 5000, debetCredit: 'D' }, ...o,
});
const declaratie = (prestaties: Prestatie[]): Declaratie => ({
  declaratieNummer: 'DN1', declaratiePeriode: { begindatum: '2025-06-01', einddatum: '2025-06-30' }, declaratieDagtekening: '2025-05-06',
  totaalIngediendBedrag: { centen: 0, debetCredit: 'D' }, clienten: [{ bsn: BSN, prestaties }],
});
const tarief = (tariefCenten: number): ContractTarief => ({ contractId: 'C1', productCode: '01A11', eenheid: '04', tariefCenten });
const stand = (o: Partial<DeclaratieStand> = {}): DeclaratieStand => ({
  toewijzingen: new Map([['300201', T]]), prestaties: new Map(), openDebetSleutels: new Set(), tellers: new Map(), ...o,
});
const oordeel = (prestaties: Prestatie[], s = stand(), tarieven: ReadonlyMap<string, ContractTarief | null> = new Map([[contractSleutel('01A11', '2025-04-01'), tarief(1250)]])) =>
  beoordeelPrestaties({ domein: 'wmo', aanbieder: AGB, declaratie: declaratie(prestaties), tarieven }, s);

describe('beoordeelPrestaties', () => {
  it('finds the toewijzing of a ToewijzingNummer written with leading zeros, a plus or spaces, and stores the normalised number', () => {
    const mei = { begindatum: '2025-05-01', einddatum: '2025-05-31' };
    const tarieven = new Map([[contractSleutel('01A11', '2025-04-01'), tarief(1250)], [contractSleutel('01A11', '2025-05-01'), tarief(1250)]]);
    const u = oordeel([p({ referentieNummer: 'RN1', toewijzingNummer: '000300201' }), p({ referentieNummer: 'RN2', toewijzingNummer: ' +300201 ', productPeriode: mei })], stand(), tarieven);
    expect(u.afgewezen).toEqual([]);
    expect(u.nieuwePrestaties.map((r) => [r.referentienummer, r.toewijzingNummer, r.status])).toEqual([['RN1', '300201', 'goedgekeurd'], ['RN2', '300201', 'goedgekeurd']]);
    expect(u.tellers.get('300201')).toEqual({ volumeBasis: 2 * 4 * 60, bedragCenten: 10000 });
    // The same debit again, its number with leading zeros, while the first is open: TR389.
    const twee = oordeel([p({ referentieNummer: 'RN1' }), p({ referentieNummer: 'RN2', toewijzingNummer: '0300201' })]);
    expect(twee.afgewezen).toEqual([{ client: 0, prestatie: 1, codes: ['9389'] }]);
  });

  it('judges credits before debits: a new debit after its credit in the message is approved (TR389, OP366)', () => {
    const oud: BekendePrestatie = {
      referentienummer: 'RN0', debetCredit: 'D', status: 'goedgekeurd', toewijzingNummer: '300201', sleutel: debetSleutel(p()), volumeBasis: 240, bedragCenten: 5000, contractId: 'C1',
    };
    const s = stand({ prestaties: new Map([['RN0', oud]]), openDebetSleutels: new Set([oud.sleutel]), tellers: new Map([['300201', { volumeBasis: 240, bedragCenten: 5000 }]]) });
    const u = oordeel([p({ referentieNummer: 'RN2', geleverdVolume: 3, ingediendBedrag: { centen: 3750, debetCredit: 'D' } }), p({ referentieNummer: 'RN1', vorigReferentieNummer: 'RN0', ingediendBedrag: { centen: 5000, debetCredit: 'C' } })], s);
    expect(u.afgewezen).toEqual([]);
    expect(u.nieuwePrestaties.map((r) => r.referentienummer)).toEqual(['RN1', 'RN2']);
    expect(u.gecrediteerd).toEqual(['RN0']);
    expect(u.tellers.get('300201')).toEqual({ volumeBasis: 180, bedragCenten: 3750 });
    expect(u.boekingen).toEqual([{ contractId: 'C1', datum: '2025-04-01', centen: -1250 }]);
  });

  it('takes the tarief of its own code and date; none for the date is 0611', () => {
    const tarieven = new Map([[contractSleutel('01A11', '2025-04-01'), tarief(1250)], [contractSleutel('01A11', '2025-05-01'), tarief(1300)], [contractSleutel('01A12', '2025-04-01'), null]]);
    const mei = { begindatum: '2025-05-01', einddatum: '2025-05-31' };
    const juni = { begindatum: '2025-06-01', einddatum: '2025-06-30' };
    const u = oordeel([
      p({ referentieNummer: 'RN1' }),
      p({ referentieNummer: 'RN2', productPeriode: mei, productTariefCenten: 1300, ingediendBedrag: { centen: 5200, debetCredit: 'D' } }),
      p({ referentieNummer: 'RN3', productPeriode: juni }),
    ], stand(), tarieven);
    expect(u.afgewezen).toEqual([{ client: 0, prestatie: 2, codes: ['0611'] }]);
    expect(u.nieuwePrestaties.map((r) => [r.referentienummer, r.status, r.contractId])).toEqual([['RN1', 'goedgekeurd', 'C1'], ['RN2', 'goedgekeurd', 'C1'], ['RN3', 'afgewezen', null]]);
  });
  it('in steps: each step yields the rows judged since the last, final as yielded; together they are the whole judgement, credits first', () => {
    const april = { begindatum: '2025-04-01', einddatum: '2025-04-30' };
    const oud: BekendePrestatie = {
      referentienummer: 'RN0', debetCredit: 'D', status: 'goedgekeurd', toewijzingNummer: '300201', sleutel: debetSleutel(p()), volumeBasis: 240, bedragCenten: 5000, contractId: 'C1',
    };
    const maakStand = () => stand({ prestaties: new Map([['RN0', { ...oud }]]), openDebetSleutels: new Set([oud.sleutel]), tellers: new Map([['300201', { volumeBasis: 240, bedragCenten: 5000 }]]) });
    const lijst = [
      p({ referentieNummer: 'RN1', productPeriode: april }),
      p({ referentieNummer: 'RN2', toewijzingNummer: '999999' }), // 9338
      p({ referentieNummer: 'RN3', vorigReferentieNummer: 'RN0', ingediendBedrag: { centen: 5000, debetCredit: 'C' } }),
      p({ referentieNummer: 'RN4', productTariefCenten: 1300, ingediendBedrag: { centen: 5200, debetCredit: 'D' } }), // 0611 and 9346
      p({ referentieNummer: 'RN1' }), // 8021
    ];
    const invoer = { domein: 'wmo' as const, aanbieder: AGB, declaratie: declaratie(lijst), tarieven: new Map([[contractSleutel('01A11', '2025-04-01'), tarief(1250)]]) };
    const stappen = beoordeelPrestatiesStapsgewijs(invoer, maakStand(), 2);
    const gegeven: NieuwePrestatie[][] = [];
    let r = stappen.next();
    while (!r.done) {
      gegeven.push(r.value.map((x) => ({ ...x })));
      r = stappen.next();
    }
    expect(gegeven.map((g) => g.map((x) => x.referentienummer))).toEqual([['RN3', 'RN1'], ['RN2', 'RN4']]);
    expect(gegeven.flat()).toEqual(r.value.nieuwePrestaties);
    expect(r.value).toEqual(beoordeelPrestaties(invoer, maakStand()));
  });
});

describe('debetTotalen (the monthly uitval figure, HR §16)', () => {
  it('counts the debits as judged, approved and rejected with their amounts; credits are left out', () => {
    const oud: BekendePrestatie = {
      referentienummer: 'RN0', debetCredit: 'D', status: 'goedgekeurd', toewijzingNummer: '300201', sleutel: debetSleutel(p()), volumeBasis: 240, bedragCenten: 5000, contractId: 'C1',
    };
    const s = stand({ prestaties: new Map([['RN0', oud]]), openDebetSleutels: new Set([oud.sleutel]), tellers: new Map([['300201', { volumeBasis: 240, bedragCenten: 5000 }]]) });
    const prestaties = [
      p({ referentieNummer: 'RN1', vorigReferentieNummer: 'RN0', ingediendBedrag: { centen: 5000, debetCredit: 'C' } }),
      p({ referentieNummer: 'RN2', geleverdVolume: 3, ingediendBedrag: { centen: 3750, debetCredit: 'D' } }),
      p({ referentieNummer: 'RN3', productTariefCenten: 1300, ingediendBedrag: { centen: 5200, debetCredit: 'D' } }),
    ];
    const u = oordeel(prestaties, s);
    expect(u.nieuwePrestaties.map((r) => [r.referentienummer, r.debetCredit, r.status])).toEqual([['RN1', 'C', 'goedgekeurd'], ['RN2', 'D', 'goedgekeurd'], ['RN3', 'D', 'afgewezen']]);
    expect(debetTotalen(declaratie(prestaties), u)).toEqual({ goedgekeurd: 1, afgewezen: 1, goedgekeurdCenten: 3750, afgewezenCenten: 5200 });
    expect(debetTotalen(declaratie([]), { nieuwePrestaties: [], afgewezen: [] })).toEqual({ goedgekeurd: 0, afgewezen: 0, goedgekeurdCenten: 0, afgewezenCenten: 0 });
  });

  it('a rejected debit that is not stored (8021, its ReferentieNummer used before) still counts as rejected', () => {
    const oud: BekendePrestatie = {
      referentienummer: 'RN0', debetCredit: 'D', status: 'goedgekeurd', toewijzingNummer: '300201', sleutel: debetSleutel(p()), volumeBasis: 240, bedragCenten: 5000, contractId: 'C1',
    };
    const prestaties = [p({ referentieNummer: 'RN0', productPeriode: { begindatum: '2025-05-01', einddatum: '2025-05-31' } })];
    const u = oordeel(prestaties, stand({ prestaties: new Map([['RN0', oud]]) }));
    expect(u.afgewezen[0].codes).toContain('8021');
    expect(u.nieuwePrestaties).toEqual([]);
    expect(debetTotalen(declaratie(prestaties), u)).toEqual({ goedgekeurd: 0, afgewezen: 1, goedgekeurdCenten: 0, afgewezenCenten: 5000 });
  });
});
