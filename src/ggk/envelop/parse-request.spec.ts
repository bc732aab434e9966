import { describe, expect, it } from 'vitest';
import { bytes, ggkVoorbeeld, inSoap, testGgkSchemas } from '../../../test/support/ggk';
import { vervang, voorbeeld } from '../../../test/support/istandaarden';
import { parseGgkRequest, type ParseGgkOptions } from './parse-request';
import type { GgkSchemas } from './ggk-schemas';
import type { GgkParseResultaat, GgkWeigering } from './types';

const DI01_XML = 'envelopHeenbericht-ggk_Di01_v21-xml';
const DI01_TEKST = 'envelopHeenbericht-ggk_Di01_v21-tekst';
const DU01 = 'envelopRetourbericht-ggk_Du01-v21';
const DI01_PAYLOAD = 'SGllciBzdGFhdCBlZW4gaVdtby9pSnctaGVlbmJlcmljaHQu';
const DU01_PAYLOAD = 'SGllciBzdGFhdCBlZW4gaVdtby9pSnctcmV0b3VyYmVyaWNodC4=';
const BSN = '999900006';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

async function parse(xml: string | Uint8Array, options?: ParseGgkOptions): Promise<GgkParseResultaat> {
  return parseGgkRequest(typeof xml === 'string' ? bytes(xml) : xml, await testGgkSchemas(), options);
}

/** Asserts a refusal with this code whose reason repeats none of the given content. */
function expectWeigering(r: GgkParseResultaat, code: string, ...nietInReden: string[]): GgkWeigering {
  expect(r.ok).toBe(false);
  const w = r as GgkWeigering;
  expect(w.code).toBe(code);
  expect(w.reason.length).toBeGreaterThan(10);
  for (const s of [BSN, ...nietInReden]) expect(w.reason).not.toContain(s);
  return w;
}

/** The Di01 example carrying a real WMO301 instead of its placeholder text. */
function di01MetWmo301(payload: string | Uint8Array = voorbeeld('WMO301')): string {
  return inSoap(vervang(ggkVoorbeeld(DI01_XML), DI01_PAYLOAD, b64(payload)));
}

