import { describe, expect, it } from 'vitest';
import { leesContractCsv, splitsRegel } from './contract-csv';
import { valideerContract } from './contract-invoer';

const GOED = [
  '# soort,kenmerk,...',
  'contract,WMO-1,wmo,0363,,12345678,"Zorg, BV",inspanningsgericht,2026-01-01,2027-12-31,12|12,2025-11-01,1.5',
  'product,WMO-1,02A01,14,5000,2026-01-01,2026-06-30',
  'product,WMO-1,02A01,14,5150,2026-07-01,',
  'bestedingsruimte,WMO-1,2026-01-01,2026-12-31,10000000,1,,',
].join('\n');

describe('contract CSV', () => {
  it('splits quoted fields', () => {
    expect(splitsRegel('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
    expect(splitsRegel('a,"b')).toBeNull();
  });

  it('reads contracts with products and bestedingsruimtes', () => {
    const r = leesContractCsv(GOED);
    expect(r.fouten).toEqual([]);
    const c = r.contracten[0].contract;
    expect(c.aanbieder).toEqual({ agb: '12345678', naam: 'Zorg, BV' });
    expect(c.gemeenten).toEqual(['0363']);
    expect(c.verlengopties).toEqual([{ maanden: 12 }, { maanden: 12 }]);
    expect(c.producten).toHaveLength(2);
    expect(c.bestedingsruimtes[0]).toMatchObject({ budgetCenten: 10000000, versie: 1, meetgrondslag: 'realisatie' });
  });

  it('reports every bad line and returns no contract', () => {
    const slecht = [
      'contract,WMO-2,wmo,0363,,1234,,inspanningsgericht,2026-01-01,,,,',
      'product,WMO-9,02A01,14,5000,2026-01-01,',
      'product,WMO-1,02A01,14,-5,2026-02-30,',
      'onzin',
      'contract,WMO-3,wmo,0363,,12345678,,taakgericht,2026-01-01,,,,1.5',
      'bestedingsruimte,WMO-3,2026-01-01,2026-12-31,100,1,,',
    ].join('\n');
    const r = leesContractCsv(`${GOED}\n${slecht}`);
    expect(r.contracten).toEqual([]);
    expect(r.fouten.map((f) => f.regel)).toEqual([6, 7, 8, 8, 9, 10]);
    expect(r.fouten.find((f) => f.regel === 10)?.melding).toMatch(/taakgericht/);
  });

  it('finds overlapping tarief periods and a bestedingsruimte without article 1.5', () => {
    const { fouten } = valideerContract({
      kenmerk: 'K',
      domein: 'jeugd',
      gemeente: 'R01',
      gemeenten: ['0363', '0384'],
      aanbieder: { agb: '12345678' },
      uitvoeringsvariant: 'outputgericht',
      looptijd: { van: '2026-01-01' },
      producten: [
        { productCode: '45A01', eenheid: '14', tariefCenten: 100, geldigVan: '2026-01-01' },
        { productCode: '45A01', eenheid: '14', tariefCenten: 110, geldigVan: '2026-07-01' },
      ],
      bestedingsruimtes: [{ van: '2026-01-01', tot: '2026-12-31', budgetCenten: 1000 }],
    });
    expect(fouten).toEqual(['product 45A01: validity periods overlap (2026-01-01 and 2026-07-01)', 'a bestedingsruimte needs optional article 1.5 in artikelen']);
  });

  it('reads wachttijd norms (one line per product group) and the art. 1.6 norm of a contract', () => {
    const csv = [
      'contract,WMO-6,wmo,0363,,12345678,,inspanningsgericht,2026-01-01,,,,1.5|1.6',
      'wachttijdnorm,WMO-6,dagbesteding,4',
      'wachttijdnorm,WMO-6,wonen,10',
      'inzetnorm,WMO-6,omzet,10000000,2025-12-01,nee,ja,"8,1"',
      'contract,WMO-7,wmo,0363,,12345679,,inspanningsgericht,2026-01-01,,,,1.6',
      'inzetnorm,WMO-7,clienten,25,2025-12-01,,,',
      'looptijdmotivatie,WMO-7,"Open house, zie inkoopdocument §2.3"',
    ].join('\n');
    const r = leesContractCsv(csv);
    expect(r.fouten).toEqual([]);
    const [a, b] = r.contracten.map((c) => c.contract);
    expect(a.wachttijdNormen).toEqual({ dagbesteding: 4, wonen: 10 });
    expect(a.inzetNorm).toEqual({ soort: 'omzet', waarde: 10000000, gepubliceerdOp: '2025-12-01', vrijstelling: { schaars: false, uniek: true }, ktoScore: 8.1 });
    expect(b.wachttijdNormen).toBeNull();
    expect(b.inzetNorm).toEqual({ soort: 'clienten', waarde: 25, gepubliceerdOp: '2025-12-01', vrijstelling: { schaars: false, uniek: false }, ktoScore: null });
    expect([a.looptijdMotivatie, b.looptijdMotivatie]).toEqual([null, 'Open house, zie inkoopdocument §2.3']);
    // The same contract through JSON is the same contract.
    expect(valideerContract({ ...a, producten: [], bestedingsruimtes: [] }).contract).toMatchObject({ wachttijdNormen: a.wachttijdNormen, inzetNorm: a.inzetNorm });
  });

  it('names the line of a bad, repeated or misplaced norm', () => {
    const csv = [
      'contract,WMO-8,wmo,0363,,12345678,,inspanningsgericht,2026-01-01,,,,1.5',
      'wachttijdnorm,WMO-8,dagbesteding,0',
      'wachttijdnorm,WMO-8,Wonen,10',
      'wachttijdnorm,WMO-8,wonen,10',
      'wachttijdnorm,WMO-8,wonen,12',
      'inzetnorm,WMO-8,omzet,100,2025-12-01,misschien,,11',
      'inzetnorm,WMO-8,omzet,100,2025-12-01,,,',
      'looptijdmotivatie,WMO-8,',
    ].join('\n');
    const { fouten, contracten } = leesContractCsv(csv);
    expect(contracten).toEqual([]);
    expect(fouten).toEqual([
      { regel: 2, melding: 'wachttijdNormen.dagbesteding must be a whole number of weeks from 1 to 104' },
      { regel: 3, melding: "wachttijdNormen: productgroep 'Wonen' must be lowercase letters, digits and - (starting with a letter, at most 40)" },
      { regel: 5, melding: 'contract WMO-8 has a wachttijdnorm for wonen already' },
      { regel: 6, melding: 'inzetNorm.vrijstelling.schaars must be true or false' },
      { regel: 6, melding: 'inzetNorm.ktoScore must be a number from 0 to 10 with at most one decimal' },
      { regel: 7, melding: 'an inzetnorm needs optional article 1.6 in the artikelen of contract WMO-8' },
      { regel: 8, melding: 'looptijdMotivatie must not be empty' },
    ]);
  });
});
