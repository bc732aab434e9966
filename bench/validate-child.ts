/**
 * One measurement in a fresh process, started by validate.bench.ts (so peak RSS is per file).
 * Prints one JSON line.
 *
 *   node dist/bench/validate-child.js --file F [--mode async|sync] [--warmup N] [--xsd-dir DIR]
 *   node dist/bench/validate-child.js --small DIR [--count 1000] [--xsd-dir DIR]
 *   node dist/bench/validate-child.js --rules F      (time of the scan and of each rule, no XSD)
 *
 * Schemas are loaded and the bericht's schema compiled before the clock starts (the service
 * compiles them at start-up); with --warmup N the process first validates N small (200-prestatie)
 * declaraties of the same standaard, as a running service would have; the clock covers reading
 * the file and the validation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { berichtDefinitie, berichtVoorNamespace } from '../src/istandaarden/catalogus';
import { runRegels, appliesTo } from '../src/istandaarden/regels/engine';
import { ALLE_REGELS } from '../src/istandaarden/regels/registry';
import { scanXml } from '../src/istandaarden/xml/scanner';
import { validateBericht, validateBerichtAsync, type ValidatedBericht } from '../src/istandaarden/validate';
import { SchemaSet } from '../src/istandaarden/xsd/schema-set';
import { XsdWorkerPool } from '../src/istandaarden/xsd/xsd-pool';
import { declaratieXml, repoRoot } from './generate';

export interface ChildResult {
  ms: number;
  valid: boolean;
  xsd: number;
  regels: number;
  maxRssKb: number;
  count?: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

export function defaultXsdDir(): string {
  return process.env.ISTANDAARDEN_XSD_DIR ?? resolve(repoRoot(), '..', 'shared', 'istandaarden');
}

async function one(file: string, mode: string, warmups: number, schemas: SchemaSet): Promise<ChildResult> {
  const naam = basename(file).replace(/-.*$/, '');
  const definitie = berichtDefinitie(naam);
  if (!definitie) throw new Error(`cannot tell the bericht from the file name ${file}`);
  schemas.validator(definitie);
  if (mode === 'async') await XsdWorkerPool.for(schemas).warm([naam]);
  const options = { maxBytes: Number.MAX_SAFE_INTEGER };
  if (warmups > 0) {
    // As a running service would be: the JIT has seen berichten like this one before.
    const warm = Buffer.from(declaratieXml({ standaard: definitie.standaard, prestaties: 200, seed: 7 }));
    for (let i = 0; i < warmups; i++) {
      if (mode === 'async') await validateBerichtAsync(warm, schemas, { ...options, syncBelowBytes: 0 });
      else validateBericht(warm, schemas, options);
    }
  }
  const t0 = performance.now();
  const raw = readFileSync(file);
  const v: ValidatedBericht = mode === 'async' ? await validateBerichtAsync(raw, schemas, options) : validateBericht(raw, schemas, options);
  const ms = performance.now() - t0;
  return { ms, valid: v.valid, xsd: v.xsd.length, regels: v.regels.length, maxRssKb: process.resourceUsage().maxRSS };
}

/** 1,000 small berichten in one process: a warm-up pass, then the timed pass (ms per bericht). */
function small(dir: string, count: number, schemas: SchemaSet): ChildResult {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .slice(0, count)
    .map((f) => readFileSync(join(dir, f)));
  let invalid = 0;
  for (const f of files) if (!validateBericht(f, schemas).valid) invalid++;
  const t0 = performance.now();
  let xsd = 0;
  let regels = 0;
  for (const f of files) {
    const v = validateBericht(f, schemas);
    xsd += v.xsd.length;
    regels += v.regels.length;
  }
  const ms = (performance.now() - t0) / files.length;
  return { ms, valid: invalid === 0, xsd, regels, maxRssKb: process.resourceUsage().maxRSS, count: files.length };
}

export interface RulesProfile {
  scanMs: number;
  regelsMs: number;
  perRegel: Array<{ code: string; ms: number }>;
}

/** Where the time on the calling thread goes: the scan, all rules, and each rule alone (best of 3). */
function rulesProfile(file: string): RulesProfile {
  const text = readFileSync(file, 'utf8');
  const best = (fn: () => void): number => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      fn();
      min = Math.min(min, performance.now() - t0);
    }
    return min;
  };
  let scanned = scanXml(text);
  const scanMs = best(() => (scanned = scanXml(text)));
  const definitie = berichtVoorNamespace(scanned.root.ns);
  if (!definitie) throw new Error(`${file} is not a bericht`);
  const regelsMs = best(() => runRegels(scanned.root, definitie, ALLE_REGELS, scanned.elementsByLocal));
  const perRegel = ALLE_REGELS.filter((r) => appliesTo(r, definitie))
    .map((r) => ({ code: r.code, ms: best(() => runRegels(scanned.root, definitie, [r], scanned.elementsByLocal)) }))
    .sort((a, b) => b.ms - a.ms);
  return { scanMs, regelsMs, perRegel };
}

async function main(): Promise<void> {
  const rules = arg('--rules');
  if (rules) {
    process.stdout.write(JSON.stringify(rulesProfile(rules)) + '\n');
    return;
  }
  const schemas = await SchemaSet.load(arg('--xsd-dir') ?? defaultXsdDir());
  const smallDir = arg('--small');
  const result = smallDir
    ? small(smallDir, Number(arg('--count') ?? 1000), schemas)
    : await one(arg('--file') ?? '', arg('--mode') ?? 'async', Number(arg('--warmup') ?? 0), schemas);
  process.stdout.write(JSON.stringify(result) + '\n');
  schemas.dispose();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
