import { describe, expect, it } from 'vitest';
import { bytes, ggkVoorbeeld, inSoap, testGgkSchemas } from '../../../test/support/ggk';
import { voorbeeld } from '../../../test/support/istandaarden';
import { buildBv03, buildFo03, buildFo03VoorWeigering } from './build-antwoord';
import { buildDi01, buildDu01, buildFo01, type Di01Input } from './build-uitgaand';
import { parseGgkRequest } from './parse-request';
import { GgkBuildError } from './stuurgegevens-xml';
import { stufTijdstip } from './tijdstip';
import type { GgkParseResultaat, GgkStuurgegevens, GgkVerzoek } from './types';

const WIJ = { organisatie: '0363', applicatie: 'istd-gateway' };
const AANBIEDER = { organisatie: '12345678', applicatie: 'Zorgsysteem' };
const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };
const NU = new Date('2026-01-15T10:20:30.456Z');

async function valideer(xml: string) {
  return (await testGgkSchemas()).validateSoapEnvelope(xml);
}

async function parse(xml: string): Promise<GgkParseResultaat> {
  return parseGgkRequest(bytes(xml), await testGgkSchemas());
}

function verzoek(r: GgkParseResultaat): GgkVerzoek {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.reason}`);
  return r;
}

function di01(overrides: Partial<Di01Input> = {}): Di01Input {
  return { zender: WIJ, ontvanger: '12345678', functie: 'WMO301', parameters: PARAMETERS, bericht: voorbeeld('WMO301'), ...overrides };
}

describe('Di01 (heenbericht) and Du01 (retourbericht, 325)', () => {
  it('a built Di01 is schema-valid and reads back field by field', async () => {
    const env = buildDi01(di01({ nu: NU }));
    expect(env.soapAction).toBe('http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01');
    expect(env.tijdstipBericht).toBe('20260115112030456');
    expect(await valideer(env.xml)).toEqual([]);
    const r = verzoek(await parse(env.xml));
    if (r.kind !== 'Di01') throw new Error(r.kind);
    expect(r.stuurgegevens).toEqual({
      berichtcode: 'Di01',
      zender: WIJ,
      ontvanger: { organisatie: '12345678', applicatie: 'GGk' },
      referentienummer: env.referentienummer,
      tijdstipBericht: env.tijdstipBericht,
      functie: 'WMO301',
    });
    expect(r.parameters).toEqual(PARAMETERS);
    expect(r.bericht.text).toBe(voorbeeld('WMO301'));
  });

  it('new referentienummers are UUID v4 and differ per envelope', () => {
    const a = buildDi01(di01()).referentienummer;
    const b = buildDi01(di01()).referentienummer;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('an aanbieder-side Di01 (WMO323) round-trips too, as tests and tools build them', async () => {
    const env = buildDi01(di01({ zender: AANBIEDER, ontvanger: '0363', functie: 'WMO323', bericht: bytes(voorbeeld('WMO323')) }));
    expect(await valideer(env.xml)).toEqual([]);
    const r = verzoek(await parse(env.xml));
    expect(r.kind === 'Di01' && r.definitie.naam).toBe('WMO323');
  });

  it('a built Du01 answers a Di01: crossRefnummer is its referentienummer; 325 travels in a Du01', async () => {
    const heen = verzoek(await parse(buildDi01(di01({ zender: AANBIEDER, ontvanger: '0363', functie: 'JW305', bericht: voorbeeld('JW305') })).xml));
    for (const functie of ['JW306', 'JW325']) {
      const env = buildDu01({ ...di01({ functie, bericht: voorbeeld(functie) }), crossRefnummer: heen.stuurgegevens.referentienummer });
      expect(env.soapAction).toBe('http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01');
      expect(await valideer(env.xml)).toEqual([]);
      const r = verzoek(await parse(env.xml));
      if (r.kind !== 'Du01') throw new Error(r.kind);
      expect(r.stuurgegevens.crossRefnummer).toBe(heen.stuurgegevens.referentienummer);
      expect(r.stuurgegevens.referentienummer).toBe(env.referentienummer);
      expect(r.definitie.naam).toBe(functie);
      expect(r.bericht.text).toBe(voorbeeld(functie));
    }
  });

  it('a BOM in front of the bericht is not sent', async () => {
    const env = buildDi01(di01({ bericht: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(voorbeeld('WMO301'))]) }));
    const r = verzoek(await parse(env.xml));
    expect(r.kind !== 'Fo01' && r.bericht.bomVerwijderd).toBe(false);
  });

  it('everything is escaped', async () => {
    const zender = { organisatie: '0363 <&>', applicatie: `a"b'c<d>&e\r\u0001`, administratie: ']]>' };
    const env = buildDi01(di01({ zender }));
    expect(await valideer(env.xml)).toEqual([]);
    const r = verzoek(await parse(env.xml));
    expect(r.stuurgegevens.zender).toEqual({ ...zender, applicatie: `a"b'c<d>&e\r\uFFFD` });
  });

  it('refuses to build what the keten would refuse', () => {
    const fout = (f: () => unknown, melding: RegExp) => {
      expect(f).toThrow(GgkBuildError);
      expect(f).toThrow(melding);
    };
    fout(() => buildDi01(di01({ functie: 'WMO302', bericht: voorbeeld('WMO301') })), /not a WMO302|travels in a Du01/);
    fout(() => buildDi01(di01({ functie: 'WMO325', bericht: voorbeeld('WMO325') })), /travels in a Du01/);
    fout(() => buildDu01({ ...di01({ functie: 'WMO301' }), crossRefnummer: crypto.randomUUID() }), /travels in a Di01/);
    fout(() => buildDu01({ ...di01({ functie: 'WMO325', bericht: voorbeeld('WMO325') }), crossRefnummer: 'abc' }), /UUID v4/);
    fout(() => buildDi01(di01({ functie: 'Dummy' })), /not an iWmo/);
    fout(() => buildDi01(di01({ functie: 'WMO319' })), /not a WMO319/);
    fout(() => buildDi01(di01({ bericht: 'geen xml' })), /not XML/);
    fout(() => buildDi01(di01({ parameters: { ...PARAMETERS, functieVersie: '3' } })), /four digits/);
    fout(() => buildDi01(di01({ zender: { organisatie: '0363', applicatie: 'ab' } })), /applicatie/);
    fout(() => buildDi01(di01({ referentienummer: 'abc' })), /UUID v4/);
    fout(() => buildDi01(di01({ maxBytes: 2000 })), /over the limit/);
  });
});

