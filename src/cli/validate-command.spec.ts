import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { voorbeeld, vervang, xsdDir } from '../../test/support/istandaarden';
import { parseValidateArgs, runValidate, type Output } from './validate-command';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const dir = mkdtempSync(join(tmpdir(), 'istd-cli-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('istd-gateway validate', () => {
  it('prints one JSON line per file in input order and exits 0 when all are valid', async () => {
    const io = capture();
    const a = file('a.xml', voorbeeld('WMO305'));
    const b = file('b.xml', voorbeeld('JW305'));
    const code = await runValidate(['--json', '--xsd-dir', xsdDir(), a, b], io, {});
    expect(code).toBe(0);
    expect(io.stdout.map((l) => JSON.parse(l))).toEqual([
      { file: a, bericht: 'WMO305', valid: true, xsd: [], regels: [] },
      { file: b, bericht: 'JW305', valid: true, xsd: [], regels: [] },
    ]);
  });

  it('exits 1 when a file breaks a rule and reports code, retourcode and locatie', async () => {
    const io = capture();
    const bad = file('bad-bsn.xml', vervang(voorbeeld('WMO305'), '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>999900007</wmo305:Bsn>'));
    const code = await runValidate(['--json', bad], io, { ISTANDAARDEN_XSD_DIR: xsdDir() });
    expect(code).toBe(1);
    const line = JSON.parse(io.stdout[0]);
    expect(line).toMatchObject({ bericht: 'WMO305', valid: false, xsd: [] });
    expect(line.regels).toEqual([{ code: 'CS002', retourcode: '0001', locatie: ['/Bericht/Client/Bsn'] }]);
  });

  it('gives an unreadable file and a non-XML file their own line, and exits 2 for the I/O error', async () => {
    const io = capture();
    const missing = join(dir, 'does-not-exist.xml');
    const text = file('note.txt', 'dit is geen xml');
    const code = await runValidate(['--json', '--xsd-dir', xsdDir(), missing, text], io, {});
    expect(code).toBe(2);
    const [l1, l2] = io.stdout.map((l) => JSON.parse(l));
    expect(l1).toMatchObject({ file: missing, bericht: null, valid: false, regels: [] });
    expect(l1.xsd[0].message).toMatch(/cannot read file/);
    expect(l2).toMatchObject({ file: text, bericht: null, valid: false, regels: [] });
    expect(l2.xsd[0].message).toMatch(/not XML/);
  });

  it('exits 2 with a usage message for a missing schema directory or no files', async () => {
    const io = capture();
    expect(await runValidate(['a.xml'], io, {})).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/no schema directory/);
    expect(await runValidate(['--xsd-dir', xsdDir()], io, {})).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/no files given/);
    expect(await runValidate(['--xsd-dir', join(dir, 'nope'), 'a.xml'], io, {})).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/does not exist/);
  });

  it('prints a readable report with the rule meaning and the retourcode', async () => {
    const io = capture();
    const bad = file('bad-bsn2.xml', vervang(voorbeeld('WMO305'), '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>999900007</wmo305:Bsn>'));
    await runValidate(['--xsd-dir', xsdDir(), bad], io, {});
    const report = io.stdout.join('\n');
    expect(report).toContain('WMO305 Start zorg - afgekeurd');
    expect(report).toContain('CS002: Het BSN voldoet niet aan de 11-proef.');
    expect(report).toContain('0001 Bericht technisch afgekeurd');
    expect(report).toContain('bij /Bericht/Client/Bsn');
  });

  it('honours --max-bytes before parsing', async () => {
    const io = capture();
    const f = file('big.xml', voorbeeld('WMO305'));
    expect(await runValidate(['--json', '--max-bytes', '100', '--xsd-dir', xsdDir(), f], io, {})).toBe(1);
    expect(JSON.parse(io.stdout[0]).xsd[0].message).toMatch(/over the limit of 100 bytes/);
  });

  it('rejects unknown options', () => {
    expect(parseValidateArgs(['--frobnicate', 'a.xml'], {})).toMatch(/unknown option/);
  });
});
