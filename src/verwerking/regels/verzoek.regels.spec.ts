import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import { codesPerLocatie } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import type { RegisterMutatie } from './mutaties';
import type { ToewijzingVersie, VerzoekStand } from './register';

// Official WMO317: aanbieder 65656055 asks gemeente 0384 (Dagtekening 2023-04-02) for client
// 999900006 to keep 10071 and change 10072 (GewensteIngangsdatum 2023-04-02, no Omvang).
// Official WMO315: aanbieder 42420001 asks 0384 for two products (ReferentieAanbieder 42420001, 42420002).
const CLIENT = '/Bericht/Client';
const VERZOEK = '/Bericht/Client/Verzoek';
const ONGEWIJZIGD = '/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct';
const TE_WIJZIGEN = '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct';
const AANGEVRAAGD = '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct';

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

function toewijzing(nummer: string, o: Partial<ToewijzingVersie> = {}): ToewijzingVersie {
  return {
    gemeente: '0384', toewijzingNummer: nummer, aanbieder: '65656055', bsn: '999900006', referentieAanbieder: null,
    product: { categorie: '01', code: '01A11' }, toewijzingsdatum: '2022-12-20', toewijzingstijd: '09:00:00', ingangsdatum: '2023-01-01',
    einddatum: '2023-12-31', redenWijziging: null, omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budgetCenten: null, ...o,
  };
}

/** 10072 as the example expects it: aspecifiek (categorie only), starting on the desired date. */
const T10072: Partial<ToewijzingVersie> = { product: { categorie: '01', code: null }, omvang: null, ingangsdatum: '2023-04-02' };

function verzoek(o: Partial<VerzoekStand>): VerzoekStand {
  return { gemeente: '0384', aanbieder: '65656055', bsn: '999900006', referentieAanbieder: 'R-1', berichtNummer: '315', status: 'open', inOnderzoek: false, ...o };
}

function register(toewijzingen: ToewijzingVersie[], verzoeken: VerzoekStand[] = []): InMemoryRegister {
  const r = new InMemoryRegister();
  const m: RegisterMutatie[] = [
    ...toewijzingen.map((versie) => ({ soort: 'toewijzing-versie' as const, domein: 'wmo' as const, versie })),
    ...verzoeken.map((v) => ({ soort: 'verzoek-geopend' as const, domein: 'wmo' as const, verzoek: v })),
  ];
  r.pasToe(m);
  return r;
}

const basis = (): ToewijzingVersie[] => [toewijzing('10071'), toewijzing('10072', T10072)];

/** Replaces the TeWijzigenProduct's GewensteIngangsdatum and/or adds elements after its Einddatum. */
function teWijzigen(o: { gewenst?: string; naEinddatum?: string }): string {
  let xml = voorbeeld('WMO317');
  if (o.gewenst) {
    xml = vervang(xml, /<wmo317:GewensteIngangsdatum>2023-04-02<\/wmo317:GewensteIngangsdatum>(\s*<wmo317:Einddatum>2023-12-31<\/wmo317:Einddatum>\s*<\/wmo317:TeWijzigenProduct>)/, `<wmo317:GewensteIngangsdatum>${o.gewenst}</wmo317:GewensteIngangsdatum>$1`);
  }
  if (o.naEinddatum) xml = vervang(xml, /(<wmo317:Einddatum>2023-12-31<\/wmo317:Einddatum>)(\s*<\/wmo317:TeWijzigenProduct>)/, `$1${o.naEinddatum}$2`);
  return xml;
}
const OMVANG = '<wmo317:Omvang><iwmo:Volume>8</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></wmo317:Omvang>';

async function codes(r: InMemoryRegister, xml: string): Promise<Record<string, string[]>> {
  const o = await beoordeelOverstijgend(await lees(xml), r, { vandaag: '2025-12-31' });
  if (o.soort === 'header') throw new Error(`unexpected header codes ${o.retourCodes.join(',')}`);
  return codesPerLocatie(o);
}

describe('VOW baseline', () => {
  it('the official WMO317 against a register that fits it is approved', async () => {
    expect(await codes(register(basis()), voorbeeld('WMO317'))).toEqual({});
  });
});

