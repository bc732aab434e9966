import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xsdDir } from '../../support/istandaarden';

/** The README's first command runs the built demo; it must work end to end (own database, fake GGK). */
const DEMO = resolve(__dirname, '../../../dist/src/demo/demo.js');

describe('npm run demo', () => {
  it('plays the examples through the fake GGK and gets every answer back', () => {
    if (!existsSync(DEMO)) throw new Error(`${DEMO} missing: run npm run build`);
    const r = spawnSync(process.execPath, [DEMO], { env: { ...process.env, ISTANDAARDEN_XSD_DIR: xsdDir() }, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/demo failed/);
    expect(r.status).toBe(0);
    const sent = /(\d+) berichten sent, (\d+) envelopes came back/.exec(r.stdout);
    expect(sent).not.toBeNull();
    expect(Number(sent?.[2])).toBe(Number(sent?.[1]));
    expect(r.stdout).toMatch(/WMO323\s+Bv03\s+\S+\s+Du01 WMO325/);
    expect(r.stdout).toMatch(/WMO305\s+Bv03\s+\S+\s+Du01 WMO306/);
  }, 150_000);
});
