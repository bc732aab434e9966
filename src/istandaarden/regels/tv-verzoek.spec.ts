import { describe, expect, it } from 'vitest';
import { regelCodes, valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import type { RegelFinding } from './regel';

/* CD066-CD068, TR383 (315), TR352, TR353, TR380 (317), CD085, CD086, TR377, TR409 (319). */

type Std = 'WMO' | 'JW';
const STANDAARDEN: readonly Std[] = ['WMO', 'JW'];
const ns = (std: Std, nr: string): string => `${std === 'WMO' ? 'wmo' : 'jw'}${nr}`;
const basis = (std: Std): string => (std === 'WMO' ? 'iwmo' : 'ijw');

function el(p: string, naam: string, inhoud: string | undefined): string {
  return inhoud === undefined ? '' : `<${p}:${naam}>${inhoud}</${p}:${naam}>`;
}

/** An element with child content, e.g. tag('wmo301', 'Product', ...). */
function tag(p: string, naam: string, ...inhoud: string[]): string {
  return `<${p}:${naam}>${inhoud.join('')}</${p}:${naam}>`;
}

async function regels(xml: string): Promise<RegelFinding[]> {
  const v = await valideer(xml);
  expect(v.xsd).toEqual([]);
  return v.regels;
}

/** A valid JW315: the published example with its impossible date corrected. */
function jw315(): string {
  const xml = voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig');
  expect(xml.split('2027-06-31').length - 1).toBe(2);
  return xml.replaceAll('2027-06-31', '2027-06-30');
}

interface Aanvraag {
  referentie: string;
  verwijzer?: { type: string; naam?: string; code?: string };
}

/** The 315 example with its AangevraagdeProducten replaced by minimal products in schema order. */
function b315(std: Std, ...ps: Aanvraag[]): string {
  const [p, q] = [ns(std, '315'), basis(std)];
  // Each product in its own month, so that TR386 (overlap) stays out of these tests.
  const producten = ps.map((a, i) => {
    const v = a.verwijzer ?? { type: '01', naam: 'huisarts' };
    const maand = `2026-${String(i + 1).padStart(2, '0')}`;
    return tag(p, 'AangevraagdProduct',
      el(p, 'ReferentieAanbieder', a.referentie),
      tag(p, 'Product', el(q, 'Categorie', std === 'WMO' ? '01' : '55')),
      el(p, 'ToewijzingIngangsdatum', `${maand}-01`),
      el(p, 'ToewijzingEinddatum', `${maand}-28`),
      el(p, 'Budget', '1000'),
      tag(p, 'Verwijzer', el(q, 'Type', v.type), el(q, 'Naam', v.naam), el(q, 'ZorgverlenerCode', v.code)),
    );
  });
  const xml = std === 'WMO' ? voorbeeld('WMO315') : jw315();
  return vervang(xml, new RegExp(`<${p}:AangevraagdeProducten>[\\s\\S]*</${p}:AangevraagdeProducten>`), `<${p}:AangevraagdeProducten>${producten.join('')}</${p}:AangevraagdeProducten>`);
}

const VERWIJZER = '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer';

describe('315 fixtures', () => {
  for (const std of STANDAARDEN) {
    it(`CD066 ${std}: the rebuilt 315 baseline and the fixed examples are clean`, async () => {
      expect(await regelCodes(b315(std, { referentie: 'A' }))).toEqual([]);
      expect(await regelCodes(std === 'WMO' ? voorbeeld('WMO315') : jw315())).toEqual([]);
    });
  }
});

describe('CD066 Verwijzer 02-05 with ZorgverlenerCode has no Naam', () => {
  for (const std of STANDAARDEN) {
    it(`CD066 ${std}: type 02 with ZorgverlenerCode and Naam is rejected`, async () => {
      const r = await regels(b315(std, { referentie: 'A', verwijzer: { type: '02', naam: 'dokter', code: '12345678' } }));
      expect(r.map((f) => f.code)).toEqual(['CD066']);
      expect(r[0].locatie).toEqual([`${VERWIJZER}/Type`, `${VERWIJZER}/Naam`, `${VERWIJZER}/ZorgverlenerCode`]);
    });
    it(`CD066 ${std}: type 05 with ZorgverlenerCode only is accepted`, async () => {
      expect(await regelCodes(b315(std, { referentie: 'A', verwijzer: { type: '05', code: '12345678' } }))).toEqual([]);
    });
  }
});

describe('CD067 Verwijzer 02-05 without ZorgverlenerCode has a Naam', () => {
  for (const std of STANDAARDEN) {
    it(`CD067 ${std}: type 03 with neither Naam nor ZorgverlenerCode is rejected on the Type`, async () => {
      const r = await regels(b315(std, { referentie: 'A', verwijzer: { type: '03' } }));
      expect(r.map((f) => f.code)).toEqual(['CD067']);
      expect(r[0].locatie).toEqual([`${VERWIJZER}/Type`]);
    });
    it(`CD067 ${std}: type 03 with a Naam is accepted, type 06 without both too`, async () => {
      expect(await regelCodes(b315(std, { referentie: 'A', verwijzer: { type: '03', naam: 'jeugdarts' } }))).toEqual([]);
      expect(await regelCodes(b315(std, { referentie: 'A', verwijzer: { type: '06' } }))).toEqual([]);
    });
  }
});

describe('CD068 Verwijzer outside 02-05 has no ZorgverlenerCode', () => {
  for (const std of STANDAARDEN) {
    it(`CD068 ${std}: type 01 with a ZorgverlenerCode is rejected`, async () => {
      const r = await regels(b315(std, { referentie: 'A', verwijzer: { type: '01', naam: 'huisarts', code: '12345678' } }));
      expect(r.map((f) => f.code)).toEqual(['CD068']);
      expect(r[0].locatie).toEqual([`${VERWIJZER}/Type`, `${VERWIJZER}/ZorgverlenerCode`]);
    });
    it(`CD068 ${std}: type 08 without ZorgverlenerCode is accepted`, async () => {
      expect(await regelCodes(b315(std, { referentie: 'A', verwijzer: { type: '08', naam: 'gecertificeerde instelling' } }))).toEqual([]);
    });
  }
});

describe('TR383 ReferentieAanbieder unique per AangevraagdProduct', () => {
  // why: TR101 (another rule set) also rejects AangevraagdProducten sharing a ReferentieAanbieder.
  const zonderTr101 = async (xml: string): Promise<RegelFinding[]> => (await regels(xml)).filter((f) => f.code !== 'TR101');
  const RA = (i: number): string => `/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[${i}]/ReferentieAanbieder`;
  for (const std of STANDAARDEN) {
    it(`TR383 ${std}: a repeated ReferentieAanbieder is reported on the earlier one`, async () => {
      const r = await zonderTr101(b315(std, { referentie: 'A' }, { referentie: 'B' }, { referentie: 'A' }));
      expect(r.map((f) => f.code)).toEqual(['TR383']);
      expect(r[0].locatie).toEqual([RA(1)]);
    });
    it(`TR383 ${std}: three equal values give one finding per earlier product`, async () => {
      const r = await zonderTr101(b315(std, { referentie: 'A' }, { referentie: 'A' }, { referentie: 'A' }));
      expect(r.map((f) => f.locatie)).toEqual([[RA(1)], [RA(1)], [RA(2)]]);
    });
    it(`TR383 ${std}: distinct values are accepted`, async () => {
      expect(await regelCodes(b315(std, { referentie: 'A' }, { referentie: 'B' }))).toEqual([]);
    });
  }
  it('TR383 WMO: the later value is compared after normalize-space, the earlier one raw', async () => {
    expect((await zonderTr101(b315('WMO', { referentie: 'A' }, { referentie: ' A ' }))).map((f) => f.code)).toEqual(['TR383']);
    expect(await zonderTr101(b315('WMO', { referentie: ' A ' }, { referentie: 'A' }))).toEqual([]);
  });
});

/** The 317 example with the Verzoek's product lists replaced. */
function b317(std: Std, v: { ongewijzigd?: boolean; teWijzigen?: boolean; nieuw?: string }): string {
  const [p, q] = [ns(std, '317'), basis(std)];
  let inhoud = `${el(p, 'ReferentieAanbieder', '9003')}${el(p, 'RedenVerzoek', '1')}`;
  if (v.ongewijzigd) inhoud += `<${p}:OngewijzigdeProducten><${p}:OngewijzigdProduct>${el(p, 'ToewijzingNummer', '10071')}</${p}:OngewijzigdProduct></${p}:OngewijzigdeProducten>`;
  if (v.teWijzigen) {
    inhoud += tag(p, 'TeWijzigenProducten', tag(p, 'TeWijzigenProduct', el(p, 'ToewijzingNummer', '10072'), el(p, 'GewensteIngangsdatum', '2026-06-01')));
  }
  if (v.nieuw) {
    const product = tag(p, 'Product', el(q, 'Categorie', std === 'WMO' ? '01' : '55'));
    const nieuw = tag(p, 'NieuwProduct', product, el(p, 'GewensteIngangsdatum', v.nieuw), el(p, 'Einddatum', '2027-12-31'), el(p, 'Budget', '1000'));
    inhoud += tag(p, 'NieuweProducten', nieuw);
  }
  return vervang(voorbeeld(`${std}317`), new RegExp(`<${p}:Verzoek>[\\s\\S]*</${p}:Verzoek>`), `<${p}:Verzoek>${inhoud}</${p}:Verzoek>`);
}

const LATER = '2026-06-01';

describe('TR352 a Verzoek has an OngewijzigdProduct or TeWijzigenProduct', () => {
  for (const std of STANDAARDEN) {
    it(`TR352 ${std}: only NieuweProducten is rejected on the Verzoek`, async () => {
      const r = await regels(b317(std, { nieuw: LATER }));
      expect(r.map((f) => f.code)).toEqual(['TR352']);
      expect(r[0].locatie).toEqual(['/Bericht/Client/Verzoek']);
    });
    it(`TR352 ${std}: a TeWijzigenProduct alone is accepted`, async () => {
      expect(await regelCodes(b317(std, { teWijzigen: true }))).toEqual([]);
    });
    it(`TR352 ${std}: a Verzoek without any product breaks TR352 and TR353`, async () => {
      expect(await regelCodes(b317(std, {}))).toEqual(['TR352', 'TR353']);
    });
  }
});

describe('TR353 a Verzoek has a TeWijzigenProduct or NieuwProduct', () => {
  for (const std of STANDAARDEN) {
    it(`TR353 ${std}: only OngewijzigdeProducten is rejected on the Verzoek`, async () => {
      const r = await regels(b317(std, { ongewijzigd: true }));
      expect(r.map((f) => f.code)).toEqual(['TR353']);
      expect(r[0].locatie).toEqual(['/Bericht/Client/Verzoek']);
    });
    it(`TR353 ${std}: an OngewijzigdProduct with a NieuwProduct is accepted`, async () => {
      expect(await regelCodes(b317(std, { ongewijzigd: true, nieuw: LATER }))).toEqual([]);
    });
  }
});

describe('TR380 NieuwProduct GewensteIngangsdatum after the Dagtekening', () => {
  const DAGTEKENING: Record<Std, string> = { WMO: '2023-04-02', JW: '2026-01-02' };
  const DAG_NA: Record<Std, string> = { WMO: '2023-04-03', JW: '2026-01-03' };
  for (const std of STANDAARDEN) {
    it(`TR380 ${std}: a GewensteIngangsdatum on the Dagtekening is rejected on both`, async () => {
      const r = await regels(b317(std, { ongewijzigd: true, nieuw: DAGTEKENING[std] }));
      expect(r.map((f) => f.code)).toEqual(['TR380']);
      expect(r[0].locatie).toEqual(['/Bericht/Header/BerichtIdentificatie/Dagtekening', '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum']);
    });
    it(`TR380 ${std}: the day after the Dagtekening is accepted`, async () => {
      expect(await regelCodes(b317(std, { ongewijzigd: true, nieuw: DAG_NA[std] }))).toEqual([]);
    });
  }
  it('TR380 WMO: the official WMO317 example breaks it; its TeWijzigenProduct on the Dagtekening does not', async () => {
    const r = await regels(voorbeeld('WMO317'));
    expect(r.map((f) => f.code)).toEqual(['TR380']);
    expect(r[0].locatie[1]).toBe('/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum');
  });
});

/** The 319 example with the Antwoord's VerzoekAntwoord and what follows replaced. */
function b319(std: Std, antwoord: string, reden?: string, woonplaats = false): string {
  const p = ns(std, '319');
  let inhoud = el(p, 'VerzoekAntwoord', antwoord) + el(p, 'RedenAfwijzingVerzoek', reden);
  if (woonplaats) inhoud += `<${p}:Woonplaatsbeginsel>${el(p, 'Gemeente', '1916')}</${p}:Woonplaatsbeginsel>`;
  return vervang(voorbeeld(`${std}319`), new RegExp(`<${p}:VerzoekAntwoord>[\\s\\S]*(?=</${p}:Antwoord>)`), inhoud);
}

describe('CD085 VerzoekAntwoord 1 requires RedenAfwijzingVerzoek', () => {
  for (const std of STANDAARDEN) {
    it(`CD085 ${std}: afgewezen without reden is rejected`, async () => {
      const r = await regels(b319(std, '1'));
      expect(r.map((f) => f.code)).toEqual(['CD085']);
      expect(r[0].locatie).toEqual(['/Bericht/Antwoord/VerzoekAntwoord']);
    });
    it(`CD085 ${std}: afgewezen with reden 7 is accepted`, async () => {
      expect(await regelCodes(b319(std, '1', '7'))).toEqual([]);
    });
  }
});

describe('CD086 VerzoekAntwoord 2 leaves RedenAfwijzingVerzoek empty', () => {
  for (const std of STANDAARDEN) {
    it(`CD086 ${std}: in onderzoek with a reden is rejected on both`, async () => {
      const r = await regels(b319(std, '2', '3'));
      expect(r.map((f) => f.code)).toEqual(['CD086']);
      expect(r[0].locatie).toEqual(['/Bericht/Antwoord/VerzoekAntwoord', '/Bericht/Antwoord/RedenAfwijzingVerzoek']);
    });
    it(`CD086 ${std}: in onderzoek without reden is accepted`, async () => {
      expect(await regelCodes(b319(std, '2'))).toEqual([]);
    });
  }
});

describe('TR377 (iJw) reden 8 requires Woonplaatsbeginsel', () => {
  it('TR377 JW: reden 8 without Woonplaatsbeginsel is rejected on the reden', async () => {
    const r = await regels(b319('JW', '1', '8'));
    expect(r.map((f) => f.code)).toEqual(['TR377']);
    expect(r[0].locatie).toEqual(['/Bericht/Antwoord/RedenAfwijzingVerzoek']);
  });
  it('TR377 JW: reden 8 with Woonplaatsbeginsel (the official example) is accepted', async () => {
    expect(await regelCodes(voorbeeld('JW319'))).toEqual([]);
  });
  it('TR377 WMO: iWmo has no such rule (nor a Woonplaatsbeginsel)', async () => {
    expect(await regelCodes(b319('WMO', '1', '8'))).toEqual([]);
  });
});

describe('TR409 (iJw) a reden other than 8 leaves Woonplaatsbeginsel out', () => {
  it('TR409 JW: reden 7 with Woonplaatsbeginsel is rejected on both', async () => {
    const r = await regels(b319('JW', '1', '7', true));
    expect(r.map((f) => f.code)).toEqual(['TR409']);
    expect(r[0].locatie).toEqual(['/Bericht/Antwoord/RedenAfwijzingVerzoek', '/Bericht/Antwoord/Woonplaatsbeginsel']);
  });
  it('TR409 JW: reden 7 without Woonplaatsbeginsel is accepted', async () => {
    expect(await regelCodes(b319('JW', '1', '7'))).toEqual([]);
  });
  it('TR409 JW: without any reden the Woonplaatsbeginsel is not checked', async () => {
    expect(await regelCodes(b319('JW', '2', undefined, true))).toEqual([]);
  });
});
