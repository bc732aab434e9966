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

/*
 * WMO325: ingediend 58000 D, toegekend 24000 D, returned debits 5000 + 24000 + 5000 = 34000.
 * JW325: ingediend 58000 C, toegekend 34000 C, returned credits 5000 + 14000 + 5000 = 24000.
 */
function toegekend(xml: string, bedrag: string, dc?: string): string {
  return vervang(xml, /(TotaalToegekendBedrag>\s*<\w+:TotaalBedrag>)\d+(<\/\w+:TotaalBedrag>\s*<\w+:DebetCredit>)([DC])</, `$1${bedrag}$2${dc ?? '$3'}<`);
}
/** Sets the RetourCode of the DeclaratieAntwoord itself (its last RetourCodes). */
function antwoordCode(xml: string, code: string): string {
  return vervang(xml, /(<(\w+):RetourCode>)0200(<\/\2:RetourCode>\s*<\/\2:RetourCodes>\s*<\/\2:DeclaratieAntwoord>)/, `$1${code}$3`);
}

const TOTALEN = ['/Bericht/DeclaratieAntwoord/TotaalIngediendBedrag', '/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag'];

describe('TR342 returned prestaties account for the difference between ingediend and toegekend', () => {
  for (const [bericht, goed, fout] of [['WMO325', '24000', '24001'], ['JW325', '34000', '33999']] as const) {
    it(`TR342 ${bericht}: the official example adds up`, async () => {
      expect(await codes(toegekend(voorbeeld(bericht), goed))).toEqual([]);
    });

    it(`TR342 ${bericht}: a toegekend total one cent off`, async () => {
      const f = await bevindingen(toegekend(voorbeeld(bericht), fout));
      expect(f.map((x) => x.code)).toEqual(['TR342']);
      expect(f[0].locatie).toEqual(TOTALEN);
    });

    it(`TR342 ${bericht}: with another code on the DeclaratieAntwoord the toegekend total must be 0`, async () => {
      const f = await bevindingen(antwoordCode(voorbeeld(bericht), '9333'));
      expect(f.map((x) => x.code)).toEqual(['TR342']);
      expect(f[0].locatie).toEqual([TOTALEN[1]]);
    });

    it(`TR342 ${bericht}: with another code and a toegekend total of 0 D it is fine`, async () => {
      expect(await codes(toegekend(antwoordCode(voorbeeld(bericht), '9333'), '0', 'D'))).toEqual([]);
    });
  }

  it('TR342 WMO325: 8001 counts as approval, so the sum is checked', async () => {
    expect(await codes(toegekend(antwoordCode(voorbeeld('WMO325'), '8001'), '24001'))).toEqual(['TR342']);
  });

  it('TR342 WMO325: a returned credit is subtracted', async () => {
    let xml = vervang(voorbeeld('WMO325'), /(RN001<\/iwmo:ReferentieNummer>)/, '$1<iwmo:VorigReferentieNummer>RN000</iwmo:VorigReferentieNummer>');
    xml = vervang(xml, /(<iwmo:Bedrag>5000<\/iwmo:Bedrag>\s*<iwmo:DebetCredit>)D(?=[\s\S]*RN002)/, '$1C');
    // returned: -5000 + 24000 + 5000 = 24000 = 58000 - 34000
    expect(await codes(toegekend(xml, '34000'))).toEqual([]);
    expect(await codes(toegekend(xml, '24000'))).toEqual(['TR342']);
  });
});
