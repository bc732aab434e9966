import { describe, expect, it } from 'vitest';
import { testSchemas, valideer, voorbeeld, vervang } from '../../test/support/istandaarden';
import { validateBericht } from './validate';

/** Hostile and odd input is answered with an xsd finding, never obeyed and never a crash. */
describe('input handling', () => {
  const start = voorbeeld('WMO305');
  const afterDecl = (xml: string, insert: string) => xml.replace(/^(<\?xml[^>]*\?>)/, `$1\n${insert}`);

  it('refuses a DOCTYPE with an external entity (XXE) without reading the file', async () => {
    const xml = afterDecl(start, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>').replace('<wmo305:Geslacht>', '<wmo305:Geslacht>&e;');
    const v = await valideer(xml);
    expect(v.valid).toBe(false);
    expect(v.xsd).toEqual([{ line: 2, message: 'DOCTYPE and entity declarations are not allowed in a bericht' }]);
    expect(JSON.stringify(v)).not.toContain('root:');
  });

  it('refuses entity expansion (billion laughs)', async () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const v = await valideer(afterDecl(start, lol));
    expect(v.valid).toBe(false);
    expect(v.xsd[0].message).toMatch(/DOCTYPE/);
  });

  it('answers deep nesting with a finding instead of exhausting the stack', async () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const xml = start.replace('<wmo305:Header>', `<wmo305:Header>${deep}`);
    const v = await valideer(xml);
    expect(v.valid).toBe(false);
    expect(v.xsd.length).toBeGreaterThan(0);
  });

  it('refuses input over the size cap before parsing', async () => {
    const v = validateBericht(Buffer.alloc(25 * 1024 * 1024 + 1, 0x20), await testSchemas());
    expect(v.xsd).toEqual([{ line: null, message: 'bericht is 26214401 bytes, over the limit of 26214400 bytes' }]);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(start.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(start.slice(200))]);
    const v = validateBericht(bytes, await testSchemas());
    expect(v.xsd[0].message).toBe('bericht is not valid UTF-8');
  });

  it('accepts a byte-order mark and CRLF line ends', async () => {
    const v = await valideer('\ufeff' + start.replace(/\r?\n/g, '\r\n'));
    expect(v).toMatchObject({ bericht: 'WMO305', valid: true });
  });

  it('detects the bericht from a default namespace and from any prefix', async () => {
    const defaultNs = start
      .replace(/<(\/?)wmo305:/g, '<$1')
      .replace('xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"', 'xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"');
    expect(await valideer(defaultNs)).toMatchObject({ bericht: 'WMO305', valid: true });
    const otherPrefix = start.replace(/<(\/?)wmo305:/g, '<$1x:').replace('xmlns:wmo305=', 'xmlns:x=');
    expect(await valideer(otherPrefix)).toMatchObject({ bericht: 'WMO305', valid: true });
  });

  it('reports a namespace that is not an iWmo/iJw 3.2 bericht with bericht null', async () => {
    const v = await valideer(start.replace(/iwmo\/3_2\/wmo305/g, 'iwmo/3_1/wmo305'));
    expect(v.bericht).toBeNull();
    expect(v.xsd[0].message).toMatch(/is not an iWmo 3.2 or iJw 3.2 bericht/);
  });

  it('judges a bericht whose namespace does not match its BerichtCode by its schema', async () => {
    const v = await valideer(vervang(start, '<wmo305:BerichtCode>418</wmo305:BerichtCode>', '<wmo305:BerichtCode>420</wmo305:BerichtCode>'));
    expect(v).toMatchObject({ bericht: 'WMO305', valid: false });
    expect(v.xsd[0].message).toMatch(/BerichtCode/);
  });

  it('does not echo the offending value in schema messages', async () => {
    const v = await valideer(vervang(start, '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>12345678X</wmo305:Bsn>'));
    expect(v.valid).toBe(false);
    expect(JSON.stringify(v.xsd)).not.toContain('12345678X');
  });
});
