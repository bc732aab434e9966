import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { DECLARATIE_REGIE_REGELS } from './declaratie-regie.regels';
import { runRegels } from './engine';
import { GENERIEKE_REGELS } from './generiek.regels';

/** Findings of the generic rules and ours (other teams' rules left out) on a schema-valid fixture. */
async function bevindingen(xml: string) {
  const v = await valideer(xml);
  if (v.xsd.length > 0 || !v.root || !v.definitie) throw new Error(`fixture is not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return runRegels(v.root, v.definitie, [...GENERIEKE_REGELS, ...DECLARATIE_REGIE_REGELS]);
}
const codes = async (xml: string) => (await bevindingen(xml)).map((f) => f.code).sort();

const STANDAARDEN = [
  { naam: 'iWmo', start: 'WMO305', stop: 'WMO307', begin: '2025-04-03' },
  { naam: 'iJw', start: 'JW305', stop: 'JW307', begin: '2026-04-03' },
] as const;

/** Sets the StatusAanlevering of the first StartProduct/StopProduct (the one starting on `begin`). */
function status(xml: string, begin: string, waarde: string): string {
  return vervang(xml, new RegExp(`(Begindatum>${begin}</[\\s\\S]*?:StatusAanlevering>)1<`), `$1${waarde}<`);
}

describe('CS058 StatusAanlevering is 1 or 3', () => {
  for (const s of STANDAARDEN) {
    for (const bericht of [s.start, s.stop]) {
      it(`CS058 ${bericht}: status 2 is rejected`, async () => {
        const f = await bevindingen(status(voorbeeld(bericht), s.begin, '2'));
        expect(f.map((x) => x.code)).toEqual(['CS058']);
        expect(f[0].locatie).toEqual([expect.stringMatching(/^\/Bericht\/Client\/St(art|op)Producten\/St(art|op)Product\[1\]\/StatusAanlevering$/)]);
      });

      it(`CS058 ${bericht}: status 3 (verwijderen) is accepted`, async () => {
        expect(await codes(status(voorbeeld(bericht), s.begin, '3'))).toEqual([]);
      });
    }
  }
});

describe('TR018 StopProduct Einddatum not before Begindatum', () => {
  const STOPS = [
    { bericht: 'WMO307', begin: '2025-04-03', eind: '2025-07-18' },
    { bericht: 'JW307', begin: '2026-04-03', eind: '2026-07-17' },
  ];
  const eind = (xml: string, s: (typeof STOPS)[number], nieuw: string) =>
    vervang(xml, new RegExp(`(Begindatum>${s.begin}</[\\s\\S]*?:Einddatum>)${s.eind}<`), `$1${nieuw}<`);

  for (const s of STOPS) {
    it(`TR018 ${s.bericht}: Einddatum the day before Begindatum`, async () => {
      const f = await bevindingen(eind(voorbeeld(s.bericht), s, s.begin.replace(/03$/, '02')));
      expect(f.map((x) => x.code)).toEqual(['TR018']);
      expect(f[0].locatie).toEqual(['/Bericht/Client/StopProducten/StopProduct[1]/Begindatum', '/Bericht/Client/StopProducten/StopProduct[1]/Einddatum']);
    });

    it(`TR018 ${s.bericht}: Einddatum equal to Begindatum is fine`, async () => {
      expect(await codes(eind(voorbeeld(s.bericht), s, s.begin))).toEqual([]);
    });
  }
});