describe('Fo01 (foutbericht to the sender)', () => {
  it('a built Fo01 for a StUF055 is schema-valid and reads back with details functie-versie', async () => {
    const heen = verzoek(await parse(buildDi01(di01({ zender: AANBIEDER, ontvanger: '0363', functie: 'WMO323', bericht: voorbeeld('WMO323') })).xml));
    if (heen.kind !== 'Di01') throw new Error(heen.kind);
    const env = buildFo01({
      zender: WIJ,
      antwoordOp: { stuurgegevens: heen.stuurgegevens, parameters: heen.parameters },
      fout: { code: 'StUF055', omschrijving: `Berichtbody is niet conform schema in sectormodel: ${'lang '.repeat(100)}` },
    });
    expect(env.soapAction).toBe('http://www.egem.nl/StUF/StUF0301/Fo01');
    expect(await valideer(env.xml)).toEqual([]);
    const r = verzoek(await parse(env.xml));
    if (r.kind !== 'Fo01') throw new Error(r.kind);
    expect(r.stuurgegevens.crossRefnummer).toBe(heen.stuurgegevens.referentienummer);
    expect(r.stuurgegevens.ontvanger).toEqual({ organisatie: '12345678', applicatie: 'GGk' });
    expect(r.fout.code).toBe('StUF055');
    expect(r.fout.plek).toBe('client');
    expect(Array.from(r.fout.omschrijving)).toHaveLength(200);
    expect(r.fout.details).toBe('WMO323-00010000');
  });

  it('a Fo01 needs a UUID v4 to refer to', () => {
    const stuurgegevens: GgkStuurgegevens = {
      berichtcode: 'Di01', zender: AANBIEDER, ontvanger: WIJ, referentienummer: '1234', tijdstipBericht: '20260101000000',
    };
    expect(() => buildFo01({ zender: WIJ, antwoordOp: { stuurgegevens }, fout: { code: 'StUF055', omschrijving: 'x' } })).toThrow(/UUID v4/);
    expect(() =>
      buildFo01({ zender: WIJ, antwoordOp: { stuurgegevens: { ...stuurgegevens, referentienummer: crypto.randomUUID() } }, fout: { code: 'TOOLONG1', omschrijving: 'x' } }),
    ).toThrow(/1 to 7/);
  });
});