describe('TR347 ReferentieAanbieder unique per aanbieder (9347)', () => {
  it('TR347: a VOW reusing ReferentieAanbieder 9003 of an earlier (closed) verzoek gets 9347 on Verzoek', async () => {
    const r = register(basis(), [verzoek({ referentieAanbieder: '9003', status: 'afgewezen' })]);
    expect(await codes(r, voorbeeld('WMO317'))).toEqual({ [VERZOEK]: ['9347'] });
  });

  it('TR347 near miss: the same reference used by another aanbieder is no conflict', async () => {
    const r = register(basis(), [verzoek({ referentieAanbieder: '9003', aanbieder: '11112222', status: 'afgewezen' })]);
    expect(await codes(r, voorbeeld('WMO317'))).toEqual({});
  });

  it('TR347: the official WMO315 whose second reference 42420002 was used before gets 9347 on that AangevraagdProduct', async () => {
    const r = register([], [verzoek({ aanbieder: '42420001', referentieAanbieder: '42420002', bsn: '999900018', status: 'toegewezen' })]);
    expect(await codes(r, voorbeeld('WMO315'))).toEqual({ [`${AANGEVRAAGD}[2]`]: ['9347'] });
  });

  it('TR347 near miss: the official WMO315 on an empty register is approved', async () => {
    expect(await codes(register([]), voorbeeld('WMO315'))).toEqual({});
  });
});

describe('TR374 no new verzoek while one is open (9374, on Client)', () => {
  it('TR374: a VOW while a VOT of the same client by the same aanbieder is open gets 9374 on Client', async () => {
    expect(await codes(register(basis(), [verzoek({})]), voorbeeld('WMO317'))).toEqual({ [CLIENT]: ['9374'] });
  });

  it('TR374 near miss: an open verzoek of another client does not count', async () => {
    expect(await codes(register(basis(), [verzoek({ bsn: '999900018' })]), voorbeeld('WMO317'))).toEqual({});
  });

  it('TR374: the official WMO315 while the client has an open verzoek gets 9374 on Client', async () => {
    expect(await codes(register([], [verzoek({ aanbieder: '42420001' })]), voorbeeld('WMO315'))).toEqual({ [CLIENT]: ['9374'] });
  });
});

describe('TR349 a VOW lists every actual toewijzing (9349)', () => {
  it('TR349: a third actual toewijzing missing from the VOW gets 9349 on Verzoek', async () => {
    expect(await codes(register([...basis(), toewijzing('10073')]), voorbeeld('WMO317'))).toEqual({ [VERZOEK]: ['9349'] });
  });

  it('TR349 near miss: a toewijzing ended before the Dagtekening or deleted is not actual', async () => {
    const r = register([...basis(), toewijzing('10073', { einddatum: '2023-04-01' }), toewijzing('10074', { einddatum: '2023-01-01', redenWijziging: '13' })]);
    expect(await codes(r, voorbeeld('WMO317'))).toEqual({});
  });
});

describe('TR350 OngewijzigdProduct is an actual toewijzing (9350)', () => {
  it('TR350: an unknown 10071 gets 9350', async () => {
    expect(await codes(register([toewijzing('10072', T10072)]), voorbeeld('WMO317'))).toEqual({ [ONGEWIJZIGD]: ['9350'] });
  });

  it('TR350: a 10071 of another aanbieder gets 9350', async () => {
    expect(await codes(register([toewijzing('10071', { aanbieder: '11112222' }), toewijzing('10072', T10072)]), voorbeeld('WMO317'))).toEqual({ [ONGEWIJZIGD]: ['9350'] });
  });

  it('TR350 near miss: a 10071 that ends on the Dagtekening is still actual', async () => {
    expect(await codes(register([toewijzing('10071', { einddatum: '2023-04-02' }), toewijzing('10072', T10072)]), voorbeeld('WMO317'))).toEqual({});
  });
});

describe('TR351 TeWijzigenProduct is an actual toewijzing (9351)', () => {
  it('TR351: a 10072 ended before the Dagtekening gets 9351', async () => {
    expect(await codes(register([toewijzing('10071'), toewijzing('10072', { ...T10072, ingangsdatum: '2023-01-01', einddatum: '2023-03-01' })]), voorbeeld('WMO317'))).toEqual({ [TE_WIJZIGEN]: ['9351'] });
  });

  it('TR351 near miss: the baseline 10072 is actual', async () => {
    expect(await codes(register(basis()), voorbeeld('WMO317'))).toEqual({});
  });
});

