import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import { InMemoryRegister } from './in-memory-register';
import { mutatiesVoor } from './mutaties';
import { normaliseerNummer, startSleutel } from './register';

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

describe('mutatiesVoor', () => {
  it('301: the identificatie, a toewijzing version per ToegewezenProduct and the verzoek it answers', async () => {
    const m = mutatiesVoor(await lees(voorbeeld('WMO301')));
    expect(m.map((x) => x.soort)).toEqual(['bericht-geregistreerd', 'toewijzing-versie', 'verzoek-beantwoord']);
    expect(m[0]).toEqual({ soort: 'bericht-geregistreerd', domein: 'wmo', berichtCode: '414', afzender: '0384', identificatie: '123456789012', dagtekening: '2023-08-13' });
    expect(m[1]).toMatchObject({ domein: 'wmo', versie: { gemeente: '0384', aanbieder: '42420001', bsn: '999900006', toewijzingNummer: '101', einddatum: '2023-12-31' } });
    expect(m[2]).toEqual({ soort: 'verzoek-beantwoord', domein: 'wmo', aanbieder: '42420001', referentieAanbieder: '42420002', antwoord: 'toegewezen' });
  });

  it('305: deletions before new deliveries, keyed as IV008', async () => {
    const tweedeVerwijderd = vervang(voorbeeld('JW305'), /<jw305:StatusAanlevering>1<\/jw305:StatusAanlevering>(\s*<\/jw305:StartProduct>\s*<\/jw305:StartProducten>)/, '<jw305:StatusAanlevering>3</jw305:StatusAanlevering>$1');
    const m = mutatiesVoor(await lees(tweedeVerwijderd));
    expect(m.map((x) => x.soort)).toEqual(['bericht-geregistreerd', 'levering-verwijderd', 'levering-aangeleverd']);
    expect(m[1]).toMatchObject({ domein: 'jeugd', leveringSoort: 'start', sleutel: startSleutel({ toewijzingNummer: '300202', product: { categorie: '55', code: '55A12' }, begindatum: '2026-04-15' }) });
    expect(m[2]).toMatchObject({ levering: { gemeente: '0363', aanbieder: '65656055', toewijzingNummer: '300201', soort: 'start', status: 'actueel' } });
  });

  it('315 opens a verzoek per AangevraagdProduct; 317 one for the Verzoek', async () => {
    const vot = mutatiesVoor(await lees(voorbeeld('WMO315')));
    expect(vot.filter((x) => x.soort === 'verzoek-geopend').map((x) => x.soort === 'verzoek-geopend' && x.verzoek.referentieAanbieder)).toEqual(['42420001', '42420002']);
    expect(mutatiesVoor(await lees(voorbeeld('WMO317')))[1]).toMatchObject({ soort: 'verzoek-geopend', verzoek: { gemeente: '0384', aanbieder: '65656055', referentieAanbieder: '9003', berichtNummer: '317', status: 'open' } });
  });

  it('319: afgewezen closes the verzoek, in onderzoek keeps it open', async () => {
    const r = new InMemoryRegister();
    r.pasToe(mutatiesVoor(await lees(voorbeeld('WMO317'))));
    const onderzoek = vervang(voorbeeld('WMO319'), /<wmo319:VerzoekAntwoord>1<\/wmo319:VerzoekAntwoord>\s*<wmo319:RedenAfwijzingVerzoek>7<\/wmo319:RedenAfwijzingVerzoek>/, '<wmo319:VerzoekAntwoord>2</wmo319:VerzoekAntwoord>');
    r.pasToe(mutatiesVoor(await lees(onderzoek)));
    expect(await r.verzoek('wmo', '65656055', '9003')).toMatchObject({ status: 'open', inOnderzoek: true });
    expect(await r.heeftOpenVerzoek('wmo', { gemeente: '0384', aanbieder: '65656055', bsn: '999900006' })).toBe(true);
    r.pasToe(mutatiesVoor(await lees(voorbeeld('WMO319'))));
    expect(await r.verzoek('wmo', '65656055', '9003')).toMatchObject({ status: 'afgewezen' });
    expect(await r.heeftOpenVerzoek('wmo', { gemeente: '0384', aanbieder: '65656055', bsn: '999900006' })).toBe(false);
  });

  it('a retourbericht changes no register', async () => {
    const retour = await lees(voorbeeld('WMO306'));
    expect(() => mutatiesVoor(retour)).toThrow(/retourbericht/);
    await expect(beoordeelOverstijgend(retour, new InMemoryRegister(), { vandaag: '2025-12-31' })).rejects.toThrow(/retourbericht/);
  });

  it('a rejected bericht has its verdict and nothing applied: the register stays as it was (§11)', async () => {
    const r = new InMemoryRegister();
    const b = await lees(voorbeeld('WMO305'));
    expect((await beoordeelOverstijgend(b, r, { vandaag: '2025-12-31' })).soort).toBe('klassen');
    expect(await r.berichtBekend('wmo', { berichtCode: '418', afzender: '65656055', identificatie: '123456789013' })).toBe(false);
  });
});

describe('InMemoryRegister', () => {
  it('IV013: the version with the latest Toewijzingsdatum + -tijd is actual, whatever the arrival order (OP080)', async () => {
    const r = new InMemoryRegister();
    const b = await lees(voorbeeld('WMO301'));
    const [, nieuw] = mutatiesVoor(b);
    if (nieuw.soort !== 'toewijzing-versie') throw new Error('expected a version');
    const oud = { ...nieuw, versie: { ...nieuw.versie, toewijzingstijd: '08:00:00', einddatum: '2023-06-30' } };
    r.pasToe([nieuw, oud]);
    expect((await r.toewijzing('wmo', '0384', '000101'))?.einddatum).toBe('2023-12-31');
    expect(await r.toewijzing('jeugd', '0384', '101')).toBeNull();
    expect(await r.toewijzingenVanClient('wmo', { gemeente: '0384', aanbieder: '42420001', bsn: '999900006' })).toHaveLength(1);
  });

  it('normaliseerNummer: LDT_Nummer is an integer', () => {
    expect(['000300201', '300201', '0', '+12'].map(normaliseerNummer)).toEqual(['300201', '300201', '0', '12']);
  });
});
