import { describe, expect, it } from 'vitest';
import { leesContractCsv } from './contract-csv';
import { valideerContract, valideerNieuweBestedingsruimte, valideerNormenWijziging, valideerToestemmingVoor18 } from './contract-invoer';

const CONTRACT = {
  kenmerk: 'WMO-1',
  domein: 'wmo',
  gemeente: '0363',
  aanbieder: { agb: '12345678' },
  uitvoeringsvariant: 'inspanningsgericht',
  looptijd: { van: '2026-01-01', tot: null },
  producten: [],
};

describe('contract input: wachttijdNormen', () => {
  it('is null when absent, null or empty', () => {
    expect(valideerContract(CONTRACT)).toMatchObject({ fouten: [], contract: { wachttijdNormen: null } });
    expect(valideerContract({ ...CONTRACT, wachttijdNormen: null })).toMatchObject({ fouten: [], contract: { wachttijdNormen: null } });
    expect(valideerContract({ ...CONTRACT, wachttijdNormen: {} })).toMatchObject({ fouten: [], contract: { wachttijdNormen: null } });
  });

  it('keeps weeks per product group from 1 to 104', () => {
    const r = valideerContract({ ...CONTRACT, wachttijdNormen: { dagbesteding: 4, 'zintuiglijk-wonen': 1, wonen: 104 } });
    expect(r.fouten).toEqual([]);
    expect(r.contract.wachttijdNormen).toEqual({ dagbesteding: 4, 'zintuiglijk-wonen': 1, wonen: 104 });
  });

  it('names every problem: not an object, bad group name, weeks out of range or not whole', () => {
    expect(valideerContract({ ...CONTRACT, wachttijdNormen: [6] }).fouten).toEqual(['wachttijdNormen must be an object of productgroep: weken']);
    expect(valideerContract({ ...CONTRACT, wachttijdNormen: 'dagbesteding=6' }).fouten).toEqual(['wachttijdNormen must be an object of productgroep: weken']);
    const r = valideerContract({ ...CONTRACT, wachttijdNormen: { Dagbesteding: 6, wonen: 0, dagbesteding: 105, begeleiding: 2.5, jeugd: '6', ok: 6 } });
    expect(r.fouten).toEqual([
      "wachttijdNormen: productgroep 'Dagbesteding' must be lowercase letters, digits and - (starting with a letter, at most 40)",
      'wachttijdNormen.wonen must be a whole number of weeks from 1 to 104',
      'wachttijdNormen.dagbesteding must be a whole number of weeks from 1 to 104',
      'wachttijdNormen.begeleiding must be a whole number of weeks from 1 to 104',
      'wachttijdNormen.jeugd must be a whole number of weeks from 1 to 104',
    ]);
  });

  it('the CSV import has no column for it: a CSV contract gets the default norms', () => {
    const r = leesContractCsv('contract,WMO-1,wmo,0363,,12345678,,inspanningsgericht,2026-01-01,,,,');
    expect(r.fouten).toEqual([]);
    expect(r.contracten[0].contract.wachttijdNormen).toBeNull();
  });
});

