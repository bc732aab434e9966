import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { berichtDefinitie } from '../catalogus';
import { scanXml } from '../xml/scanner';
import { DECLARATIE_REGIE_REGELS } from './declaratie-regie.regels';
import { runRegels } from './engine';
import { GENERIEKE_REGELS } from './generiek.regels';
import { elfproef } from './waarden';

const REGELS = [...GENERIEKE_REGELS, ...DECLARATIE_REGIE_REGELS];

/** Findings of the generic rules and ours (other teams' rules left out) on a schema-valid fixture. */
async function bevindingen(xml: string) {
  const v = await valideer(xml);
  if (v.xsd.length > 0 || !v.root || !v.definitie) throw new Error(`fixture is not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return runRegels(v.root, v.definitie, REGELS);
}
const codes = async (xml: string) => (await bevindingen(xml)).map((f) => f.code).sort();

/** Test BSNs (999900006 and up) that pass the 11-proef. */
function testBsns(aantal: number): string[] {
  const uit: string[] = [];
  for (let n = 999900006; uit.length < aantal; n++) if (elfproef(String(n))) uit.push(String(n));
  return uit;
}

interface P {
  rn: string;
  vrn?: string;
  dc?: 'D' | 'C';
  bedrag?: number;
  toewijzing?: number;
  eenheid83?: boolean;
}

type Std = 'WMO' | 'JW';

/**
 * A declaratie from the official example's Header and Declaratie fields, with these clients and
 * prestaties (all in the declaratie month) and a matching TotaalIngediendBedrag.
 */
function declaratie(std: Std, clienten: readonly (readonly P[])[]): string {
  const m = std === 'WMO' ? 'wmo323' : 'jw323';
  const b = std === 'WMO' ? 'iwmo' : 'ijw';
  const maand = std === 'WMO' ? '2023-04' : '2026-04';
  const cat = std === 'WMO' ? '01' : '45';
  const bsns = testBsns(clienten.length);
  let saldo = 0;
  const body: string[] = [];
  clienten.forEach((prestaties, i) => {
    body.push(`<${m}:Client><${m}:Bsn>${bsns[i]}</${m}:Bsn><${m}:Prestaties>`);
    prestaties.forEach((p, j) => {
      const bedrag = p.bedrag ?? 1000;
      const dc = p.dc ?? (p.vrn ? 'C' : 'D');
      saldo += dc === 'D' ? bedrag : -bedrag;
      const vrn = p.vrn === undefined ? '' : `<${b}:VorigReferentieNummer>${p.vrn}</${b}:VorigReferentieNummer>`;
      const volume = p.eenheid83 ? `${bedrag}</${m}:GeleverdVolume><${m}:Eenheid>83</${m}:Eenheid>` : `1</${m}:GeleverdVolume><${m}:Eenheid>04</${m}:Eenheid><${m}:ProductTarief>${bedrag}</${m}:ProductTarief>`;
      body.push(
        `<${m}:Prestatie><${m}:ProductReferentie><${b}:ReferentieNummer>${p.rn}</${b}:ReferentieNummer>${vrn}</${m}:ProductReferentie>` +
          `<${m}:ToewijzingNummer>${p.toewijzing ?? 100000 + i * 1000 + j}</${m}:ToewijzingNummer><${m}:ProductCategorie>${cat}</${m}:ProductCategorie>` +
          `<${m}:ProductCode>${cat}A03</${m}:ProductCode><${m}:ProductPeriode><${b}:Begindatum>${maand}-01</${b}:Begindatum><${b}:Einddatum>${maand}-30</${b}:Einddatum></${m}:ProductPeriode>` +
          `<${m}:GeleverdVolume>${volume}<${m}:IngediendBedrag><${b}:Bedrag>${bedrag}</${b}:Bedrag><${b}:DebetCredit>${dc}</${b}:DebetCredit></${m}:IngediendBedrag></${m}:Prestatie>`,
      );
    });
    body.push(`</${m}:Prestaties></${m}:Client>`);
  });
  const xml = vervang(voorbeeld(`${std}323`), /<(\w+):Clienten>[\s\S]*<\/\1:Clienten>/, `<${m}:Clienten>${body.join('')}</${m}:Clienten>`);
  return vervang(xml, /(<\w+:TotaalBedrag>)\d+(<\/\w+:TotaalBedrag>\s*<\w+:DebetCredit>)D</, `$1${Math.abs(saldo)}$2${saldo < 0 ? 'C' : 'D'}<`);
}

/** Location of a prestatie; 0 for a Client or Prestatie without siblings of its name. */
const prestatiePad = (client: number, prestatie: number, veld = '') =>
  `/Bericht/Declaratie/Clienten/Client${client ? `[${client}]` : ''}/Prestaties/Prestatie${prestatie ? `[${prestatie}]` : ''}${veld}`;
const VRN = '/ProductReferentie/VorigReferentieNummer';
const RN = '/ProductReferentie/ReferentieNummer';

describe('TR315 VorigReferentieNummer unique in the bericht', () => {
  for (const std of ['WMO', 'JW'] as const) {
    it(`TR315 ${std}323: two credits of the same debit, in different clients`, async () => {
      const f = await bevindingen(declaratie(std, [[{ rn: 'A1' }, { rn: 'C1', vrn: 'X1' }], [{ rn: 'A2' }, { rn: 'C2', vrn: 'X1' }]]));
      expect(f.map((x) => x.code)).toEqual(['TR315']);
      expect(f[0].locatie).toEqual([prestatiePad(1, 2, VRN), prestatiePad(2, 2, VRN)]);
    });

    it(`TR315 ${std}323: credits of different debits are fine`, async () => {
      expect(await codes(declaratie(std, [[{ rn: 'A1' }, { rn: 'C1', vrn: 'X1' }], [{ rn: 'A2' }, { rn: 'C2', vrn: 'X2' }]]))).toEqual([]);
    });
  }

  it('TR315 WMO323: three credits of one debit give a finding per pair', async () => {
    expect(await codes(declaratie('WMO', [[{ rn: 'C1', vrn: 'X' }, { rn: 'C2', vrn: 'X' }, { rn: 'C3', vrn: 'X' }]]))).toEqual(['TR315', 'TR315', 'TR315']);
  });
});

describe('TR316 a debit is not credited in the same bericht', () => {
  for (const std of ['WMO', 'JW'] as const) {
    it(`TR316 ${std}323: a debit followed by its credit`, async () => {
      const f = await bevindingen(declaratie(std, [[{ rn: 'A1' }], [{ rn: 'C1', vrn: 'A1' }]]));
      expect(f.map((x) => x.code)).toEqual(['TR316']);
      expect(f[0].locatie).toEqual([prestatiePad(1, 0, RN), prestatiePad(2, 0, VRN)]);
    });

    it(`TR316 ${std}323: a credit followed by the debit it refers to`, async () => {
      const f = await bevindingen(declaratie(std, [[{ rn: 'C1', vrn: 'A1' }, { rn: 'A1' }]]));
      expect(f.map((x) => x.locatie)).toEqual([[prestatiePad(0, 1, VRN), prestatiePad(0, 2, RN)]]);
    });

    it(`TR316 ${std}323: a credit of a debit from an earlier bericht is fine`, async () => {
      expect(await codes(declaratie(std, [[{ rn: 'A1' }], [{ rn: 'C1', vrn: 'A0' }]]))).toEqual([]);
    });
  }

  it('TR316 WMO323: a credit referring to itself', async () => {
    const f = await bevindingen(declaratie('WMO', [[{ rn: 'A1', vrn: 'A1' }]]));
    expect(f.map((x) => x.locatie)).toEqual([[prestatiePad(0, 0, RN), prestatiePad(0, 0, VRN)]]);
  });

  it('TR316 WMO323: the later value is normalized, the earlier one compared raw (as in the XSLT)', async () => {
    expect(await codes(declaratie('WMO', [[{ rn: 'A1' }, { rn: 'C1', vrn: ' A1 ' }]]))).toEqual(['TR316']);
    expect(await codes(declaratie('WMO', [[{ rn: 'A1 ' }, { rn: 'C1', vrn: 'A1' }]]))).toEqual([]);
  });

  it('TR316 WMO323: a blank ReferentieNummer without VorigReferentieNummer counts as referring to itself', async () => {
    expect(await codes(declaratie('WMO', [[{ rn: ' ' }]]))).toEqual(['TR316']);
  });
});

describe('TR416 no second debit for the same product and period within a client', () => {
  for (const std of ['WMO', 'JW'] as const) {
    it(`TR416 ${std}323: two debits with the same ToewijzingNummer, product and ProductPeriode`, async () => {
      const f = await bevindingen(declaratie(std, [[{ rn: 'A1', toewijzing: 7 }, { rn: 'A2', toewijzing: 7 }]]));
      expect(f.map((x) => x.code)).toEqual(['TR416']);
      expect(f[0].locatie).toEqual([prestatiePad(0, 1), prestatiePad(0, 2)]);
    });

    it(`TR416 ${std}323: the same debit in two clients is not compared`, async () => {
      expect(await codes(declaratie(std, [[{ rn: 'A1', toewijzing: 7 }], [{ rn: 'A2', toewijzing: 7 }]]))).toEqual([]);
    });

    it(`TR416 ${std}323: a credit and a new debit for the same product and period are fine`, async () => {
      expect(await codes(declaratie(std, [[{ rn: 'C1', vrn: 'A0', toewijzing: 7 }, { rn: 'A1', toewijzing: 7 }]]))).toEqual([]);
    });
  }

  it('TR416 WMO323: three equal debits give a finding per pair', async () => {
    const p = (rn: string): P => ({ rn, toewijzing: 7 });
    expect(await codes(declaratie('WMO', [[p('A1'), p('A2'), p('A3')]]))).toEqual(['TR416', 'TR416', 'TR416']);
  });
});

describe('rules stay linear on a large declaratie', () => {
  it('TR101, TR315, TR316, TR358, TR416 and the others report nothing on a 323 with 20,000 prestaties', async () => {
    const p = (i: number): P => (i % 10 === 9 ? { rn: `R${i}`, vrn: `V${i}`, bedrag: 700 } : i % 10 === 5 ? { rn: `R${i}`, eenheid83: true, bedrag: 450 } : { rn: `R${i}`, bedrag: 1234 });
    // one client with 10,000 prestaties (sibling rules), 1,000 clients with 10 each (bericht-wide rules)
    const clienten: P[][] = [Array.from({ length: 10_000 }, (_, i) => p(i))];
    for (let c = 0; c < 1000; c++) clienten.push(Array.from({ length: 10 }, (_, i) => p(10_000 + c * 10 + i)));
    const groot = declaratie('WMO', clienten);
    // the same generator, small enough for a cheap schema check
    expect(await codes(declaratie('WMO', [clienten[0].slice(0, 20), clienten[1]]))).toEqual([]);
    const root = scanXml(groot).root;
    expect(root.at('Declaratie', 'Clienten')?.children).toHaveLength(1001);
    expect(runRegels(root, berichtDefinitie('WMO323')!, REGELS)).toEqual([]);
  });
});
