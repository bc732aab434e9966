import { describe, expect, it } from 'vitest';
import { testSchemas, valideer, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';
import { buildDeclaratieAntwoord, type DeclaratieOordeel } from './declaratie-antwoord';

async function antwoord(naam: 'WMO323' | 'JW323', oordeel: (prestaties: XmlElement[], clienten: XmlElement[]) => DeclaratieOordeel) {
  // The published JW323 repeats RN004 for one client (TR101); answer a corrected copy.
  const xml = naam === 'JW323' ? voorbeeld(naam).replace(/RN004(?![\s\S]*RN004)/, 'RN005') : voorbeeld(naam);
  const d = await valideer(xml);
  if (!d.root || !d.definitie) throw new Error('example invalid');
  const clienten = d.root.at('Declaratie', 'Clienten')?.children ?? [];
  const prestaties = clienten.flatMap((c) => c.child('Prestaties')?.children ?? []);
  const schemas = await testSchemas();
  const a = buildDeclaratieAntwoord(d.root, d.definitie, oordeel(prestaties, clienten), {
    identificatie: 'DA-1',
    dagtekening: d.root.textAt('Header', 'BerichtIdentificatie', 'Dagtekening') as string,
    gemeente: d.root.textAt('Header', 'Ontvanger') as string,
    xsdVersie: schemas.xsdVersie(berichtDefinitie(naam.replace('323', '325')) as never),
  });
  return { ...a, verdict: await valideer(a.xml) };
}

describe('buildDeclaratieAntwoord', () => {
  for (const naam of ['WMO323', 'JW323'] as const) {
    it(`${naam}: fully approved gives 8001, Toegekend = Ingediend and no Clienten; schema- and rule-valid`, async () => {
      const a = await antwoord(naam, () => ({ soort: 'prestaties', afgewezen: new Map() }));
      expect(a.verdict).toMatchObject({ valid: true, xsd: [], regels: [] });
      expect(a.totaalToegekendCenten).toBe(a.totaalIngediendCenten);
      expect(a.xml).toMatch(/<\w+:RetourCode>8001<\/\w+:RetourCode>\s*<\/\w+:RetourCodes>\s*<\/\w+:DeclaratieAntwoord>/);
      expect(a.xml).not.toContain(':Clienten>');
    });

    it(`${naam}: partial approval returns only the rejected prestaties and keeps TR342`, async () => {
      const a = await antwoord(naam, (ps) => ({ soort: 'prestaties', afgewezen: new Map([[ps[1], ['0611']]]) }));
      expect(a.verdict).toMatchObject({ valid: true, xsd: [], regels: [] });
      expect(a.afgewezenPrestaties).toBe(1);
      expect(a.xml.match(/:Prestatie>/g)).toHaveLength(2);
      expect(a.xml).toContain('>0611<');
    });

    it(`${naam}: a level-2 answer is the Header only with 0001`, async () => {
      const a = await antwoord(naam, () => ({ soort: 'header', retourCodes: ['0001'] }));
      expect(a.verdict.valid).toBe(true);
      expect(a.xml).not.toContain('DeclaratieAntwoord>');
      expect(a.xml).toContain('>0001<');
    });

    it(`${naam}: a Declaratie-level rejection (9333) approves nothing and returns no prestaties`, async () => {
      const a = await antwoord(naam, () => ({ soort: 'declaratie', retourCodes: ['9333'] }));
      expect(a.verdict).toMatchObject({ valid: true, xsd: [], regels: [] });
      expect(a.totaalToegekendCenten).toBe(0);
      expect(a.xml).not.toContain(':Clienten>');
      expect(a.xml).toMatch(/TotaalToegekendBedrag>\s*<\w+:TotaalBedrag>0<\/\w+:TotaalBedrag>\s*<\w+:DebetCredit>D</);
    });

    it(`${naam}: a Client-level code (8187) returns all its prestaties with 0233`, async () => {
      const a = await antwoord(naam, (_ps, cs) => ({ soort: 'prestaties', afgewezen: new Map(), clientCodes: new Map([[cs[0], ['8187']]]) }));
      expect(a.verdict).toMatchObject({ valid: true, xsd: [], regels: [] });
      expect(a.xml).toContain('>8187<');
      expect(a.xml).toContain('>0233<');
    });
  }

  it('scenario 6 of the domain brief: 58000 D ingediend, two 24000 prestaties rejected → 10000 D toegekend', async () => {
    const a = await antwoord('WMO323', (ps) => ({ soort: 'prestaties', afgewezen: new Map([[ps[1], ['0611']], [ps[3], ['0611']]]) }));
    expect(a.totaalIngediendCenten).toBe(58000);
    expect(a.totaalToegekendCenten).toBe(10000);
    expect(a.verdict.regels).toEqual([]);
  });
});
