import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { declaratieXml } from '../../bench/generate';
import { testSchemas, voorbeeld, xsdDir } from '../../test/support/istandaarden';
import { allocateBerichtBytes, SYNC_VALIDATION_BELOW_BYTES, validateBericht, validateBerichtAsync, type ValidatedBericht } from './validate';
import { ALLE_REGELS } from './regels/registry';
import { XsdWorkerError, XsdWorkerPool } from './xsd/xsd-pool';

/** The parts of a verdict that must not depend on the path taken. */
function verdict(v: ValidatedBericht): unknown {
  return { bericht: v.bericht, valid: v.valid, xsd: v.xsd, regels: v.regels, hasRoot: v.root !== null, rootLocal: v.root?.local };
}

/** Sync and async verdicts on the same bytes; async forced through the workers (and split when it can). */
async function both(xml: string, pieceBytes = 4096): Promise<{ sync: unknown; async: unknown; raw: ValidatedBericht }> {
  const schemas = await testSchemas();
  const bytes = Buffer.from(xml, 'utf8');
  const raw = await validateBerichtAsync(bytes, schemas, { syncBelowBytes: 0, pieceBytes });
  return { sync: verdict(validateBericht(bytes, schemas)), async: verdict(raw), raw };
}

/** Replaces the n-th (0-based) occurrence of `zoek`; fails when there are fewer. */
function vervangNde(xml: string, zoek: string, door: string, n: number): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = xml.indexOf(zoek, at + 1);
    if (at === -1) throw new Error(`fewer than ${n + 1} occurrences of ${zoek}`);
  }
  return xml.slice(0, at) + door + xml.slice(at + zoek.length);
}

const declaratie = declaratieXml({ standaard: 'iwmo', prestaties: 1000 });