describe('contract input: inzetNorm (ONVOLDOENDE-INZET, CS Wmo art. 1.6)', () => {
  const MET_16 = { ...CONTRACT, artikelen: ['1.6'] };
  const NORM = { soort: 'omzet', waarde: 10_000_000, gepubliceerdOp: '2025-12-01' };

  it('is null when absent or null; defaults: no exemptions, no KTO score', () => {
    expect(valideerContract(CONTRACT)).toMatchObject({ fouten: [], contract: { inzetNorm: null } });
    expect(valideerContract({ ...MET_16, inzetNorm: null })).toMatchObject({ fouten: [], contract: { inzetNorm: null } });
    expect(valideerContract({ ...MET_16, inzetNorm: NORM })).toMatchObject({
      fouten: [], contract: { inzetNorm: { ...NORM, vrijstelling: { schaars: false, uniek: false }, ktoScore: null } },
    });
  });

  it('keeps the exemptions and a KTO score with one decimal', () => {
    const r = valideerContract({ ...MET_16, inzetNorm: { soort: 'clienten', waarde: 25, gepubliceerdOp: '2025-12-01', vrijstelling: { uniek: true }, ktoScore: 8.5 } });
    expect(r.fouten).toEqual([]);
    expect(r.contract.inzetNorm).toEqual({ soort: 'clienten', waarde: 25, gepubliceerdOp: '2025-12-01', vrijstelling: { schaars: false, uniek: true }, ktoScore: 8.5 });
    expect(valideerContract({ ...MET_16, inzetNorm: { ...NORM, soort: 'trajecten', waarde: 1, ktoScore: 0 } }).fouten).toEqual([]);
    expect(valideerContract({ ...MET_16, inzetNorm: { ...NORM, ktoScore: 10 } }).fouten).toEqual([]);
  });

  it('needs optional article 1.6 in artikelen', () => {
    expect(valideerContract({ ...CONTRACT, inzetNorm: NORM }).fouten).toEqual(['an inzetNorm needs optional article 1.6 in artikelen']);
    expect(valideerContract({ ...CONTRACT, artikelen: ['1.5'], inzetNorm: NORM }).fouten).toEqual(['an inzetNorm needs optional article 1.6 in artikelen']);
    // A bad artikelen list is reported once, not also as a missing 1.6.
    expect(valideerContract({ ...CONTRACT, artikelen: ['2.1'], inzetNorm: NORM }).fouten).toEqual(['artikelen must list optional articles of deel 1 (1.4, 1.5, 1.6, 1.7, 1.8, 1.9)']);
  });

  it('names every problem', () => {
    expect(valideerContract({ ...MET_16, inzetNorm: 'omzet' }).fouten).toEqual(['inzetNorm must be an object with soort, waarde and gepubliceerdOp']);
    expect(valideerContract({ ...MET_16, inzetNorm: [NORM] }).fouten).toEqual(['inzetNorm must be an object with soort, waarde and gepubliceerdOp']);
    const r = valideerContract({ ...MET_16, inzetNorm: { soort: 'uren', waarde: 0.5, gepubliceerdOp: '2025-02-30', vrijstelling: { schaars: 'ja', uniek: 1 }, ktoScore: 8.55 } });
    expect(r.fouten).toEqual([
      'inzetNorm.soort must be one of omzet, clienten, trajecten',
      'inzetNorm.waarde must be a whole number of at least 1',
      'inzetNorm.gepubliceerdOp must be a date YYYY-MM-DD',
      'inzetNorm.vrijstelling.schaars must be true or false',
      'inzetNorm.vrijstelling.uniek must be true or false',
      'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal',
    ]);
    expect(valideerContract({ ...MET_16, inzetNorm: { ...NORM, waarde: 0, ktoScore: 10.1, vrijstelling: true } }).fouten).toEqual([
      'inzetNorm.waarde must be a whole number of at least 1',
      'inzetNorm.vrijstelling must be an object with optional schaars and uniek',
      'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal',
    ]);
    expect(valideerContract({ ...MET_16, inzetNorm: { ...NORM, soort: 'clienten', waarde: 1_000_001, ktoScore: -1 } }).fouten).toEqual([
      'inzetNorm.waarde must be at most 1000000 for clienten',
      'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal',
    ]);
    expect(valideerContract({ ...MET_16, inzetNorm: { waarde: '100' } }).fouten).toEqual([
      'inzetNorm.soort must be one of omzet, clienten, trajecten',
      'inzetNorm.waarde must be a whole number of at least 1',
      'inzetNorm.gepubliceerdOp must be a date YYYY-MM-DD',
    ]);
  });

  it('the CSV import has no column for it: a CSV contract has no inzetNorm', () => {
    const r = leesContractCsv('contract,WMO-1,wmo,0363,,12345678,,inspanningsgericht,2026-01-01,,,,1.6');
    expect(r.fouten).toEqual([]);
    expect(r.contracten[0].contract.inzetNorm).toBeNull();
  });
});