describe('TR304 the VOW client owns the toewijzingen (8187, on Client)', () => {
  it('TR304: 10071 of this aanbieder but another BSN gets 8187 on Client and not also 9350', async () => {
    expect(await codes(register([toewijzing('10071', { bsn: '999900018' }), toewijzing('10072', T10072)]), voorbeeld('WMO317'))).toEqual({ [CLIENT]: ['8187'] });
  });

  it('TR304 near miss: another BSN at another aanbieder is simply not linkable (9350, no 8187)', async () => {
    expect(await codes(register([toewijzing('10071', { bsn: '999900018', aanbieder: '11112222' }), toewijzing('10072', T10072)]), voorbeeld('WMO317'))).toEqual({ [ONGEWIJZIGD]: ['9350'] });
  });
});

describe('TR357 a past GewensteIngangsdatum equals the original Ingangsdatum (9357)', () => {
  it('TR357: GewensteIngangsdatum 2023-04-02 (= Dagtekening) for a toewijzing from 2023-01-01 gets 9357', async () => {
    expect(await codes(register([toewijzing('10071'), toewijzing('10072', { ...T10072, ingangsdatum: '2023-01-01' })]), voorbeeld('WMO317'))).toEqual({ [TE_WIJZIGEN]: ['9357'] });
  });

  it('TR357 near miss: a GewensteIngangsdatum after the Dagtekening may differ', async () => {
    expect(await codes(register([toewijzing('10071'), toewijzing('10072', { ...T10072, ingangsdatum: '2023-01-01' })]), teWijzigen({ gewenst: '2023-05-01' }))).toEqual({});
  });
});

describe('TR373 a Budget change applies from the actual Ingangsdatum (9373)', () => {
  const met = (budget: number | null) => register([toewijzing('10071'), toewijzing('10072', { ...T10072, ingangsdatum: '2023-01-01', budgetCenten: budget })]);

  it('TR373: a changed Budget from 2023-05-01 for a toewijzing from 2023-01-01 gets 9373', async () => {
    expect(await codes(met(10000), teWijzigen({ gewenst: '2023-05-01', naEinddatum: '<wmo317:Budget>20000</wmo317:Budget>' }))).toEqual({ [TE_WIJZIGEN]: ['9373'] });
  });

  it('TR373 near miss: the changed Budget from the original Ingangsdatum is approved', async () => {
    expect(await codes(met(10000), teWijzigen({ gewenst: '2023-01-01', naEinddatum: '<wmo317:Budget>20000</wmo317:Budget>' }))).toEqual({});
  });

  it('TR373 near miss: an unchanged Budget may come with a later date', async () => {
    expect(await codes(met(20000), teWijzigen({ gewenst: '2023-05-01', naEinddatum: '<wmo317:Budget>20000</wmo317:Budget>' }))).toEqual({});
  });
});

describe('TR411 Omvang mandatory when the toewijzing has a product code (9411)', () => {
  it('TR411: 10072 with code 01A12 and a TeWijzigenProduct without Omvang gets 9411', async () => {
    expect(await codes(register([toewijzing('10071'), toewijzing('10072', { ingangsdatum: '2023-04-02', product: { categorie: '01', code: '01A12' } })]), voorbeeld('WMO317'))).toEqual({ [TE_WIJZIGEN]: ['9411'] });
  });

  it('TR411 near miss: with Omvang it is approved', async () => {
    expect(await codes(register([toewijzing('10071'), toewijzing('10072', { ingangsdatum: '2023-04-02', product: { categorie: '01', code: '01A12' } })]), teWijzigen({ naEinddatum: OMVANG }))).toEqual({});
  });
});

describe('TR412 no Omvang when the toewijzing has a Product without code (9412)', () => {
  it('TR412: Omvang on a categorie-only toewijzing gets 9412', async () => {
    expect(await codes(register(basis()), teWijzigen({ naEinddatum: OMVANG }))).toEqual({ [TE_WIJZIGEN]: ['9412'] });
  });

  it('TR412 near miss: without Omvang (the official example) it is approved', async () => {
    expect(await codes(register(basis()), voorbeeld('WMO317'))).toEqual({});
  });
});

describe('TR375 no Omvang when the toewijzing has no Product (9375)', () => {
  const generiek = () => register([toewijzing('10071'), toewijzing('10072', { ...T10072, product: null, budgetCenten: 50000 })]);

  it('TR375: Omvang on a generieke toewijzing (Budget only) gets 9375 and not 9412', async () => {
    expect(await codes(generiek(), teWijzigen({ naEinddatum: OMVANG }))).toEqual({ [TE_WIJZIGEN]: ['9375'] });
  });

  it('TR375 near miss: without Omvang it is approved', async () => {
    expect(await codes(generiek(), voorbeeld('WMO317'))).toEqual({});
  });
});
