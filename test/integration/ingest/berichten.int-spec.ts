import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, TEST_MAX_BERICHT_BYTES, TOKENS, type TestApp } from '../../support/app';
import { sql } from '../../support/database';
import { testDatabase, type TestDatabase } from '../../support/test-database';
import { vervang, voorbeeld } from '../../support/istandaarden';
import { wmo301 } from '../../support/berichten';

const WMO305 = voorbeeld('WMO305');
const BSN = '999900006';
let volgnummer = 100;

/** A WMO305 with its own BerichtIdentificatie, so tests do not share rows. */
function wmo305(xml = WMO305): string {
  return vervang(xml, '<iwmo:Identificatie>123456789013</iwmo:Identificatie>', `<iwmo:Identificatie>TEST${volgnummer++}</iwmo:Identificatie>`);
}

describe('POST /api/berichten and GET /api/berichten/:id', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await testDatabase();
    t = await startTestApp(db.url, { GGK_RELAY_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const post = (body: string | Buffer, token: string = TOKENS.koppeling, type = 'application/xml') =>
    t.http().post('/api/berichten').set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(body);
  const get = (id: string, token: string = TOKENS.backoffice) => t.http().get(`/api/berichten/${id}`).set('Authorization', `Bearer ${token}`);

  it('stores the exact bytes in a committed row before answering 202', async () => {
    const xml = wmo305();
    const res = await post(xml).set('X-Correlation-Id', 'corr-ingest-1');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'ontvangen' });
    expect(res.headers['x-correlation-id']).toBe('corr-ingest-1');
    expect(res.headers.location).toBe(`/api/berichten/${res.body.id}`);
    // A separate connection sees the row the moment the answer is in: it was committed first.
    const rows = await sql<{ raw: Buffer; bericht: string; domein: string; berichtcode: string; afzender: string; kanaal: string; correlation_id: string; dagtekening: string }>(
      db.url,
      `SELECT raw, bericht, domein, berichtcode, afzender, kanaal, correlation_id, to_char(dagtekening, 'YYYY-MM-DD') AS dagtekening
         FROM client_inbound_bericht WHERE id = $1`,
      [res.body.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].raw.equals(Buffer.from(xml, 'utf8'))).toBe(true);
    expect(rows[0]).toMatchObject({ bericht: 'WMO305', domein: 'wmo', berichtcode: '418', afzender: '65656055', kanaal: 'rest', correlation_id: 'corr-ingest-1', dagtekening: '2025-04-05' });
  });

  it('answers the same bytes again with the same id and stores nothing twice', async () => {
    const xml = wmo305();
    const first = await post(xml);
    const again = await post(xml);
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const [{ n }] = await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM client_inbound_bericht WHERE content_sha256 = encode(sha256($1::bytea), 'hex')`, [Buffer.from(xml)]);
    expect(n).toBe('1');
  });

  it('refuses a different bericht reusing the BerichtIdentificatie with 409 (TR056)', async () => {
    const xml = wmo305();
    const first = await post(xml);
    const other = vervang(xml, '<wmo305:Geslacht>1</wmo305:Geslacht>', '<wmo305:Geslacht>2</wmo305:Geslacht>');
    const res = await post(other);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INGEST.DUPLICATE_IDENTIFICATIE');
    expect(res.body.message).toContain(first.body.id);
  });

  it('refuses a body over MAX_BERICHT_BYTES with 413 and stores nothing', async () => {
    const [{ n: before }] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM client_inbound_bericht');
    const padded = WMO305.replace('</wmo305:Bericht>', `<!--${'x'.repeat(TEST_MAX_BERICHT_BYTES)}--></wmo305:Bericht>`);
    const res = await post(padded);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ code: 'INGEST.TOO_LARGE', message: `bericht is larger than the limit of ${TEST_MAX_BERICHT_BYTES} bytes` });
    const [{ n: after }] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM client_inbound_bericht');
    expect(after).toBe(before);
  });

  it('refuses non-XML and unknown XML with 400 and a reason', async () => {
    const notXml = await post('dit is geen xml');
    expect(notXml.status).toBe(400);
    expect(notXml.body).toEqual({ code: 'INGEST.NOT_A_BERICHT', message: 'not an iWmo/iJw 3.2 bericht: not XML: content before the root element' });
    const other = await post('<Bericht xmlns="urn:iets-anders"><Header/></Bericht>');
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/namespace 'urn:iets-anders' is not an iWmo 3.2 or iJw 3.2 bericht/);
    const doctype = await post('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    expect(doctype.status).toBe(400);
    expect(doctype.body.message).toMatch(/DOCTYPE/);
  });

  it('refuses other content types with 415', async () => {
    const res = await post(JSON.stringify({ a: 1 }), TOKENS.koppeling, 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('INGEST.UNSUPPORTED_MEDIA_TYPE');
    expect((await post(wmo305(), TOKENS.koppeling, 'text/xml; charset=utf-8')).status).toBe(202);
  });

  it('needs a bearer token (401) with a fitting role (403)', async () => {
    const none = await t.http().post('/api/berichten').set('Content-Type', 'application/xml').send(wmo305());
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await post(wmo305(), 'wrong-token')).status).toBe(401);
    const forbidden = await post(wmo305(), TOKENS.contractmanager);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    expect((await t.http().get('/api/berichten/00000000-0000-4000-8000-000000000000')).status).toBe(401);
    expect((await post(wmo305(), TOKENS.backoffice)).status).toBe(202);
  });

  it('answers 404 and 400 for unknown and malformed ids', async () => {
    const missing = await get('00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('INGEST.NOT_FOUND');
    const bad = await get('not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INGEST.INVALID_ID');
  });

  const klaar = async (id: string) =>
    eventually(async () => {
      const r = await get(id);
      return r.body.status === 'ontvangen' || r.body.status === 'in_verwerking' ? undefined : r.body;
    }, `bericht ${id} to be processed`);

  it('shows the verdict and the envelope it went out in once our valid 301 is processed, without content', async () => {
    const { body } = await post(wmo301(`TEST${volgnummer++}`));
    const shown = await klaar(body.id);
    expect(shown).toMatchObject({
      id: body.id,
      status: 'verwerkt',
      kanaal: 'rest',
      duplicaatVan: null,
      bericht: 'WMO301',
      domein: 'wmo',
      afzender: '0363',
      pogingen: 1,
      verdict: { bericht: 'WMO301', valid: true, xsd: [], regels: [] },
      antwoord: { envelop: 'Di01', functie: 'WMO301', referentienummer: expect.any(String), crossRefnummer: null, outboxId: expect.any(String), retourcodes: [] },
    });
    expect(shown.verwerktOp).toEqual(expect.any(String));
    const text = JSON.stringify(shown);
    for (const secret of [BSN, 'Wit', 'Tim', '1967-08-13', '<wmo301:', '<soapenv:']) expect(text).not.toContain(secret);
  });

  it('a WMO305 over REST is judged against the register; its retour is built but there is no envelope to send it in', async () => {
    // The 301 of the test above assigned 300201; 300202 is unknown (TR019).
    const { body } = await post(wmo305());
    const shown = await klaar(body.id);
    expect(shown.status).toBe('afgekeurd');
    expect(shown.verdict.regels).toEqual([{ code: 'TR019', retourcode: '9019', locatie: ['/Bericht/Client/StartProducten/StartProduct[2]'] }]);
    expect(shown.antwoord).toMatchObject({
      envelop: null,
      functie: 'WMO306',
      outboxId: null,
      retourcodes: [
        { locatie: '/Bericht/Header', codes: ['0200'] },
        { locatie: '/Bericht/Client', codes: ['0200'] },
        { locatie: '/Bericht/Client/StartProducten/StartProduct[1]', codes: ['0200'] },
        { locatie: '/Bericht/Client/StartProducten/StartProduct[2]', codes: ['9019'] },
      ],
    });
  });

  it('marks a schema-invalid bericht uitval and a rule failure afgekeurd', async () => {
    const xsdFout = await post(voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig'));
    const cs002 = await post(vervang(wmo305(), `<wmo305:Bsn>${BSN}</wmo305:Bsn>`, '<wmo305:Bsn>999900007</wmo305:Bsn>'));
    expect([xsdFout.status, cs002.status]).toEqual([202, 202]);
    const uitval = await eventually(async () => {
      const r = await get(xsdFout.body.id);
      return r.body.status === 'ontvangen' || r.body.status === 'in_verwerking' ? undefined : r.body;
    }, 'JW315 to be processed');
    expect(uitval.status).toBe('uitval');
    expect(uitval.verdict.valid).toBe(false);
    expect(uitval.verdict.xsd.length).toBeGreaterThan(0);
    const afgekeurd = await eventually(async () => {
      const r = await get(cs002.body.id);
      return r.body.status === 'ontvangen' || r.body.status === 'in_verwerking' ? undefined : r.body;
    }, 'the CS002 bericht to be processed');
    expect(afgekeurd.status).toBe('afgekeurd');
    expect(afgekeurd.verdict.regels.map((r: { code: string }) => r.code)).toContain('CS002');
    expect(JSON.stringify(afgekeurd)).not.toContain('999900007');
  });

  it('never writes a BSN, name or birth date to the log', async () => {
    const { body } = await post(wmo305());
    await klaar(body.id);
    const log = t.logs.join('');
    const requestLine = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.correlationId === 'corr-ingest-1' && l.msg === 'request completed');
    expect(requestLine).toMatchObject({ req: { method: 'POST', url: '/api/berichten' }, res: { statusCode: 202 } });
    expect(log).toContain('bericht stored');
    expect(log).toContain('bericht processed');
    for (const secret of [BSN, '999900007', 'Wit', '>Tim<', '"Tim"', '1967-08-13', TOKENS.koppeling]) expect(log).not.toContain(secret);
  });

  it('counts received and processed berichten in /metrics', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/istd_berichten_ontvangen_total\{kanaal="rest",bericht="WMO305",resultaat="opgeslagen"\} \d+/);
    expect(res.text).toMatch(/istd_berichten_ontvangen_total\{kanaal="rest",bericht="WMO305",resultaat="herhaald"\} 1/);
    expect(res.text).toMatch(/istd_berichten_verwerkt_total\{bericht="WMO301",status="verwerkt"\} \d+/);
    expect(res.text).toMatch(/istd_berichten_verwerkt_total\{bericht="WMO305",status="afgekeurd"\} \d+/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});
