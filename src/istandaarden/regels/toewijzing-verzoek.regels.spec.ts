import { describe, expect, it } from 'vitest';
import { regelCodes, voorbeeld } from '../../../test/support/istandaarden';
import { appendChild, XmlElement } from '../xml/element';
import { ALLE_REGELS } from './registry';
import { TOEWIJZING_VERZOEK_REGELS } from './toewijzing-verzoek.regels';
import { zelfdeProductParen } from './tv-basis';

/* The rule set as a whole; the rules themselves are tested in tv-*.spec.ts. */

const IJW_ALLEEN = new Set(['TR377', 'TR409']);

describe('toewijzing/verzoek rule set', () => {
  for (const regel of TOEWIJZING_VERZOEK_REGELS) {
    it(`${regel.code}: registered once, on toewijzing/verzoek berichten only`, () => {
      expect(ALLE_REGELS.filter((r) => r === regel)).toHaveLength(1);
      expect(TOEWIJZING_VERZOEK_REGELS.filter((r) => r.code === regel.code)).toHaveLength(1);
      expect(regel.berichten).not.toBe('alle');
      for (const nr of regel.berichten as readonly string[]) expect(['301', '315', '317', '319']).toContain(nr);
      expect(regel.standaarden).toEqual(IJW_ALLEEN.has(regel.code) ? ['ijw'] : undefined);
    });
  }
});

describe('official examples', () => {
  const schoon = ['WMO301', 'JW301', 'WMO315', 'WMO319', 'JW319'];
  for (const naam of schoon) {
    it(`CS003 ${naam}: the official example breaks none of these rules`, async () => {
      expect(await regelCodes(voorbeeld(naam))).toEqual([]);
    });
  }
  it('CS003 JW315: the published example, with 2027-06-31 corrected, is clean', async () => {
    const xml = voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig').replaceAll('2027-06-31', '2027-06-30');
    expect(await regelCodes(xml)).toEqual([]);
  });
  // why: the rule XSLT rejects these two published examples; they are valid at XSD level only.
  it('TR380 WMO317: the official example has a GewensteIngangsdatum equal to its Dagtekening', async () => {
    expect(await regelCodes(voorbeeld('WMO317'))).toEqual(['TR380']);
  });
  it('CS003 JW317: the official example ends its NieuwProduct before its GewensteIngangsdatum', async () => {
    expect(await regelCodes(voorbeeld('JW317'))).toEqual(['CS003']);
  });
});

describe('linear pairing', () => {
  function product(categorie: string, code: string | undefined, offset: number): XmlElement {
    const p = new XmlElement('NieuwProduct', '', null, offset);
    const product = new XmlElement('Product', '', p, offset + 1);
    appendChild(p, product);
    const cat = new XmlElement('Categorie', '', product, offset + 2);
    cat.text = categorie;
    appendChild(product, cat);
    if (code !== undefined) {
      const c = new XmlElement('Code', '', product, offset + 3);
      c.text = code;
      appendChild(product, c);
    }
    return p;
  }

  it('TR410 pairing: 20000 distinct products visit no pair', () => {
    const producten = Array.from({ length: 20_000 }, (_, i) => product(String(i % 40), `C${i}`, i * 10));
    let paren = 0;
    zelfdeProductParen(producten, () => paren++);
    expect(paren).toBe(0);
  });

  it('TR410 pairing: only candidates of the same Categorie with equal or missing Code, earlier ones in order', () => {
    const ps = [product('01', 'A', 0), product('01', 'B', 10), product('02', 'A', 20), product('01', undefined, 30), product('01', 'A', 40)];
    const paren: Array<[number, number]> = [];
    zelfdeProductParen(ps, (later, eerder) => paren.push([ps.indexOf(later), ps.indexOf(eerder)]));
    expect(paren).toEqual([
      [3, 0],
      [3, 1],
      [4, 0],
      [4, 3],
    ]);
  });
});
