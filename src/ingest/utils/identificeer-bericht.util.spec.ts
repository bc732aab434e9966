import { describe, expect, it } from 'vitest';
import { vervang, voorbeeld } from '../../../test/support/istandaarden';
import { identificeerBericht, isoDate, NietHerkendError } from './identificeer-bericht.util';

const MAX = 1024 * 1024;
const wmo305 = voorbeeld('WMO305');

function reden(xml: string | Uint8Array): string {
  try {
    identificeerBericht(typeof xml === 'string' ? Buffer.from(xml) : xml, MAX);
  } catch (e) {
    if (e instanceof NietHerkendError) return e.reason;
    throw e;
  }
  throw new Error('expected NietHerkendError');
}

describe('identificeerBericht', () => {
  it('reads the identifying header fields of a WMO305', () => {
    expect(identificeerBericht(Buffer.from(wmo305), MAX)).toEqual({
      bericht: 'WMO305',
      domein: 'wmo',
      berichtcode: '418',
      afzender: '65656055',
      ontvanger: '0363',
      identificatie: '123456789013',
      dagtekening: '2025-04-05',
    });
  });

  it('identifies iJw berichten as domein jeugd', () => {
    const v = identificeerBericht(Buffer.from(voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig')), MAX);
    expect(v.bericht).toBe('JW315');
    expect(v.domein).toBe('jeugd');
  });

  it('accepts a byte-order mark and a default namespace', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(wmo305)]);
    expect(identificeerBericht(bom, MAX).identificatie).toBe('123456789013');
    const plain = wmo305
      .replace(/wmo305:/g, '')
      .replace('xmlns:wmo305=', 'xmlns=');
    expect(identificeerBericht(Buffer.from(plain), MAX).bericht).toBe('WMO305');
  });

  it('keeps an impossible Dagtekening as null (the XSD check reports it)', () => {
    const xml = vervang(wmo305, '<iwmo:Dagtekening>2025-04-05</iwmo:Dagtekening>', '<iwmo:Dagtekening>2025-02-30</iwmo:Dagtekening>');
    expect(identificeerBericht(Buffer.from(xml), MAX).dagtekening).toBeNull();
  });

  it('refuses non-XML, DOCTYPEs, unknown namespaces and headerless input with a reason', () => {
    expect(reden('hello')).toMatch(/not XML/);
    expect(reden('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')).toMatch(/DOCTYPE/);
    expect(reden('<a xmlns="urn:other"><Header/></a>')).toMatch(/namespace 'urn:other' is not an iWmo 3.2 or iJw 3.2 bericht/);
    expect(reden(Buffer.from([0xff, 0xfe, 0x00]))).toMatch(/UTF-8/);
    expect(reden(wmo305.replace(/<wmo305:Header>[\s\S]*<\/wmo305:Header>/, ''))).toBe('bericht has no Header element');
  });

  it('refuses a header without Identificatie or with an over-long value', () => {
    expect(reden(vervang(wmo305, '<iwmo:Identificatie>123456789013</iwmo:Identificatie>', ''))).toBe('Header has no BerichtIdentificatie/Identificatie');
    expect(reden(vervang(wmo305, '<wmo305:Afzender>65656055</wmo305:Afzender>', `<wmo305:Afzender>${'1'.repeat(65)}</wmo305:Afzender>`))).toMatch(/Afzender is longer/);
  });

  it('refuses input over the size limit', () => {
    expect(() => identificeerBericht(Buffer.from(wmo305), 100)).toThrow(/over the limit of 100 bytes/);
  });

  it('never repeats header or client content in a reason', () => {
    const broken = vervang(wmo305, '<wmo305:Afzender>65656055</wmo305:Afzender>', '<wmo305:Afzender>65656055</wmo305:Afz>');
    const r = reden(broken);
    expect(r).toMatch(/Header is not readable XML/);
    expect(r).not.toContain('65656055');
  });
});

describe('identificeerBericht on a large bericht (only the start is decoded)', () => {
  // A comment after the Header pushes the document far beyond the decoded head.
  const groot = wmo305.replace(/(<\/wmo305:Header>)/, `$1<!--${'x'.repeat(200_000)}-->`);

  it('reads the header as for a small one', () => {
    expect(identificeerBericht(Buffer.from(groot), MAX)).toMatchObject({ bericht: 'WMO305', identificatie: '123456789013', afzender: '65656055' });
  });

  it('still refuses bytes that are not UTF-8 anywhere in the bericht', () => {
    const bytes = Buffer.from(groot);
    bytes[bytes.length - 100] = 0xff;
    expect(reden(bytes)).toBe('bericht is not valid UTF-8');
  });

  it('reads a Header that ends beyond the head from the whole document', () => {
    const laat = wmo305.replace(/(<wmo305:Header>)/, `$1<!--${'y'.repeat(100_000)}-->`);
    expect(identificeerBericht(Buffer.from(laat), MAX)).toMatchObject({ bericht: 'WMO305', identificatie: '123456789013' });
  });

  it('judges a prolog longer than the head on the whole document', () => {
    const prolog = wmo305.replace(/^(<\?xml[^>]*\?>)/, `$1<!--${'z'.repeat(100_000)}-->`);
    expect(identificeerBericht(Buffer.from(prolog), MAX)).toMatchObject({ bericht: 'WMO305' });
    expect(reden(prolog.replace(/-->/, '-- >'))).toBe('not XML: unterminated comment');
  });
});

describe('isoDate', () => {
  it('keeps real dates only', () => {
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate('2023-02-29')).toBeNull();
    expect(isoDate('20240101')).toBeNull();
    expect(isoDate(null)).toBeNull();
  });
});