describe('the official example envelopes', () => {
  it('are valid against ggk0210_msg_ggkberichten.xsd inside a SOAP 1.1 envelope', async () => {
    const schemas = await testGgkSchemas();
    for (const naam of [DI01_XML, DI01_TEKST, DU01, 'Fo01']) {
      expect(schemas.validateSoapEnvelope(inSoap(ggkVoorbeeld(naam)))).toEqual([]);
    }
  });

  it('Di01 (xml) is read field by field; its placeholder payload is no XML bericht (StUF055)', async () => {
    const w = expectWeigering(await parse(inSoap(ggkVoorbeeld(DI01_XML))), 'StUF055', DI01_PAYLOAD, 'Hier staat');
    expect(w.fault).toBe('client');
    expect(w.kind).toBe('Di01');
    expect(w.stuurgegevens).toEqual({
      berichtcode: 'Di01',
      zender: { organisatie: '0548', applicatie: 'Wmo Applicatie' },
      ontvanger: { organisatie: '01023456', applicatie: 'GGk' },
      referentienummer: '9c0f7b90-5c69-41e5-a837-0800200c9a66',
      tijdstipBericht: '20160421132514',
      functie: 'WMO301',
    });
    expect(w.parameters).toEqual({ applicatieVersie: '0004', applicatieSubversie: '0003', functieVersie: '0002', functieSubversie: '0002' });
    expect(w.reason).toMatch(/^Berichtbody is niet conform schema in sectormodel: payload: not XML/);
  });

  it('Di01 (xml) with a real WMO301 as payload is accepted', async () => {
    const r = await parse(di01MetWmo301());
    if (!r.ok || r.kind !== 'Di01') throw new Error(`expected a Di01, got ${JSON.stringify(r)}`);
    expect(r.operatie).toBe('ggk_Di01');
    expect(r.definitie.naam).toBe('WMO301');
    expect(r.stuurgegevens.functie).toBe('WMO301');
    expect(r.stuurgegevens.referentienummer).toBe('9c0f7b90-5c69-41e5-a837-0800200c9a66');
    expect(r.stuurgegevens.crossRefnummer).toBeUndefined();
    expect(r.bericht.text).toBe(voorbeeld('WMO301'));
    expect(Buffer.from(r.bericht.bytes).toString('utf8')).toBe(voorbeeld('WMO301'));
    expect(r.bericht.bomVerwijderd).toBe(false);
  });

  it('Di01 (tekst) names functie "Dummy", no iWmo/iJw bericht (IB102)', async () => {
    const w = expectWeigering(await parse(inSoap(ggkVoorbeeld(DI01_TEKST))), 'IB102');
    expect(w.stuurgegevens?.functie).toBe('Dummy');
    expect(w.stuurgegevens?.ontvanger).toEqual({ organisatie: 'CBS', applicatie: 'GGk' });
    expect(w.reason).toContain('functie Dummy');
  });

  it('Du01 is read with its crossRefnummer; with a real JW302 payload it is accepted', async () => {
    const w = expectWeigering(await parse(inSoap(ggkVoorbeeld(DU01))), 'StUF055', DU01_PAYLOAD);
    expect(w.stuurgegevens).toMatchObject({
      berichtcode: 'Du01',
      zender: { organisatie: '01023456', applicatie: 'Applicatie leverancier' },
      ontvanger: { organisatie: '0484', applicatie: 'GGk' },
      referentienummer: 'b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0',
      tijdstipBericht: '20160422142804',
      crossRefnummer: '9c0f7b90-5c69-41e5-a837-0800200c9a66',
      functie: 'WMO302',
    });
    let du01 = vervang(ggkVoorbeeld(DU01), DU01_PAYLOAD, b64(voorbeeld('JW302')));
    du01 = vervang(du01, '>WMO302<', '>JW302<');
    const r = await parse(inSoap(du01));
    if (!r.ok || r.kind !== 'Du01') throw new Error(`expected a Du01, got ${JSON.stringify(r)}`);
    expect(r.stuurgegevens.crossRefnummer).toBe('9c0f7b90-5c69-41e5-a837-0800200c9a66');
    expect(r.definitie.naam).toBe('JW302');
    expect(r.bericht.text).toBe(voorbeeld('JW302'));
  });

  it('Fo01 is accepted with its fout; its crossRefnummer (a UUID v1) is not checked', async () => {
    const r = await parse(inSoap(ggkVoorbeeld('Fo01')));
    if (!r.ok || r.kind !== 'Fo01') throw new Error(`expected a Fo01, got ${JSON.stringify(r)}`);
    expect(r.operatie).toBe('Fo01');
    expect(r.stuurgegevens).toEqual({
      berichtcode: 'Fo01',
      zender: { organisatie: 'IB', applicatie: 'GGK' },
      ontvanger: { organisatie: '54540051', applicatie: 'JW Applicatie', administratie: 'test', gebruiker: 'gebruiker1' },
      referentienummer: '78002f23-5bc5-4e3e-96ad-1d209d32a5d5',
      tijdstipBericht: '20160421144534',
      crossRefnummer: '9c0f7b90-5c69-11e5-a837-0800200c9a66',
    });
    expect(r.fout).toEqual({
      code: 'IB210',
      plek: 'client',
      omschrijving: 'Ontvangende organisatie onbekend. Organisatie 99999',
      details: 'JW315-00010004',
    });
  });

  it('a SOAP Header is allowed and ignored', async () => {
    const r = await parse(inSoap(ggkVoorbeeld('Fo01'), '<wsa:To xmlns:wsa="http://www.w3.org/2005/08/addressing">x</wsa:To>'));
    expect(r.ok).toBe(true);
  });
});