describe('Bv03 and Fo03 (synchronous answers)', () => {
  it('Bv03 answers a call: schema-valid, crossRefnummer = its referentienummer, HTTP 200', async () => {
    const fo01 = verzoek(await parse(inSoap(ggkVoorbeeld('Fo01'))));
    const bv03 = buildBv03({ zender: WIJ, antwoordOp: fo01.stuurgegevens, nu: NU });
    expect(bv03.httpStatus).toBe(200);
    expect(await valideer(bv03.xml)).toEqual([]);
    expect(bv03.xml).toContain('<StUF:crossRefnummer>78002f23-5bc5-4e3e-96ad-1d209d32a5d5</StUF:crossRefnummer>');
    expect(bv03.xml).toContain('<StUF:ontvanger><StUF:organisatie>IB</StUF:organisatie><StUF:applicatie>GGK</StUF:applicatie></StUF:ontvanger>');
    expect(bv03.xml).toContain('<StUF:tijdstipBericht>20260115112030456</StUF:tijdstipBericht>');
  });

  it('Fo03 is a SOAP 1.1 Fault with the Fo03Bericht in detail: schema-valid, HTTP 500', async () => {
    const fo03 = buildFo03({ zender: WIJ, fout: { code: 'StUF058', plek: 'server', omschrijving: 'Proces voor afhandelen bericht geeft fout' } });
    expect(fo03.httpStatus).toBe(500);
    expect(await valideer(fo03.xml)).toEqual([]);
    expect(fo03.xml).toContain('<faultcode>soapenv:Server</faultcode>');
    expect(fo03.xml).toContain('<StUF:crossRefnummer></StUF:crossRefnummer>');
  });

  it('every refusal can be answered with a schema-valid Fo03', async () => {
    const refusals = [
      'geen xml',
      inSoap(ggkVoorbeeld('envelopHeenbericht-ggk_Di01_v21-xml')),
      inSoap(ggkVoorbeeld('envelopHeenbericht-ggk_Di01_v21-tekst')),
      inSoap(ggkVoorbeeld('envelopRetourbericht-ggk_Du01-v21').replace('b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0', `${'x'.repeat(38)}'&lt;`)),
      inSoap(ggkVoorbeeld('envelopRetourbericht-ggk_Du01-v21').replace('b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0', 'x'.repeat(45))),
    ];
    for (const xml of refusals) {
      const r = await parse(xml);
      if (r.ok) throw new Error('expected a refusal');
      const fo03 = buildFo03VoorWeigering(r, { zender: WIJ });
      expect(await valideer(fo03.xml)).toEqual([]);
      expect(fo03.xml).toContain(`<StUF:code>${r.code}</StUF:code>`);
      expect(fo03.xml).toContain('<faultcode>soapenv:Client</faultcode>');
    }
    const [lang, teLang] = [await parse(refusals[3]), await parse(refusals[4])];
    if (lang.ok || teLang.ok) throw new Error('expected refusals');
    expect([lang.code, teLang.code]).toEqual(['IB009', 'IB009']);
    expect(buildFo03VoorWeigering(lang, { zender: WIJ }).xml).toContain(`<StUF:crossRefnummer>${'x'.repeat(38)}&apos;&lt;</StUF:crossRefnummer>`);
    expect(buildFo03VoorWeigering(teLang, { zender: WIJ }).xml).toContain('<StUF:crossRefnummer></StUF:crossRefnummer>');
    expect(buildFo03VoorWeigering(teLang, { zender: WIJ }).xml).toContain('<StUF:organisatie>01023456</StUF:organisatie>');
    const w = await parse(refusals[1]);
    if (w.ok) throw new Error('expected a refusal');
    const xml = buildFo03VoorWeigering(w, { zender: WIJ }).xml;
    expect(xml).toContain('<StUF:crossRefnummer>9c0f7b90-5c69-41e5-a837-0800200c9a66</StUF:crossRefnummer>');
    expect(xml).toContain('<StUF:details>WMO301-00040003</StUF:details>');
  });
});

describe('StUF tijdstip', () => {
  it('is Dutch local time, JJJJMMDDUUMMSSmmm, in winter and in summer', () => {
    expect(stufTijdstip(new Date('2026-01-15T10:20:30.456Z'))).toBe('20260115112030456');
    expect(stufTijdstip(new Date('2026-07-01T22:00:00.007Z'))).toBe('20260702000000007');
  });
});
