import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildBv03, buildFo03, type GgkStuurgegevens } from '../ggk/envelop';
import { beoordeelAntwoord, veilig } from './ggk-antwoord';

const REF = randomUUID();
const ZENDER = { organisatie: 'GGK', applicatie: 'GGk' };

function stuurgegevens(ref = REF): GgkStuurgegevens {
  return {
    berichtcode: 'Du01',
    zender: { organisatie: '0363', applicatie: 'istd-gateway' },
    ontvanger: { organisatie: '65656055', applicatie: 'GGk' },
    referentienummer: ref,
    tijdstipBericht: '20260101120000000',
    functie: 'WMO306',
  };
}

const bv03 = (ref = REF) => buildBv03({ zender: ZENDER, antwoordOp: stuurgegevens(ref) });
const fo03 = (code: string, plek: 'client' | 'server', omschrijving = 'Bericht is niet goed') =>
  buildFo03({ zender: ZENDER, antwoordOp: stuurgegevens(), fout: { code, plek, omschrijving } });

describe('beoordeelAntwoord', () => {
  it('a 2xx with a Bv03 about our referentienummer is delivered', () => {
    const a = bv03();
    expect(beoordeelAntwoord(200, a.xml, REF, 1)).toEqual({ soort: 'bevestigd', httpStatus: 200, antwoordRefnummer: a.referentienummer, reden: 'HTTP 200 Bv03' });
  });

  it('an empty 2xx is delivered (transport acknowledgement)', () => {
    expect(beoordeelAntwoord(202, '', REF, 1)).toMatchObject({ soort: 'bevestigd', httpStatus: 202, antwoordRefnummer: null });
  });

  it('a Bv03 about another message is not a delivery', () => {
    expect(beoordeelAntwoord(200, bv03(randomUUID()).xml, REF, 1)).toMatchObject({ soort: 'mislukt' });
  });

  it('a 2xx with something else (a proxy page) is retried', () => {
    expect(beoordeelAntwoord(200, '<html><body>login</body></html>', REF, 1)).toMatchObject({ soort: 'mislukt', reden: 'HTTP 200 without a Bv03 or SOAP Fault' });
    expect(beoordeelAntwoord(200, 'not xml at all <', REF, 1)).toMatchObject({ soort: 'mislukt' });
  });

  it('a Fo03 with plek client is refused, with code and text in the reason', () => {
    const a = fo03('StUF055', 'client', 'Berichtbody is niet conform schema');
    expect(beoordeelAntwoord(500, a.xml, REF, 1)).toEqual({
      soort: 'geweigerd',
      httpStatus: 500,
      reden: 'Fo03 StUF055 (client): Berichtbody is niet conform schema',
      foutcode: 'StUF055',
    });
  });

  it('a Fo03 with plek server is retried', () => {
    expect(beoordeelAntwoord(500, fo03('StUF058', 'server').xml, REF, 1)).toMatchObject({ soort: 'mislukt', reden: expect.stringContaining('StUF058') });
  });

  it('IB216 on a later attempt means an earlier one arrived; on the first it is refused', () => {
    const a = fo03('IB216', 'client', 'Combinatie zender en referentienummer niet uniek');
    expect(beoordeelAntwoord(500, a.xml, REF, 2)).toMatchObject({ soort: 'bevestigd' });
    expect(beoordeelAntwoord(500, a.xml, REF, 1)).toMatchObject({ soort: 'geweigerd', foutcode: 'IB216' });
  });

  it('a plain SOAP Fault without Fo03 follows its faultcode', () => {
    const fault = (code: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:${code}</faultcode><faultstring>nee</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(beoordeelAntwoord(500, fault('Client'), REF, 1)).toMatchObject({ soort: 'geweigerd', reden: 'Fo03 Client (client): nee' });
    expect(beoordeelAntwoord(500, fault('Server'), REF, 1)).toMatchObject({ soort: 'mislukt' });
  });

  it('5xx, 408 and 429 are retried; other 4xx refused', () => {
    for (const s of [500, 502, 503, 504, 408, 429]) expect(beoordeelAntwoord(s, '', REF, 1).soort, String(s)).toBe('mislukt');
    for (const s of [400, 401, 403, 404, 413, 415]) expect(beoordeelAntwoord(s, '', REF, 1).soort, String(s)).toBe('geweigerd');
    expect(beoordeelAntwoord(302, '', REF, 1)).toMatchObject({ soort: 'mislukt', reden: 'HTTP 302 (redirects are not followed)' });
  });
});

describe('veilig', () => {
  it('keeps one short line without nine-digit numbers', () => {
    expect(veilig('BSN 999900006\n  onbekend')).toBe('BSN ######### onbekend');
    expect(veilig('x'.repeat(300))).toHaveLength(200);
    expect(veilig('AGB 65656055')).toBe('AGB 65656055');
  });
});
