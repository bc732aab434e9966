import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valideer, voorbeeld, xsdDir } from '../../test/support/istandaarden';

/**
 * Three published examples break a rule of the official rule XSLT, and the official validation
 * rejects them; so do we (checks compare our verdict with the official one):
 * - WMO317: NieuwProduct GewensteIngangsdatum 2023-04-02 equals the Dagtekening; TR380 demands later.
 * - JW317: TeWijzigenProduct Einddatum 2024-02-28 lies before its GewensteIngangsdatum 2026-11-01 (CS003).
 * - JW323: ReferentieNummer RN004 appears twice for one client, a duplicate line (TR101).
 * Every other example is valid.
 */
const BEKENDE_AFWIJKINGEN: Record<string, string[]> = { WMO317: ['TR380'], JW317: ['CS003'], JW323: ['TR101'] };

describe('official example berichten', () => {
  for (const standaard of ['iwmo-3.2', 'ijw-3.2']) {
    const files = readdirSync(join(xsdDir(), standaard, 'voorbeelden')).filter((f) => f.endsWith('.xml'));
    it(`${standaard} has examples to check`, () => expect(files.length).toBeGreaterThan(5));
    for (const f of files) {
      const naam = f.replace(/\.xml$/, '');
      const verwacht = BEKENDE_AFWIJKINGEN[naam] ?? [];
      it(`${standaard}/${f} is schema-valid and ${verwacht.length === 0 ? 'valid' : `breaks ${verwacht.join(', ')}`}`, async () => {
        const v = await valideer(voorbeeld(naam));
        expect(v.bericht).toBe(naam);
        expect(v.xsd).toEqual([]);
        expect(v.regels.map((r) => r.code)).toEqual(verwacht);
        expect(v.valid).toBe(verwacht.length === 0);
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