describe('refusals', () => {
  it('malformed SOAP: no Envelope, SOAP 1.2, two Body children, element after Body, unknown body element', async () => {
    const body = ggkVoorbeeld('Fo01');
    expectWeigering(await parse(body), 'StUF055');
    const soap12 = inSoap(body).replaceAll('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope');
    expect(expectWeigering(await parse(soap12), 'StUF055').reason).toContain('SOAP 1.2');
    expectWeigering(await parse(inSoap(body + body)), 'StUF055');
    expectWeigering(await parse(inSoap(body).replace('</soapenv:Body>', '</soapenv:Body><soapenv:Extra/>')), 'StUF055');
    expectWeigering(await parse(inSoap(body).replace('<soapenv:Body>', '<soapenv:Body>tekst')), 'StUF055');
    const bv03 = '<StUF:Bv03Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301"/>';
    expect(expectWeigering(await parse(inSoap(bv03)), 'StUF055').stuurgegevens).toBeUndefined();
  });

  it('not XML, not UTF-8, not well-formed', async () => {
    expect(expectWeigering(await parse('dit is geen xml'), 'StUF055').reason).toContain('not XML');
    expect(expectWeigering(await parse(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e])), 'StUF055').reason).toContain('UTF-8');
    const w = expectWeigering(await parse(inSoap(ggkVoorbeeld('Fo01')).replace('</soapenv:Envelope>', '')), 'StUF055');
    expect(w.reason).toContain('not well-formed');
    expectWeigering(await parse(new Uint8Array(0)), 'StUF055');
  });

  it('DOCTYPE, external entities and entity expansion are refused before parsing', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + inSoap('&x;').replace(/^<\?xml[^>]*\?>\s*/, '');
    expect(expectWeigering(await parse(xxe), 'StUF055', 'root:').reason).toContain('DOCTYPE');
    const lol = `<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` + inSoap('&b;');
    expectWeigering(await parse(lol.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '')), 'StUF055');
    // Without a DTD an entity reference is simply undefined.
    expectWeigering(await parse(inSoap(ggkVoorbeeld('Fo01')).replace('IB210', '&x;')), 'StUF055');
    // Also inside the payload.
    const payload = voorbeeld('WMO301').replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.org/x.dtd">');
    expect(expectWeigering(await parse(di01MetWmo301(payload)), 'StUF055').reason).toContain('DOCTYPE');
  });

  it('bad base64 fails the envelope schema (StUF055) without repeating it', async () => {
    const bad = 'SGl!ciBzdGFhdCBl\'ZW4gaVd0by9pSnctaGVlbmJlcmljaHQu';
    const w = expectWeigering(await parse(inSoap(vervang(ggkVoorbeeld(DI01_XML), DI01_PAYLOAD, bad))), 'StUF055', 'SGl', 'ciBz');
    expect(w.reason).toMatch(/xmlBestand: value is not a valid/);
    expect(w.stuurgegevens).toBeUndefined();
  });

  it('a payload that is not UTF-8 or not XML (StUF055)', async () => {
    const latin1 = Buffer.concat([Buffer.from('<wmo301:Bericht xmlns:wmo301="x">'), Buffer.from([0xe9]), Buffer.from('</wmo301:Bericht>')]);
    expect(expectWeigering(await parse(di01MetWmo301(latin1)), 'StUF055').reason).toContain('UTF-8');
    expect(expectWeigering(await parse(di01MetWmo301(`kapot ${BSN}`)), 'StUF055').reason).toContain('not XML');
    expectWeigering(await parse(di01MetWmo301('')), 'StUF055');
  });

  it('a payload that is another bericht than functie names (StUF055)', async () => {
    const w = expectWeigering(await parse(di01MetWmo301(voorbeeld('WMO305'))), 'StUF055');
    expect(w.reason).toContain('WMO301');
  });

  it('a payload with a byte-order mark is accepted without it', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(voorbeeld('WMO301'))]);
    const r = await parse(di01MetWmo301(bom));
    if (!r.ok || r.kind !== 'Di01') throw new Error('expected a Di01');
    expect(r.bericht.bomVerwijderd).toBe(true);
    expect(r.bericht.bytes[0]).toBe(0x3c);
  });

  it('an iWmo bericht as tekstBestand (StUF055)', async () => {
    const tekst = vervang(ggkVoorbeeld(DI01_TEKST), '>Dummy<', '>WMO301<');
    expect(expectWeigering(await parse(inSoap(tekst)), 'StUF055').reason).toContain('xmlBestand');
  });

  it('over 25 MB, base64 included (IB007), checked before parsing', async () => {
    const w = expectWeigering(await parse(new Uint8Array(25 * 1024 * 1024 + 1)), 'IB007');
    expect(w.reason).toContain('over the limit');
    expectWeigering(await parse(di01MetWmo301(), { maxBytes: 1000 }), 'IB007');
  });

  it('an envelope just under 25 MB is read (libxml2 HUGE text node)', async () => {
    const groot = voorbeeld('WMO301') + `<!--${'x'.repeat(18 * 1024 * 1024)}-->`;
    const r = await parse(di01MetWmo301(groot));
    if (!r.ok || r.kind !== 'Di01') throw new Error(`expected a Di01, got ${JSON.stringify({ ...r, bericht: undefined })}`);
    expect(r.bericht.bytes.byteLength).toBe(Buffer.byteLength(groot));
  });

  it('referentienummer not a UUID v4 (IB009), with the stuurgegevens to address the answer', async () => {
    const v1 = '9c0f7b90-5c69-11e5-a837-0800200c9a66';
    const w = expectWeigering(await parse(inSoap(vervang(ggkVoorbeeld(DI01_XML), '9c0f7b90-5c69-41e5-a837-0800200c9a66', v1))), 'IB009');
    expect(w.stuurgegevens?.referentienummer).toBe(v1);
    expect(w.stuurgegevens?.zender.organisatie).toBe('0548');
    const upper = '9C0F7B90-5C69-41E5-A837-0800200C9A66';
    expectWeigering(await parse(inSoap(vervang(ggkVoorbeeld(DI01_XML), '9c0f7b90-5c69-41e5-a837-0800200c9a66', upper))), 'IB009');
    // Du01: the crossRefnummer too.
    expectWeigering(await parse(inSoap(vervang(ggkVoorbeeld(DU01), '9c0f7b90-5c69-41e5-a837-0800200c9a66', 'geen-uuid'))), 'IB009');
    // Fo01: the schema has no pattern there, the check after the schema catches it.
    const fo01 = vervang(ggkVoorbeeld('Fo01'), '78002f23-5bc5-4e3e-96ad-1d209d32a5d5', '1257235360550');
    expect(expectWeigering(await parse(inSoap(fo01)), 'IB009').kind).toBe('Fo01');
  });

  it('functie unknown (IB102) or in the wrong berichtcode (IB240)', async () => {
    const onbekend = vervang(ggkVoorbeeld(DI01_XML), '>WMO301<', '>WMO399<');
    expect(expectWeigering(await parse(inSoap(onbekend)), 'IB102').reason).toContain('WMO399');
    const vreemd = vervang(ggkVoorbeeld(DI01_XML), '>WMO301<', '>&lt;b&gt;x<');
    expect(expectWeigering(await parse(inSoap(vreemd)), 'IB102').reason).not.toContain('<b>');
    const retourInDi01 = vervang(ggkVoorbeeld(DI01_XML), '>WMO301<', '>WMO306<');
    expect(expectWeigering(await parse(inSoap(retourInDi01)), 'IB240').reason).toContain('WMO306 travels in a Du01');
    const heenInDu01 = vervang(ggkVoorbeeld(DU01), '>WMO302<', '>JW323<');
    expectWeigering(await parse(inSoap(heenInDu01)), 'IB240');
  });

  it('envelope not conform the ggk0210 schema (StUF055) without repeating values', async () => {
    const cases: Array<[string, string, string]> = [
      ['<StUF:functie>WMO301</StUF:functie>', '', 'functie'],
      ['<StUF:applicatie>Wmo Applicatie</StUF:applicatie>', `<StUF:applicatie>${BSN}${'x'.repeat(60)}</StUF:applicatie>`, 'applicatie'],
      ['<StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>', `<StUF:tijdstipBericht>x'${BSN}'</StUF:tijdstipBericht>`, 'tijdstipBericht'],
      ['<GGK:applicatieVersie>0004</GGK:applicatieVersie>', '<GGK:applicatieVersie>4</GGK:applicatieVersie>', 'applicatieVersie'],
      ['<StUF:berichtcode>Di01</StUF:berichtcode>', '<StUF:berichtcode>Du01</StUF:berichtcode>', 'berichtcode'],
    ];
    for (const [zoek, door, element] of cases) {
      const w = expectWeigering(await parse(inSoap(vervang(ggkVoorbeeld(DI01_XML), zoek, door))), 'StUF055', "x'");
      expect(w.reason).toContain('does not conform to the ggk0210 schema');
      expect(w.reason).toContain(element);
    }
  });

  it('ontvanger not a gemeente this gateway serves (IB210) when GEMEENTE_CODES is given', async () => {
    expectWeigering(await parse(inSoap(ggkVoorbeeld('Fo01')), { gemeenteCodes: ['0363'] }), 'IB210');
    expect((await parse(inSoap(ggkVoorbeeld('Fo01')), { gemeenteCodes: ['54540051'] })).ok).toBe(true);
  });

  it('the XML declaration cannot make UTF-8 bytes be read as another encoding', async () => {
    const xml = inSoap(ggkVoorbeeld('Fo01').replace('Organisatie 99999', 'Organisatie Zuidéén')).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const r = await parse(xml);
    expect(r.ok && r.kind === 'Fo01' && r.fout.omschrijving).toBe('Ontvangende organisatie onbekend. Organisatie Zuidéén');
  });

  it('an internal failure is a server refusal (StUF058), reported to onInterneFout', async () => {
    const echt = await testGgkSchemas();
    const kapot = { lib: echt.lib, validateBody: () => { throw new Error('stuk'); } } as unknown as GgkSchemas;
    const fouten: unknown[] = [];
    const r = parseGgkRequest(bytes(inSoap(ggkVoorbeeld('Fo01'))), kapot, { onInterneFout: (e) => fouten.push(e) });
    const w = expectWeigering(r, 'StUF058');
    expect(w.fault).toBe('server');
    expect(fouten).toHaveLength(1);
  });

  it('never throws, whatever the bytes', async () => {
    const schemas = await testGgkSchemas();
    const seeds = [inSoap(ggkVoorbeeld('Fo01')), di01MetWmo301()];
    let state = 42;
    const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 300; i++) {
      const seed = Buffer.from(seeds[i % 2]);
      const cut = seed.subarray(0, Math.floor(random() * seed.length));
      const mutated = Buffer.from(seed);
      for (let j = 0; j < 5; j++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      for (const input of [cut, mutated]) {
        const r = parseGgkRequest(new Uint8Array(input), schemas);
        if (!r.ok) expect(['StUF055', 'IB009', 'IB102', 'IB240']).toContain(r.code);
      }
    }
  });
});