describe('contract input: a new bestedingsruimte (addendum or period)', () => {
  it('takes the fields of a bestedingsruimte with defaults; versie is optional (null: the next one)', () => {
    expect(valideerNieuweBestedingsruimte({ van: '2027-01-01', tot: '2027-12-31', budgetCenten: 500 })).toEqual({
      invoer: { van: '2027-01-01', tot: '2027-12-31', budgetCenten: 500, versie: null, meetgrondslag: 'realisatie', monitoring: 'gemeente' },
      fouten: [],
    });
    expect(valideerNieuweBestedingsruimte({ van: '2027-01-01', tot: '2027-12-31', budgetCenten: 500, versie: 3, monitoring: 'aanbieder' }).invoer).toMatchObject({ versie: 3, monitoring: 'aanbieder' });
  });

  it('names every problem, and a body that is not an object', () => {
    expect(valideerNieuweBestedingsruimte({ van: '2027-12-31', tot: '2027-01-01', budgetCenten: 0, versie: 0, meetgrondslag: 'x' }).fouten).toEqual([
      'tot must not be before van',
      expect.stringMatching(/^budgetCenten/),
      expect.stringMatching(/^versie/),
      'meetgrondslag must be realisatie or verplichting',
    ]);
    expect(valideerNieuweBestedingsruimte([]).fouten).toEqual(['the body must be a JSON object']);
  });
});

describe('contract input: changing the norms of a registered contract', () => {
  const norm = { soort: 'trajecten', waarde: 12, gepubliceerdOp: '2026-02-01', ktoScore: 8.6 };

  it('a field given replaces (null clears), a field left out is not in the change', () => {
    expect(valideerNormenWijziging({ inzetNorm: norm })).toEqual({
      wijziging: { inzetNorm: { ...norm, vrijstelling: { schaars: false, uniek: false } } },
      fouten: [],
    });
    expect(valideerNormenWijziging({ wachttijdNormen: { wonen: 9 }, inzetNorm: null })).toEqual({ wijziging: { wachttijdNormen: { wonen: 9 }, inzetNorm: null }, fouten: [] });
    expect(valideerNormenWijziging({ wachttijdNormen: {} })).toEqual({ wijziging: { wachttijdNormen: null }, fouten: [] });
  });

  it('refuses an empty change, other contract fields and bad norms, naming each', () => {
    expect(valideerNormenWijziging({}).fouten).toEqual(['give wachttijdNormen, inzetNorm or both (null clears one)']);
    expect(valideerNormenWijziging({ kenmerk: 'X', inzetNorm: { ...norm, ktoScore: 8.55 } }).fouten).toEqual([
      'only wachttijdNormen and inzetNorm can be changed here, not kenmerk',
      'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal',
    ]);
    expect(valideerNormenWijziging('x').fouten).toEqual(['the body must be a JSON object']);
  });
});

describe('contract input: looptijdMotivatie (LOOPTIJD-CHECK, HR §14)', () => {
  it('optional text of at most 500 characters, stored trimmed', () => {
    expect(valideerContract({ ...CONTRACT, looptijdMotivatie: '  open house  ' }).contract.looptijdMotivatie).toBe('open house');
    expect(valideerContract(CONTRACT).contract.looptijdMotivatie).toBeNull();
    expect(valideerContract({ ...CONTRACT, looptijdMotivatie: 'x'.repeat(501) }).fouten).toEqual(['looptijdMotivatie must be text of at most 500 characters']);
    expect(valideerContract({ ...CONTRACT, looptijdMotivatie: 12 }).fouten).toEqual(['looptijdMotivatie must be text of at most 500 characters']);
  });
});

describe('contract input: an approval before 18 (WMO-VOOR-18, art. 1.7.2)', () => {
  it('takes the ToewijzingNummer as the register stores it, an optional gemeente and the date', () => {
    expect(valideerToestemmingVoor18({ toewijzingNummer: ' 000702 ', datum: '2026-03-01' })).toEqual({ toestemming: { gemeente: null, toewijzingNummer: '702', datum: '2026-03-01' }, fouten: [] });
    expect(valideerToestemmingVoor18({ toewijzingNummer: '0', gemeente: '0363', datum: '2026-03-01' }).toestemming).toMatchObject({ toewijzingNummer: '0', gemeente: '0363' });
  });

  it('names every problem', () => {
    expect(valideerToestemmingVoor18({ toewijzingNummer: '12A', gemeente: 'R01', datum: '2026-02-30' }).fouten).toEqual([
      'toewijzingNummer must be the ToewijzingNummer of the 301: 1 to 16 digits',
      'gemeente must be a 4-digit CBS gemeentecode',
      expect.stringMatching(/^datum/),
    ]);
  });
});