describe('validateBerichtAsync gives the verdict of validateBericht', () => {
  afterAll(async () => {
    await XsdWorkerPool.for(await testSchemas()).close();
  });

  for (const [standaard, map] of [
    ['iwmo-3.2', 'voorbeelden'],
    ['ijw-3.2', 'voorbeelden'],
    ['ijw-3.2', 'voorbeelden-ongeldig'],
  ] as const) {
    const files = readdirSync(join(xsdDir(), standaard, map)).filter((f) => f.endsWith('.xml'));
    for (const f of files) {
      it(`${standaard}/${map}/${f}`, async () => {
        // A small piece size makes the 323/325 examples take the split path as well.
        const { sync, async } = await both(voorbeeld(f.replace(/\.xml$/, ''), map), 256);
        expect(async).toEqual(sync);
      });
    }
  }

  it('a generated 1,000-prestatie WMO323: valid, and validated in pieces only', async () => {
    const spy = vi.spyOn(XsdWorkerPool.for(await testSchemas()), 'validate');
    try {
      const { sync, async, raw } = await both(declaratie, 64 * 1024);
      expect(async).toEqual(sync);
      expect(raw.valid).toBe(true);
      const pieces = Math.floor(declaratie.length / (64 * 1024));
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(pieces - 1);
      // Every job is a piece (prefix + clients + suffix): no whole-document run was needed.
      expect(spy.mock.calls.every(([, , ranges]) => ranges.length === 6)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('the same with one rule error (CS002, a BSN failing the 11-proef) in the 70th of 100 clients', async () => {
    const client = declaratie.split('<wmo323:Bsn>')[70].slice(0, 9);
    const xml = declaratie.replace(`<wmo323:Bsn>${client}</wmo323:Bsn>`, '<wmo323:Bsn>999900007</wmo323:Bsn>');
    const { sync, async, raw } = await both(xml, 64 * 1024);
    expect(async).toEqual(sync);
    expect(raw.xsd).toEqual([]);
    expect(raw.regels.map((r) => r.code)).toContain('CS002');
  });

  it('the same with an XSD error in one piece: findings and line from the whole document', async () => {
    const xml = vervangNde(declaratie, '<iwmo:Einddatum>2025-04-30</iwmo:Einddatum>', '<iwmo:Einddatum>2025-04-31</iwmo:Einddatum>', 900);
    const { sync, async, raw } = await both(xml, 64 * 1024);
    expect(async).toEqual(sync);
    expect(raw.xsd.length).toBeGreaterThan(0);
    expect(raw.xsd[0].line).toBeGreaterThan(10_000);
  });

  it('the same with an XSD error in the header, which every piece repeats', async () => {
    const xml = declaratie.replace('<wmo323:BerichtVersie>3<', '<wmo323:BerichtVersie>4<');
    const { sync, async } = await both(xml, 64 * 1024);
    expect(async).toEqual(sync);
  });

  it('the same for XML that is not well-formed in the middle, or cut off', async () => {
    const broken = vervangNde(declaratie, '</wmo323:Prestatie>', '</wmo323:Prestatie', 500);
    const cut = declaratie.slice(0, Math.floor(declaratie.length * 0.6));
    for (const xml of [broken, cut]) {
      const { sync, async, raw } = await both(xml, 64 * 1024);
      expect(async).toEqual(sync);
      expect(raw.valid).toBe(false);
    }
  });

  it('the same when a Client sits where the quick split plan does not expect it (comment holding an end tag)', async () => {
    const xml = vervangNde(declaratie, '<wmo323:Prestaties>', '<!-- </wmo323:Client> --><wmo323:Prestaties>', 60);
    const { sync, async } = await both(xml, 64 * 1024);
    expect(async).toEqual(sync);
  });

  it('the same for a JW323 and for refused input', async () => {
    const jw = declaratieXml({ standaard: 'ijw', prestaties: 300 });
    expect((await both(jw, 16 * 1024)).async).toEqual((await both(jw, 16 * 1024)).sync);
    for (const xml of ['not xml', '<x xmlns="urn:other"/>', '<?xml version="1.0"?><!DOCTYPE x><x/>']) {
      const { sync, async } = await both(xml);
      expect(async).toEqual(sync);
    }
  });

  it('onScanned gets the tree the verdict carries, before the rules; I/O it starts proceeds between rules', async () => {
    const schemas = await testSchemas();
    const xml = declaratie.replace(`<wmo323:Bsn>${declaratie.split('<wmo323:Bsn>')[5].slice(0, 9)}</wmo323:Bsn>`, '<wmo323:Bsn>999900007</wmo323:Bsn>');
    const events: string[] = [];
    // Every rule records that it ran, then runs as it would.
    const origineel = ALLE_REGELS.map((r) => r.check);
    ALLE_REGELS.forEach((r, i) => {
      r.check = (ctx) => {
        events.push('regel');
        origineel[i].call(r, ctx);
      };
    });
    let boom: unknown = null;
    try {
      const uitkomst = await validateBerichtAsync(Buffer.from(xml), schemas, {
        syncBelowBytes: 0,
        pieceBytes: 64 * 1024,
        onScanned: (root, definitie) => {
          boom = root;
          events.push(`scanned ${root.local} ${definitie.naam}`);
          setImmediate(() => events.push('io'));
        },
      });
      expect(uitkomst.root).toBe(boom);
      // The rules ran on that tree after the callback: CS002 is found as without it.
      expect(uitkomst.regels.map((r) => r.code)).toEqual(['CS002']);
    } finally {
      ALLE_REGELS.forEach((r, i) => (r.check = origineel[i]));
    }
    expect(events[0]).toBe('scanned Bericht WMO323');
    expect(events.indexOf('io')).toBeGreaterThan(1);
    expect(events.indexOf('io')).toBeLessThan(events.lastIndexOf('regel'));
  });

  it('onScanned on a tree the schema check rejects: called, and the verdict still rejects it; small input never calls it', async () => {
    const schemas = await testSchemas();
    const xml = vervangNde(declaratie, '<iwmo:Einddatum>2025-04-30</iwmo:Einddatum>', '<iwmo:Einddatum>2025-04-31</iwmo:Einddatum>', 900);
    let calls = 0;
    const v = await validateBerichtAsync(Buffer.from(xml), schemas, { syncBelowBytes: 0, pieceBytes: 64 * 1024, onScanned: () => void calls++ });
    expect(calls).toBe(1);
    expect(v).toMatchObject({ valid: false, root: null });
    expect(v.xsd.length).toBeGreaterThan(0);
    await validateBerichtAsync(Buffer.from(voorbeeld('WMO305')), schemas, { onScanned: () => void calls++ });
    expect(calls).toBe(1);
  });

  it('what onScanned throws is thrown once the schema check is clean', async () => {
    const schemas = await testSchemas();
    const onScanned = () => {
      throw new Error('caller bug');
    };
    await expect(validateBerichtAsync(Buffer.from(declaratie), schemas, { syncBelowBytes: 0, onScanned })).rejects.toThrow('caller bug');
  });

  it('validates small input on the calling thread by default', async () => {
    const v = await validateBerichtAsync(Buffer.from(voorbeeld('WMO305')), await testSchemas());
    expect(v).toMatchObject({ bericht: 'WMO305', valid: true });
  });
});

describe('allocateBerichtBytes', () => {
  it('puts input the workers validate in shared memory, smaller input in a buffer of its own', () => {
    const groot = allocateBerichtBytes(SYNC_VALIDATION_BELOW_BYTES);
    expect(groot.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(groot.length).toBe(SYNC_VALIDATION_BELOW_BYTES);
    const klein = allocateBerichtBytes(SYNC_VALIDATION_BELOW_BYTES - 1);
    expect(klein.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(klein.buffer.byteLength).toBe(SYNC_VALIDATION_BELOW_BYTES - 1);
  });
});

describe('XsdWorkerPool', () => {
  it('rejects the jobs of a worker that dies and starts a new one for the next job', async () => {
    const schemas = await testSchemas();
    const pool = new XsdWorkerPool(schemas, 1);
    try {
      const bytes = Buffer.from(declaratie);
      const pending = validateBerichtAsync(bytes, schemas, { syncBelowBytes: 0, pool });
      const worker = pool.workerAt(0);
      expect(worker).not.toBeNull();
      await worker?.terminate();
      await expect(pending).rejects.toBeInstanceOf(XsdWorkerError);
      const again = await validateBerichtAsync(bytes, schemas, { syncBelowBytes: 0, pool });
      expect(again.valid).toBe(true);
      expect(pool.workerAt(0)).not.toBe(worker);
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker once idle after a large job (WebAssembly memory does not shrink)', async () => {
    const schemas = await testSchemas();
    const pool = new XsdWorkerPool(schemas, 1, { retireAfterBytes: 100_000 });
    try {
      const small = Buffer.from(voorbeeld('WMO323'));
      await validateBerichtAsync(small, schemas, { syncBelowBytes: 0, pool });
      const first = pool.workerAt(0);
      await validateBerichtAsync(small, schemas, { syncBelowBytes: 0, pool });
      expect(pool.workerAt(0)).toBe(first);
      const large = Buffer.from(declaratie); // > 100 kB, and one piece: validated whole
      expect((await validateBerichtAsync(large, schemas, { syncBelowBytes: 0, pieceBytes: large.length, pool })).valid).toBe(true);
      expect((await validateBerichtAsync(small, schemas, { syncBelowBytes: 0, pool })).valid).toBe(true);
      expect(pool.workerAt(0)).not.toBe(first);
    } finally {
      await pool.close();
    }
  });

  it('rejects jobs after close', async () => {
    const schemas = await testSchemas();
    const pool = new XsdWorkerPool(schemas, 2);
    await pool.warm(['WMO323']);
    await pool.close();
    await expect(validateBerichtAsync(Buffer.from(declaratie), schemas, { syncBelowBytes: 0, pool })).rejects.toBeInstanceOf(XsdWorkerError);
  });

  it('lets the process exit with idle workers, without disposing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istd-exit-'));
    try {
      const script = join(dir, 'exit.ts');
      const src = (m: string) => JSON.stringify(resolve(__dirname, m));
      writeFileSync(
        script,
        `import { SchemaSet } from ${src('xsd/schema-set')};
import { validateBerichtAsync } from ${src('validate')};
import { declaratieXml } from ${JSON.stringify(resolve(__dirname, '../../bench/generate'))};
void (async () => {
  const schemas = await SchemaSet.load(${JSON.stringify(xsdDir())});
  const v = await validateBerichtAsync(Buffer.from(declaratieXml({ standaard: 'iwmo', prestaties: 300 })), schemas, { syncBelowBytes: 0, pieceBytes: 32768 });
  console.log('valid', v.valid);
})();
`,
      );
      const viteNode = resolve(__dirname, '../../node_modules/vite-node/vite-node.mjs');
      const r = spawnSync(process.execPath, [viteNode, script], { encoding: 'utf8', timeout: 25_000 });
      expect(r.stdout).toContain('valid true');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spreads the pieces of a declaratie over several workers with the same verdict', async () => {
    const schemas = await testSchemas();
    const pool = new XsdWorkerPool(schemas, 3);
    try {
      const xml = declaratie.replace('<wmo323:Bsn>999900006</wmo323:Bsn>', '<wmo323:Bsn>999900007</wmo323:Bsn>');
      const v = await validateBerichtAsync(Buffer.from(xml), schemas, { syncBelowBytes: 0, pieceBytes: 32 * 1024, pool });
      expect(verdict(v)).toEqual(verdict(validateBericht(Buffer.from(xml), schemas)));
    } finally {
      await pool.close();
    }
  });
});
