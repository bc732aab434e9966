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

const DAGTEKENING = '/Bericht/Header/BerichtIdentificatie/Dagtekening';

/** Replaces the element text `oud` that follows the opening tag `<prefix:local>` (exactly once). */
function zet(xml: string, local: string, oud: string, nieuw: string): string {
  return vervang(xml, new RegExp(`(<\\w+:${local}>)${oud}<`), `$1${nieuw}<`);
}
/** Sets the Header's Dagtekening (the first Dagtekening in every bericht). */
function dagtekening(xml: string, nieuw: string): string {
  return xml.replace(/(<\w+:BerichtIdentificatie>\s*<\w+:Identificatie>[^<]*<\/\w+:Identificatie>\s*<\w+:Dagtekening>)[^<]*</, `$1${nieuw}<`);
}

describe('TR134 dates not after the Dagtekening', () => {
  const el = (local: string, oud: string) => (xml: string, datum: string) => zet(xml, local, oud, datum);
  const eersteStopEinde = (xml: string, datum: string) =>
    vervang(xml, /(Begindatum>2025-04-03<[\s\S]*?:Einddatum>)2025-07-18</, `$1${datum}<`);
  const CASES = [
    { bericht: 'WMO305', edit: el('Begindatum', '2025-04-03'), na: '2025-04-06', op: '2025-04-05', pad: '/Bericht/Client/StartProducten/StartProduct[1]/Begindatum' },
    { bericht: 'JW305', edit: el('Begindatum', '2026-04-03'), na: '2026-04-16', op: '2026-04-15', pad: '/Bericht/Client/StartProducten/StartProduct[1]/Begindatum' },
    { bericht: 'WMO305', edit: el('Datum', '1967-08-13'), na: '2025-04-06', op: '2025-04-05', pad: '/Bericht/Client/Geboortedatum/Datum' },
    { bericht: 'WMO307', edit: eersteStopEinde, na: '2025-07-22', op: '2025-07-21', pad: '/Bericht/Client/StopProducten/StopProduct[1]/Einddatum' },
    { bericht: 'JW307', edit: el('Datum', '2010-02-14'), na: '2026-07-21', op: '2026-07-20', pad: '/Bericht/Client/Geboortedatum/Datum' },
    { bericht: 'WMO301', edit: el('Datum', '1967-01-13'), na: '2023-08-14', op: '2023-08-13', pad: '/Bericht/Client/Relaties/Relatie[1]/Geboortedatum/Datum' },
    { bericht: 'JW301', edit: el('Datum', '1971-04-07'), na: '2026-04-02', op: '2026-04-01', pad: '/Bericht/Client/Relaties/Relatie[1]/Geboortedatum/Datum' },
    { bericht: 'WMO315', edit: el('Datum', '1972-07-16'), na: '2023-07-16', op: '2023-07-15', pad: '/Bericht/Client/Geboortedatum/Datum' },
  ];

  for (const c of CASES) {
    const wat = c.pad.split('/').slice(-2).join('/');
    it(`TR134 ${c.bericht}: ${wat} the day after the Dagtekening`, async () => {
      const f = await bevindingen(c.edit(voorbeeld(c.bericht), c.na));
      expect(f.map((x) => x.code)).toEqual(['TR134']);
      expect(f[0].locatie).toEqual([DAGTEKENING, c.pad]);
    });

    it(`TR134 ${c.bericht}: ${wat} on the Dagtekening is fine`, async () => {
      expect(await codes(c.edit(voorbeeld(c.bericht), c.op))).toEqual([]);
    });
  }

  it('TR134 WMO301: a Toewijzingsdatum after the Dagtekening', async () => {
    const f = await bevindingen(zet(voorbeeld('WMO301'), 'Toewijzingsdatum', '2023-08-13', '2023-08-14'));
    expect(f.map((x) => x.locatie)).toEqual([[DAGTEKENING, '/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Toewijzingsdatum']]);
  });

  for (const [bericht, perioden] of [['WMO323', 5], ['JW323', 5], ['WMO325', 3], ['JW325', 3]] as const) {
    const vorigeMaand = bericht.startsWith('WMO') || bericht === 'JW325' ? '2023-03-31' : '2026-03-31';
    const maandEinde = bericht.startsWith('WMO') || bericht === 'JW325' ? '2023-04-30' : '2026-04-30';
    const basis = () => (bericht === 'JW323' ? zonderDubbeleRN004(voorbeeld(bericht)) : voorbeeld(bericht));

    it(`TR134 ${bericht}: period begin dates after the Dagtekening (with TR137 on their end dates)`, async () => {
      const f = await bevindingen(dagtekening(basis(), vorigeMaand));
      const tr134 = f.filter((x) => x.code === 'TR134');
      expect(f.map((x) => x.code).sort()).toEqual([...Array(perioden).fill('TR134'), ...Array(perioden).fill('TR137')]);
      expect(tr134[0].locatie[0]).toBe(DAGTEKENING);
      expect(tr134.map((x) => x.locatie[1])).toContainEqual(expect.stringMatching(bericht.endsWith('323') ? /DeclaratiePeriode\/Begindatum$/ : /ProductPeriode\/Begindatum$/));
    });

    it(`TR134 ${bericht}: a Dagtekening on the last day of the period is fine`, async () => {
      expect(await codes(dagtekening(basis(), maandEinde))).toEqual([]);
    });
  }
});

/** The official JW323 example repeats RN004 in one client (TR101); renumber the last one. */
function zonderDubbeleRN004(xml: string): string {
  const i = xml.lastIndexOf('RN004');
  return xml.slice(0, i) + 'RN005' + xml.slice(i + 5);
}
