import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import { codesPerLocatie } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import { mutatiesVoor } from './mutaties';
import type { RegisterLezer, ToewijzingVersie, VerzoekStand } from './register';

// Official WMO301, our own outgoing toewijzing: gemeente 0384 to aanbieder 42420001, client
// 999900006, toewijzing 101 (01/01A01, 2023-01-01..2023-12-31, 10 minuten per dag) answering
// verzoek 42420002.
const TP = '/Bericht/Client/ToegewezenProducten/ToegewezenProduct';

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

const VERZOEK: VerzoekStand = { gemeente: '0384', aanbieder: '42420001', bsn: '999900006', referentieAanbieder: '42420002', berichtNummer: '315', status: 'open', inOnderzoek: false };

function versie(o: Partial<ToewijzingVersie>): ToewijzingVersie {
  return {
    gemeente: '0384', toewijzingNummer: '101', aanbieder: '42420001', bsn: '999900006', referentieAanbieder: null, product: { categorie: '01', code: '01A01' },
    toewijzingsdatum: '2023-01-01', toewijzingstijd: '08:00:00', ingangsdatum: '2023-01-01', einddatum: '2023-06-30', redenWijziging: null,
    omvang: { volume: 10, eenheid: '01', frequentie: '1' }, budgetCenten: null, ...o,
  };
}

function register(verzoeken: VerzoekStand[] = [VERZOEK], toewijzingen: ToewijzingVersie[] = []): InMemoryRegister {
  const r = new InMemoryRegister();
  r.pasToe([
    ...verzoeken.map((verzoek) => ({ soort: 'verzoek-geopend' as const, domein: 'wmo' as const, verzoek })),
    ...toewijzingen.map((v) => ({ soort: 'toewijzing-versie' as const, domein: 'wmo' as const, versie: v })),
  ]);
  return r;
}

async function codes(r: RegisterLezer, xml: string): Promise<Record<string, string[]>> {
  const o = await beoordeelOverstijgend(await lees(xml), r, { vandaag: '2025-12-31' });
  if (o.soort === 'header') throw new Error(`unexpected header codes ${o.retourCodes.join(',')}`);
  return codesPerLocatie(o);
}

/** Deletion: Einddatum := Ingangsdatum with RedenWijziging 13 (OP033x1). */
const verwijderd = () => vervang(voorbeeld('WMO301'), '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>', '<wmo301:Einddatum>2023-01-01</wmo301:Einddatum><wmo301:RedenWijziging>13</wmo301:RedenWijziging>');

describe('TR379 ReferentieAanbieder only when answering a verzoek (9379)', () => {
  it('TR379: the official WMO301 without verzoek 42420002 in the register gets 9379', async () => {
    expect(await codes(register([]), voorbeeld('WMO301'))).toEqual({ [TP]: ['9379'] });
  });

  it('TR379: a verzoek with that reference for another client does not count', async () => {
    expect(await codes(register([{ ...VERZOEK, bsn: '999900018' }]), voorbeeld('WMO301'))).toEqual({ [TP]: ['9379'] });
  });

  it('TR379 near miss: with the open verzoek the official WMO301 is approved', async () => {
    expect(await codes(register(), voorbeeld('WMO301'))).toEqual({});
  });

  it('TR379 near miss: a verzoek already answered still allows its reference (OP087 resend)', async () => {
    expect(await codes(register([{ ...VERZOEK, status: 'toegewezen' }]), voorbeeld('WMO301'))).toEqual({});
  });
});

describe('TR332 ToewijzingNummer unique per gemeente per domain (9332)', () => {
  it('TR332: number 101 already used for another client gets 9332', async () => {
    expect(await codes(register([VERZOEK], [versie({ bsn: '999900018' })]), voorbeeld('WMO301'))).toEqual({ [TP]: ['9332'] });
  });

  it('TR332: number 101 already used for another product gets 9332', async () => {
    expect(await codes(register([VERZOEK], [versie({ product: { categorie: '02', code: '02A01' } })]), voorbeeld('WMO301'))).toEqual({ [TP]: ['9332'] });
  });

  it('TR332 (interpretation, IV066): a changed Volume at Frequentie 1 under the same number gets 9332', async () => {
    expect(await codes(register([VERZOEK], [versie({ omvang: { volume: 20, eenheid: '01', frequentie: '1' } })]), voorbeeld('WMO301'))).toEqual({ [TP]: ['9332'] });
  });

  it('TR332 near miss: a new version moving the Einddatum keeps the number (OP033x1)', async () => {
    expect(await codes(register([VERZOEK], [versie({})]), voorbeeld('WMO301'))).toEqual({});
  });

  it('TR332 near miss: the same number in the other domain is another key space', async () => {
    const r = new InMemoryRegister();
    r.pasToe([{ soort: 'verzoek-geopend', domein: 'wmo', verzoek: VERZOEK }, { soort: 'toewijzing-versie', domein: 'jeugd', versie: versie({ bsn: '999900018' }) }]);
    expect(await codes(r, voorbeeld('WMO301'))).toEqual({});
  });

  it('TR332 near miss: after approval the 301 becomes the actual version (IV013) and a resend is fine', async () => {
    const r = register([VERZOEK], [versie({})]);
    const b = await lees(voorbeeld('WMO301'));
    r.pasToe(mutatiesVoor(b));
    expect((await r.toewijzing('wmo', '0384', '101'))?.einddatum).toBe('2023-12-31');
    expect(await codes(r, vervang(voorbeeld('WMO301'), '<iwmo:Identificatie>123456789012</iwmo:Identificatie>', '<iwmo:Identificatie>T-2</iwmo:Identificatie>'))).toEqual({});
  });
});

describe('TR385 no deletion with approved, not credited prestaties (9385)', () => {
  it('TR385: deleting 101 while 2 approved prestaties exist gets 9385', async () => {
    const r = register();
    r.zetGoedgekeurdePrestaties('wmo', '0384', '101', 2);
    expect(await codes(r, verwijderd())).toEqual({ [TP]: ['9385'] });
  });

  it('TR385 near miss: deleting 101 without prestaties is approved', async () => {
    expect(await codes(register(), verwijderd())).toEqual({});
  });

  it('TR385 near miss: a register without the optional prestatie lookup counts none (until the declaratie work fills it)', async () => {
    const r = register();
    r.zetGoedgekeurdePrestaties('wmo', '0384', '101', 2);
    const zonder: RegisterLezer = {
      toewijzing: (...a) => r.toewijzing(...a),
      toewijzingenVanClient: (...a) => r.toewijzingenVanClient(...a),
      leveringen: (...a) => r.leveringen(...a),
      verzoek: (...a) => r.verzoek(...a),
      heeftOpenVerzoek: (...a) => r.heeftOpenVerzoek(...a),
      berichtBekend: (...a) => r.berichtBekend(...a),
    };
    expect(await codes(zonder, verwijderd())).toEqual({});
  });

  it('TR385 near miss: prestaties do not block a change that is not a deletion', async () => {
    const r = register();
    r.zetGoedgekeurdePrestaties('wmo', '0384', '101', 2);
    expect(await codes(r, voorbeeld('WMO301'))).toEqual({});
  });
});
