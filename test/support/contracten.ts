/** A contract for the tests: one aanbieder, product 02A01 with an indexering on 1 July, a bestedingsruimte of € 100.000. */
export function testContract(kenmerk: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kenmerk,
    domein: 'wmo',
    gemeente: '0363',
    aanbieder: { agb: '12345678', naam: 'Zorgaanbieder BV' },
    uitvoeringsvariant: 'inspanningsgericht',
    looptijd: { van: '2026-01-01', tot: '2027-12-31' },
    verlengopties: [{ maanden: 12 }],
    besluitdatum: '2025-11-01',
    artikelen: ['1.5'],
    producten: [
      { productCode: '02A01', eenheid: '14', tariefCenten: 5000, geldigVan: '2026-01-01', geldigTot: '2026-06-30' },
      { productCode: '02A01', eenheid: '14', tariefCenten: 5150, geldigVan: '2026-07-01', geldigTot: null },
    ],
    bestedingsruimtes: [{ van: '2026-01-01', tot: '2026-12-31', budgetCenten: 10_000_000, versie: 1 }],
    ...over,
  };
}
