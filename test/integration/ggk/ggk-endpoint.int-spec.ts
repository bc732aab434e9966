import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFo01, parseGgkRequest } from '../../../src/ggk/envelop';
import { eventually, startTestApp, TOKENS, type TestApp } from '../../support/app';
import { AANBIEDER, BSN, GEMEENTE, soapDi01, wmo301, wmo305 } from '../../support/berichten';
import { sql } from '../../support/database';
import { testGgkSchemas } from '../../support/ggk';
import { vervang } from '../../support/istandaarden';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const MAX = 25 * 1024 * 1024;

interface Inbound {
  id: string;
  status: string;
  duplicaat_van: string | null;
  antwoord: { envelop: string | null; functie: string | null; crossRefnummer: string | null; retourcodes: Array<{ locatie: string; codes: string[] }>; foutcode?: string } | null;
}
interface Outbound {
  id: string;
  soort: string;
  functie: string | null;
  referentienummer: string;
  cross_refnummer: string | null;
  envelop: string;
  inbound_id: string | null;
}

describe('POST /ggk (SOAP OntvangAsynchroon) and the pipeline that answers', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await testDatabase();
    // The contract cap of 25 MB; the relay stays off so the outbox rows stay where the pipeline put them.
    t = await startTestApp(db.url, { MAX_BERICHT_BYTES: String(MAX), GGK_RELAY_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const soap = (body: string | Buffer, type = 'text/xml; charset=utf-8') => t.http().post('/ggk').set('Content-Type', type).send(body);

  const inbound = async (referentienummer: string): Promise<Inbound[]> =>
    sql<Inbound & Record<string, unknown>>(db.url, `SELECT id, status, duplicaat_van, antwoord FROM client_inbound_bericht WHERE ggk_referentienummer = $1 ORDER BY received_at`, [referentienummer]);

  /** Waits until the bericht of this envelope is processed. */
  const verwerkt = (referentienummer: string): Promise<Inbound> =>
    eventually(async () => {
      const [r] = await inbound(referentienummer);
      return r && r.status !== 'ontvangen' && r.status !== 'in_verwerking' ? r : undefined;
    }, `the bericht of envelope ${referentienummer} to be processed`);

  const outbox = (where: string, param: string): Promise<Outbound[]> =>
    sql<Outbound & Record<string, unknown>>(db.url, `SELECT id, soort, functie, referentienummer, cross_refnummer, envelop, inbound_id FROM client_outbound_bericht WHERE ${where} = $1`, [param]);

  /** The iWmo bericht in a Du01 from the outbox, read back as the GGK would. */
  async function retourIn(envelop: string): Promise<{ functie: string; crossRefnummer: string; xml: string }> {
    const r = parseGgkRequest(new Uint8Array(Buffer.from(envelop)), await testGgkSchemas());
    if (!r.ok || r.kind !== 'Du01') throw new Error(`outbox holds no valid Du01: ${JSON.stringify(r)}`);
    return { functie: r.stuurgegevens.functie, crossRefnummer: r.stuurgegevens.crossRefnummer, xml: r.bericht.text };
  }

  function retourCodes(xml: string): string[] {
    return [...xml.matchAll(/<wmo306:RetourCode>(\d{4})<\/wmo306:RetourCode>/g)].map((m) => m[1]);
  }

  /** A Fo03 fault: HTTP 500, schema-valid, with this code and a reason. */
  async function expectFo03(res: { status: number; text: string; headers: Record<string, string> }, code: string): Promise<string> {
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect((await testGgkSchemas()).validateSoapEnvelope(res.text)).toEqual([]);
    expect(res.text).toContain(`<StUF:code>${code}</StUF:code>`);
    const reden = /<faultstring>([^<]+)<\/faultstring>/.exec(res.text)?.[1] ?? '';
    expect(reden.length).toBeGreaterThan(10);
    return reden;
  }

  async function expectBv03(res: { status: number; text: string }, crossRefnummer: string): Promise<void> {
    expect(res.status).toBe(200);
    expect((await testGgkSchemas()).validateSoapEnvelope(res.text)).toEqual([]);
    expect(res.text).toContain('<StUF:berichtcode>Bv03</StUF:berichtcode>');
    expect(res.text).toContain(`<StUF:crossRefnummer>${crossRefnummer}</StUF:crossRefnummer>`);
  }

  const aantalInbound = async () => Number((await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM client_inbound_bericht'))[0].n);

  it('our 301 over /api/berichten goes out as a Di01; a WMO305 on it via SOAP is stored before its Bv03 and answered with a clean WMO306 in a Du01', async () => {
    const eigen = await t.http().post('/api/berichten').set('Authorization', `Bearer ${TOKENS.koppeling}`).set('Content-Type', 'application/xml').send(wmo301('GGK301'));
    expect(eigen.status).toBe(202);
    const di01 = await eventually(async () => (await outbox('inbound_id', eigen.body.id))[0], 'the Di01 of our 301');
    expect(di01).toMatchObject({ soort: 'Di01', functie: 'WMO301', cross_refnummer: null });
    expect(di01.envelop).toContain(`<StUF:functie>WMO301</StUF:functie>`);

    const { xml, referentienummer } = soapDi01(wmo305('GGK305'), 'WMO305');
    const res = await soap(xml);
    await expectBv03(res, referentienummer);
    // Stored and committed before the Bv03: a separate connection sees it.
    expect(await inbound(referentienummer)).toHaveLength(1);

    const r = await verwerkt(referentienummer);
    expect(r.status).toBe('verwerkt');
    const [du01] = await outbox('cross_refnummer', referentienummer);
    expect(du01).toMatchObject({ soort: 'Du01', functie: 'WMO306', inbound_id: r.id });
    const retour = await retourIn(du01.envelop);
    expect(retour).toMatchObject({ functie: 'WMO306', crossRefnummer: referentienummer });
    expect(retour.xml).not.toContain('RetourCode');

    const getoond = await t.http().get(`/api/berichten/${r.id}`).set('Authorization', `Bearer ${TOKENS.backoffice}`);
    expect(getoond.body).toMatchObject({
      status: 'verwerkt',
      kanaal: 'ggk',
      antwoord: { envelop: 'Du01', functie: 'WMO306', referentienummer: du01.referentienummer, crossRefnummer: referentienummer, outboxId: du01.id, retourcodes: [] },
    });
    for (const geheim of [BSN, 'Wit', '<wmo30', 'xmlBestand']) expect(JSON.stringify(getoond.body)).not.toContain(geheim);
  });

  it('TR019: a WMO305 on an unknown toewijzing is answered with Header 0200, Client 0200, StartProduct 9019', async () => {
    const { xml, referentienummer } = soapDi01(wmo305('GGK305X', '999999'), 'WMO305');
    await expectBv03(await soap(xml), referentienummer);
    const r = await verwerkt(referentienummer);
    expect(r.status).toBe('afgekeurd');
    const [du01] = await outbox('cross_refnummer', referentienummer);
    const retour = await retourIn(du01.envelop);
    // Document order: a class carries its RetourCodes after its children.
    expect(retourCodes(retour.xml)).toEqual(['0200', '9019', '0200']);
    expect(r.antwoord?.retourcodes).toEqual([
      { locatie: '/Bericht/Header', codes: ['0200'] },
      { locatie: '/Bericht/Client', codes: ['0200'] },
      { locatie: '/Bericht/Client/StartProducten/StartProduct', codes: ['9019'] },
    ]);
  });

  it('a payload that fails its XSD is stored, answered with a Fo01 StUF055 about its envelope, and ends in uitval', async () => {
    const ongeldig = vervang(wmo305('GGKXSD'), '<iwmo:Dagtekening>2025-04-05</iwmo:Dagtekening>', '<iwmo:Dagtekening>2025-02-30</iwmo:Dagtekening>');
    const { xml, referentienummer } = soapDi01(ongeldig, 'WMO305');
    await expectBv03(await soap(xml), referentienummer);
    const r = await verwerkt(referentienummer);
    expect(r.status).toBe('uitval');
    const [fo01] = await outbox('cross_refnummer', referentienummer);
    expect(fo01).toMatchObject({ soort: 'Fo01', functie: null, inbound_id: r.id });
    expect(fo01.envelop).toContain('<StUF:code>StUF055</StUF:code>');
    expect(fo01.envelop).toContain(`<StUF:organisatie>${AANBIEDER}</StUF:organisatie>`);
    expect(fo01.envelop).not.toContain('2025-02-30');
    expect((await testGgkSchemas()).validateSoapEnvelope(fo01.envelop)).toEqual([]);
    expect(r.antwoord).toMatchObject({ envelop: 'Fo01', foutcode: 'StUF055', crossRefnummer: referentienummer });
  });

  it('a payload in the right namespace without a readable Header is stored all the same and answered with a Fo01 StUF055', async () => {
    const { xml, referentienummer } = soapDi01(wmo305('GGKLEEG'), 'WMO305');
    const leeg = xml.replace(/<GGK:xmlBestand>[^<]*<\/GGK:xmlBestand>/, `<GGK:xmlBestand>${Buffer.from('<wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"/>').toString('base64')}</GGK:xmlBestand>`);
    await expectBv03(await soap(leeg), referentienummer);
    const r = await verwerkt(referentienummer);
    expect(r).toMatchObject({ status: 'uitval', antwoord: { envelop: 'Fo01', foutcode: 'StUF055' } });
  });

  describe('refused requests: a Fo03 with code and reason, nothing stored, and the service keeps running', () => {
    const geldigeDi01 = () => soapDi01(wmo305(`R${randomUUID().slice(0, 8)}`, '999999'), 'WMO305');
    const metPayload = (payloadBase64: string) => {
      const { xml } = geldigeDi01();
      return xml.replace(/<GGK:xmlBestand>[^<]*<\/GGK:xmlBestand>/, `<GGK:xmlBestand>${payloadBase64}</GGK:xmlBestand>`);
    };
    const XXE = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">&e;</wmo305:Bericht>`;

    const gevallen: Array<[string, () => string | Buffer, string, RegExp]> = [
      ['malformed SOAP', () => geldigeDi01().xml.replace('</soapenv:Body>', ''), 'StUF055', /not well-formed/],
      ['XML that is no SOAP envelope', () => '<?xml version="1.0"?><a>b</a>', 'StUF055', /SOAP/],
      ['non-XML', () => 'dit is geen xml', 'StUF055', /Berichtbody is niet conform schema/],
      ['bad base64 in xmlBestand', () => metPayload('@@@@'), 'StUF055', /xmlBestand is not valid base64/],
      ['characters base64 never has in xmlBestand', () => metPayload('!!!geen base64!!!'), 'StUF055', /xmlBestand/],
      ['an XXE payload (DOCTYPE with an external entity)', () => metPayload(Buffer.from(XXE).toString('base64')), 'StUF055', /DOCTYPE/],
      ['an XXE envelope', () => `<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY e SYSTEM "file:///etc/passwd">]>${geldigeDi01().xml.replace(/^<\?xml[^>]*\?>/, '')}`, 'StUF055', /DOCTYPE/],
      ['a request over 25 MB', () => Buffer.alloc(MAX + 1, 0x20), 'IB007', /te groot/],
      ['an ontvanger this gateway does not serve', () => geldigeDi01().xml.replace(`<StUF:organisatie>${GEMEENTE}</StUF:organisatie>`, '<StUF:organisatie>0599</StUF:organisatie>'), 'IB210', /organisatie/],
    ];

    for (const [wat, body, code, reden] of gevallen) {
      it(`${wat}: ${code}`, async () => {
        const voor = await aantalInbound();
        const res = await soap(body());
        expect(await expectFo03(res, code)).toMatch(reden);
        expect(res.text).not.toContain('/etc/passwd');
        expect(await aantalInbound()).toBe(voor);
        // Still serving.
        const ok = geldigeDi01();
        await expectBv03(await soap(ok.xml), ok.referentienummer);
      });
    }

    it('another Content-Type than SOAP 1.1 text/xml: StUF055', async () => {
      expect(await expectFo03(await soap('{"a":1}', 'application/json'), 'StUF055')).toMatch(/text\/xml/);
    });
  });

  it('the same envelope twice: stored and processed once, the same Bv03 both times', async () => {
    const { xml, referentienummer } = soapDi01(wmo305('GGKTWEE', '999999'), 'WMO305');
    const eerste = await soap(xml);
    const tweede = await soap(xml);
    await expectBv03(eerste, referentienummer);
    expect(tweede.text).toBe(eerste.text);
    await verwerkt(referentienummer);
    const derde = await soap(xml);
    expect(derde.text).toBe(eerste.text);
    expect(await inbound(referentienummer)).toHaveLength(1);
    expect(await outbox('cross_refnummer', referentienummer)).toHaveLength(1);
  });

  it('the same referentienummer with another payload: IB216, nothing stored', async () => {
    const { xml, referentienummer } = soapDi01(wmo305('GGKREF1', '999999'), 'WMO305');
    await expectBv03(await soap(xml), referentienummer);
    const ander = soapDi01(wmo305('GGKREF2', '999999'), 'WMO305', referentienummer);
    await expectFo03(await soap(ander.xml), 'IB216');
    expect(await inbound(referentienummer)).toHaveLength(1);
  });

  it('TR056: the same BerichtIdentificatie in a new envelope is stored as a duplicate and answered 9056 in the Header', async () => {
    const bericht = wmo305('GGKDUBBEL', '999999');
    const eerste = soapDi01(bericht, 'WMO305');
    const tweede = soapDi01(bericht, 'WMO305');
    await expectBv03(await soap(eerste.xml), eerste.referentienummer);
    await expectBv03(await soap(tweede.xml), tweede.referentienummer);
    const a = await verwerkt(eerste.referentienummer);
    const b = await verwerkt(tweede.referentienummer);
    expect(b.duplicaat_van).toBe(a.id);
    expect(retourCodes((await retourIn((await outbox('cross_refnummer', eerste.referentienummer))[0].envelop)).xml)).toEqual(['0200', '9019', '0200']);
    const [du01] = await outbox('cross_refnummer', tweede.referentienummer);
    const retour = await retourIn(du01.envelop);
    expect(retourCodes(retour.xml)).toEqual(['9056']);
    expect(retour.xml).not.toContain('<wmo306:Client>');
    expect(b).toMatchObject({ status: 'afgekeurd', antwoord: { retourcodes: [{ locatie: '/Bericht/Header', codes: ['9056'] }] } });
  });

  it('a Fo01 from the GGK about our Di01 is stored against that outbox row, answered with a Bv03, once', async () => {
    const [di01] = await sql<{ id: string; referentienummer: string }>(db.url, `SELECT id, referentienummer FROM client_outbound_bericht WHERE soort = 'Di01' AND functie = 'WMO301'`);
    const fo01 = buildFo01({
      zender: { organisatie: 'IB', applicatie: 'GGK' },
      antwoordOp: { stuurgegevens: { berichtcode: 'Di01', zender: { organisatie: GEMEENTE, applicatie: 'istd-gateway' }, ontvanger: { organisatie: AANBIEDER, applicatie: 'GGk' }, referentienummer: di01.referentienummer, tijdstipBericht: '20250405120000', functie: 'WMO301' } },
      fout: { code: 'IB210', omschrijving: `Ontvangende organisatie onbekend. ${BSN}` },
    });
    // buildFo01 addresses the zender of what it answers: here that is us.
    expect(fo01.xml).toContain(`<StUF:organisatie>${GEMEENTE}</StUF:organisatie>`);
    const res = await soap(fo01.xml);
    await expectBv03(res, fo01.referentienummer);
    expect((await soap(fo01.xml)).text).toBe(res.text);
    const rows = await sql<{ code: string; cross_refnummer: string; outbound_id: string }>(db.url, `SELECT code, cross_refnummer, outbound_id FROM client_ggk_foutbericht WHERE referentienummer = $1`, [fo01.referentienummer]);
    expect(rows).toEqual([{ code: 'IB210', cross_refnummer: di01.referentienummer, outbound_id: di01.id }]);
  });

  it('needs no bearer token (two-sided TLS in front) and never writes a BSN, name or payload to the log', async () => {
    const log = t.logs.join('');
    expect(log).toContain('GGK request refused with a Fo03');
    expect(log).toContain('Fo01 received about an envelope we sent');
    for (const geheim of [BSN, '>Wit<', '>Tim<', '"Tim"', '1967-08-13', '<GGK:xmlBestand>', '/etc/passwd', 'Ontvangende organisatie onbekend. ']) expect(log).not.toContain(geheim);
  });
});
