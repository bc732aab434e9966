import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valideer, voorbeeld, xsdDir } from '../../test/support/istandaarden';

describe('official example berichten', () => {
  for (const standaard of ['iwmo-3.2', 'ijw-3.2']) {
    const files = readdirSync(join(xsdDir(), standaard, 'voorbeelden')).filter((f) => f.endsWith('.xml'));
    it(`${standaard} has examples to check`, () => expect(files.length).toBeGreaterThan(5));
    for (const f of files) {
      it(`${standaard}/${f} is valid`, async () => {
        const v = await valideer(voorbeeld(f.replace(/\.xml$/, '')));
        expect(v.bericht).toBe(f.replace(/\.xml$/, ''));
        expect(v.xsd).toEqual([]);
        expect(v.regels).toEqual([]);
        expect(v.valid).toBe(true);
      });
    }
  }

  it('JW315 with date 2027-06-31 is invalid at XSD level with its line', async () => {
    const v = await valideer(voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig'));
    expect(v.bericht).toBe('JW315');
    expect(v.valid).toBe(false);
    expect(v.xsd.length).toBeGreaterThan(0);
    expect(v.xsd[0].line).toBeGreaterThan(1);
    expect(v.xsd[0].message).toMatch(/Ingangsdatum|Datum|date/i);
    expect(v.xsd[0].message).not.toContain('2027-06-31');
  });

  it('JW318 with a RetourCode outside RetourCodes is invalid at XSD level', async () => {
    const v = await valideer(voorbeeld('JW318-retourcode-buiten-retourcodes', 'voorbeelden-ongeldig'));
    expect(v.bericht).toBe('JW318');
    expect(v.valid).toBe(false);
    expect(v.xsd.some((f) => /RetourCode/.test(f.message))).toBe(true);
  });
});
