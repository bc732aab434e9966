import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { AANBIEDER, di01Envelop, GEMEENTE, wmo301, wmo305 } from '../../../test/support/berichten';
import { testGgkSchemas } from '../../../test/support/ggk';
import { testSchemas, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { RecordingOutbox } from '../../../test/support/recording-outbox';
import { parseGgkRequest } from '../../ggk/envelop';
import type { TeVerwerkenBericht } from '../../ingest';
import { scanXml, type SchemaSet } from '../../istandaarden';
import type { AppConfig } from '../../platform/config';
import { createLogger } from '../../platform/logging';
import { InMemoryRegister } from '../regels';
import { ValidatieVerwerker } from '../validatie.verwerker';
import { pijplijnStappen } from '.';

const log = createLogger('silent');
const config = { maxBerichtBytes: 25 * 1024 * 1024, gemeenteCodes: [GEMEENTE] } as unknown as AppConfig;
const NU = new Date('2025-04-10T10:00:00Z');

/** The pipeline on an InMemoryRegister and a RecordingOutbox, with a stand-in transaction. */
async function pijplijn(opties: { schemas?: SchemaSet } = {}) {
  const register = new InMemoryRegister();
  const outbox = new RecordingOutbox();
  const sloten: string[][] = [];
  let volgnummer = 0;
  const tx = { query: async (sql: string) => (sql.includes('nextval') ? [{ n: String(++volgnummer) }] : []) } as unknown as EntityManager;
  const schemas = opties.schemas ?? (await testSchemas());
  const stappen = pijplijnStappen({
    schemas,
    outbox,
    config,
    register: () => register,
    vergrendel: async (_tx, s) => void sloten.push([...s]),
    pasToe: async (_tx, mutaties) => register.pasToe(mutaties),
    klok: () => NU,
  });
  const verwerker = new ValidatieVerwerker(schemas, config, stappen);
  const verwerk = (b: Partial<TeVerwerkenBericht> & { raw: Buffer }) =>
    verwerker.verwerk({ id: randomUUID(), kanaal: 'rest', envelope: null, duplicaatVan: null, correlationId: 'c1', ...b } as TeVerwerkenBericht, tx, log);
  const viaGgk = (xml: string, functie: string, extra: Partial<TeVerwerkenBericht> = {}) => {
    const envelop = di01Envelop(functie);
    return { envelop, uitkomst: verwerk({ raw: Buffer.from(xml), kanaal: 'ggk', envelope: JSON.stringify(envelop), ...extra }) };
  };
  const viaRest = (xml: string) => verwerk({ raw: Buffer.from(xml) });
  return { register, outbox, sloten, tx, viaGgk, viaRest };
}

/** Reads a Du01 from the outbox back the way the GGK would, and returns the iWmo bericht in it. */
async function retourUit(envelop: string): Promise<{ crossRefnummer: string; functie: string; xml: string }> {
  const r = parseGgkRequest(new Uint8Array(Buffer.from(envelop)), await testGgkSchemas());
  if (!r.ok || r.kind !== 'Du01') throw new Error(`not a valid Du01: ${JSON.stringify(r)}`);
  return { crossRefnummer: r.stuurgegevens.crossRefnummer, functie: r.stuurgegevens.functie, xml: r.bericht.text };
}

function codesIn(xml: string): Record<string, string[]> {
  const uit: Record<string, string[]> = {};
  const bezoek = (el: ReturnType<typeof scanXml>['root']): void => {
    const rc = el.child('RetourCodes');
    if (rc) uit[el.locatie()] = rc.childrenNamed('RetourCode').map((c) => c.text);
    for (const k of el.children) bezoek(k);
  };
  bezoek(scanXml(xml).root);
  return uit;
}

describe('the pipeline: retour, Fo01, our own 301 (IV028, architecture.md §2)', () => {
  it('TR019: a WMO305 on an unknown toewijzing gets a WMO306 with Header 0200, Client 0200, StartProduct 9019', async () => {
    const p = await pijplijn();
    const { envelop, uitkomst } = p.viaGgk(voorbeeld('WMO305'), 'WMO305');
    const u = await uitkomst;
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict.regels.map((r) => r.code)).toEqual(['TR019', 'TR019']);
    expect(p.outbox.berichten).toHaveLength(1);
    const [du01] = p.outbox.berichten;
    expect(du01).toMatchObject({ soort: 'Du01', functie: 'WMO306', crossRefnummer: envelop.stuurgegevens.referentienummer, manager: p.tx });
    const retour = await retourUit(du01.envelop);
    expect(retour.crossRefnummer).toBe(envelop.stuurgegevens.referentienummer);
    expect(codesIn(retour.xml)).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/Client': ['0200'],
      '/Bericht/Client/StartProducten/StartProduct[1]': ['9019'],
      '/Bericht/Client/StartProducten/StartProduct[2]': ['9019'],
    });
    expect(u.antwoord).toEqual({
      envelop: 'Du01', functie: 'WMO306', referentienummer: du01.referentienummer, crossRefnummer: envelop.stuurgegevens.referentienummer, outboxId: du01.id,
      retourcodes: [
        { locatie: '/Bericht/Header', codes: ['0200'] },
        { locatie: '/Bericht/Client', codes: ['0200'] },
        { locatie: '/Bericht/Client/StartProducten/StartProduct[1]', codes: ['9019'] },
        { locatie: '/Bericht/Client/StartProducten/StartProduct[2]', codes: ['9019'] },
      ],
    });
    // A rejected bericht changes nothing (istandaarden-3.2.md §11).
    expect(await p.register.berichtBekend('wmo', { berichtCode: '418', afzender: AANBIEDER, identificatie: '123456789013' })).toBe(false);
  });

  it('our 301 goes out in a Di01 and enters the register; a 305 on it then gets a clean WMO306 and is registered', async () => {
    const p = await pijplijn();
    const eigen = await p.viaRest(wmo301('T301'));
    expect(eigen).toMatchObject({ status: 'verwerkt', antwoord: { envelop: 'Di01', functie: 'WMO301', crossRefnummer: null, retourcodes: [] } });
    expect(p.outbox.berichten.map((b) => [b.soort, b.functie, b.crossRefnummer])).toEqual([['Di01', 'WMO301', null]]);
    expect((await p.register.toewijzing('wmo', GEMEENTE, '300201'))?.aanbieder).toBe(AANBIEDER);

    const { envelop, uitkomst } = p.viaGgk(wmo305('T305'), 'WMO305');
    const u = await uitkomst;
    expect(u.status).toBe('verwerkt');
    const retour = await retourUit(p.outbox.berichten[1].envelop);
    expect(retour).toMatchObject({ functie: 'WMO306', crossRefnummer: envelop.stuurgegevens.referentienummer });
    expect(retour.xml).not.toContain('RetourCode');
    expect(retour.xml).toContain('<wmo306:IdentificatieRetour>R1</wmo306:IdentificatieRetour>');
    expect(retour.xml).toContain('<wmo306:DagtekeningRetour>2025-04-10</wmo306:DagtekeningRetour>');
    expect(u.antwoord?.retourcodes).toEqual([]);
    expect(await p.register.leveringen('wmo', { gemeente: GEMEENTE, aanbieder: AANBIEDER, bsn: '999900006', toewijzingNummer: '300201' })).toHaveLength(1);
    expect(p.sloten[1]).toContain(`toewijzing|wmo|${GEMEENTE}|300201`);

    // TR074: the same start again (a new bericht) is rejected on the StartProduct.
    const opnieuw = await p.viaGgk(wmo305('T305B'), 'WMO305').uitkomst;
    expect(opnieuw.antwoord?.retourcodes.map((r) => r.codes)).toEqual([['0200'], ['0200'], ['9074']]);
  });

  it('level 2: a rule inside the bericht (CS002) gives a retour with only the Header and 0001', async () => {
    const p = await pijplijn();
    const u = await p.viaGgk(vervang(voorbeeld('WMO305'), '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>999900007</wmo305:Bsn>'), 'WMO305').uitkomst;
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict.regels.map((r) => r.code)).toEqual(['CS002']);
    expect(u.antwoord?.retourcodes).toEqual([{ locatie: '/Bericht/Header', codes: ['0001'] }]);
    expect(p.sloten).toEqual([]);
  });

  it('TR056: a duplicate from ingest is answered 9056 in the Header only, without touching the register', async () => {
    const p = await pijplijn();
    const u = await p.viaGgk(wmo305('T305'), 'WMO305', { duplicaatVan: randomUUID() }).uitkomst;
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict.regels).toEqual([{ code: 'TR056', retourcode: '9056', locatie: ['/Bericht/Header/BerichtIdentificatie/Identificatie'] }]);
    expect(u.antwoord?.retourcodes).toEqual([{ locatie: '/Bericht/Header', codes: ['9056'] }]);
    expect(p.sloten).toEqual([]);
  });

  it('level 1: an XSD failure from the GGK gets a Fo01 StUF055 about its envelope and ends in uitval; over REST nothing is sent', async () => {
    const p = await pijplijn();
    const ongeldig = voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig');
    const { envelop, uitkomst } = p.viaGgk(ongeldig, 'JW315');
    const u = await uitkomst;
    expect(u.status).toBe('uitval');
    const [fo01] = p.outbox.berichten;
    expect(fo01).toMatchObject({ soort: 'Fo01', functie: null, crossRefnummer: envelop.stuurgegevens.referentienummer });
    expect(fo01.envelop).toContain('<StUF:code>StUF055</StUF:code>');
    expect(fo01.envelop).toContain(`<StUF:crossRefnummer>${envelop.stuurgegevens.referentienummer}</StUF:crossRefnummer>`);
    expect(fo01.envelop).toContain('<StUF:details>JW315-00010000</StUF:details>');
    expect((await testGgkSchemas()).validateSoapEnvelope(fo01.envelop)).toEqual([]);
    expect(u.antwoord).toMatchObject({ envelop: 'Fo01', foutcode: 'StUF055', crossRefnummer: envelop.stuurgegevens.referentienummer });

    const rest = await p.viaRest(ongeldig);
    expect(rest).toMatchObject({ status: 'uitval', antwoord: null });
    expect(p.outbox.berichten).toHaveLength(1);
  });

  it('our own 301 that breaks a rule is uitval with its reasons and never sent', async () => {
    const p = await pijplijn();
    await p.viaRest(wmo301('T301'));
    // TR332: the same ToewijzingNummer for another product is another toewijzing under a used number.
    const tweede = await p.viaRest(vervang(wmo301('T301B'), '<iwmo:Code>01A11</iwmo:Code>', '<iwmo:Code>01A12</iwmo:Code>'));
    expect(tweede.status).toBe('uitval');
    expect(tweede.verdict.fout).toEqual({ code: 'VERWERKING.NIET_VERZONDEN', message: 'this WMO301 breaks TR332 (9332); not sent' });
    expect(tweede.antwoord).toBeNull();
    expect(p.outbox.berichten).toHaveLength(1);
  });

  it('our own 301 from a gemeente this gateway does not serve is not sent', async () => {
    const p = await pijplijn();
    const u = await p.viaRest(vervang(wmo301('T301'), `<wmo301:Afzender>${GEMEENTE}</wmo301:Afzender>`, '<wmo301:Afzender>0599</wmo301:Afzender>'));
    expect(u).toMatchObject({ status: 'uitval', verdict: { fout: { code: 'VERWERKING.ONBEKENDE_GEMEENTE' } }, antwoord: null });
    expect(p.outbox.berichten).toHaveLength(0);
  });

  it('a retour that fails its own schema is uitval with the reason, never sent, and changes no register', async () => {
    const echt = await testSchemas();
    const kapot = new Proxy(echt, {
      get: (doel, naam) => (naam === 'xsdVersie' ? () => ({ basisschema: 'geen-versie', bericht: '1.0.0' }) : Reflect.get(doel, naam, doel)),
    });
    const p = await pijplijn({ schemas: kapot });
    await p.viaRest(wmo301('T301'));
    const u = await p.viaGgk(wmo305('T305'), 'WMO305').uitkomst;
    expect(u.status).toBe('uitval');
    expect(u.verdict.fout?.code).toBe('VERWERKING.RETOUR_ONGELDIG');
    expect(u.verdict.fout?.message).toMatch(/^the WMO306 built for this bericht fails its XSD/);
    expect(u.antwoord).toBeNull();
    expect(p.outbox.berichten.map((b) => b.soort)).toEqual(['Di01']);
    expect(await p.register.leveringen('wmo', { gemeente: GEMEENTE, aanbieder: AANBIEDER, bsn: '999900006', toewijzingNummer: '300201' })).toEqual([]);
  });

  it('a 323 gets its verdict only (the 325 is the declaratie work); a retour gets no answer', async () => {
    const p = await pijplijn();
    expect(await p.viaGgk(voorbeeld('WMO323'), 'WMO323').uitkomst).toMatchObject({ status: 'verwerkt', antwoord: null });
    expect(await p.viaRest(voorbeeld('JW302'))).toMatchObject({ status: 'verwerkt', antwoord: null });
    expect(p.outbox.berichten).toHaveLength(0);
  });

  it('a heenbericht over REST has its retour built and checked, but not sent (no envelope to answer)', async () => {
    const p = await pijplijn();
    const u = await p.viaRest(voorbeeld('WMO305'));
    expect(u.antwoord).toMatchObject({ envelop: null, functie: 'WMO306', outboxId: null, toelichting: expect.stringContaining('no GGK envelope') });
    expect(p.outbox.berichten).toHaveLength(0);
  });
});
