import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ggkDir } from '../../../test/support/ggk';
import { SchemaDirectoryError } from '../../istandaarden/xsd/schema-set';
import { GgkSchemas } from './ggk-schemas';

const tijdelijk: string[] = [];
afterAll(() => tijdelijk.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch koppelvlak directory outside the repository, optionally with one schema edited. */
function kopie(edit?: (file: string, text: string) => string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'ggk-xsd-'));
  tijdelijk.push(dir);
  for (const sub of ['ggk0210', 'stuf0301']) {
    mkdirSync(join(dir, sub));
    for (const f of readdirSync(join(ggkDir(), sub))) {
      const text = readFileSync(join(ggkDir(), sub, f), 'utf8');
      const out = edit ? edit(`${sub}/${f}`, text) : text;
      if (out !== null) writeFileSync(join(dir, sub, f), out);
    }
  }
  return dir;
}

describe('GgkSchemas.load', () => {
  it('names what is missing', async () => {
    await expect(GgkSchemas.load(join(tmpdir(), 'bestaat-niet-ggk'))).rejects.toThrow(SchemaDirectoryError);
    const zonder = kopie((f, t) => (f === 'stuf0301/stuf0301.xsd' ? null : t));
    await expect(GgkSchemas.load(zonder)).rejects.toThrow(/missing: stuf0301\/stuf0301.xsd/);
  });

  it('resolves schema imports only inside the directory, from memory', async () => {
    const buiten = kopie();
    writeFileSync(join(buiten, 'buiten.xsd'), readFileSync(join(ggkDir(), 'stuf0301', 'stuf0301.xsd')));
    const dir = kopie((f, t) => (f === 'ggk0210/ggk0210_stuf0301_msg_ggkberichten.xsd' ? t.replace('../stuf0301/stuf0301.xsd', `${buiten}/buiten.xsd`) : t));
    await expect(GgkSchemas.load(dir)).rejects.toThrow(/does not compile/);
  });

  it('compiles a second directory beside the first', async () => {
    const a = await GgkSchemas.load(ggkDir());
    const b = await GgkSchemas.load(kopie());
    expect(b.directory).not.toBe(a.directory);
  });
});

describe('module boundary', () => {
  it('src/ggk/envelop imports no framework (architecture §3)', () => {
    for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(__dirname, f), 'utf8');
      expect(text, f).not.toMatch(/from '(@nestjs\/[^']*|typeorm[^']*|amqplib[^']*|pg)'/);
    }
  });
});
