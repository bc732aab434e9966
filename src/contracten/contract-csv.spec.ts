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
});
