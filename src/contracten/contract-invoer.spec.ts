import { describe, expect, it } from 'vitest';
import { leesContractCsv } from './contract-csv';
import { valideerContract } from './contract-invoer';

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
