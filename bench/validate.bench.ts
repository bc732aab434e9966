/**
 * Validation benchmark: our validation (XSD + all rules) against `xmllint --noout --schema` on the
 * same files, measured in the same run and interleaved, so both see the same machine load.
 *
 *   npm run bench                       # builds, generates bench/out/* if missing, runs everything
 *   node dist/bench/validate.bench.js --sizes 1000,10000 --runs 5,5 --no-sync --small 0
 *
 * Large declaraties: each run is a fresh child process (validate-child.ts), so peak RSS
 * (process.resourceUsage().maxRSS) is per file. Small berichten: 1,000 WMO305 in one process
 * after a warm-up pass, against xmllint validating the same 1,000 files in one invocation.
 * Prints a markdown table and writes it to bench/out/results.md. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ChildResult, RulesProfile } from './validate-child';
import { defaultXsdDir } from './validate-child';
import { DECLARATIE_SIZES, DEFAULT_OUT, declaratiePath, generateAll, smallPath, type Standaard } from './generate';

interface Case {
  standaard: Standaard;
  prestaties: number;
  runs: number;
}

interface Row {
  label: string;
  prestaties: number;
  fileMb: number;
  xmllintMs: number;
  xmllintRssMb: number | null;
  /** Median of ours/xmllint per run: each pair ran back to back, under the same load. */
  ratio: number;
  asyncMs: number;
  coldMs: number;
  asyncRssMb: number;
  syncMs: number | null;
  syncRssMb: number | null;
  verdict: string;
}

const CHILD = join(__dirname, 'validate-child.js');
const TIME = '/usr/bin/time';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function requireXmllint(): string {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.error(
      'xmllint is not installed; the benchmark compares against it.\n' +
        'Install it with: apt-get update && apt-get install -y libxml2-utils   (Debian/Ubuntu)\n' +
        '                 brew install libxml2                                  (macOS)',
    );
    process.exit(2);
  }
  return (r.stderr || r.stdout).split('\n')[0].trim();
}

/** Wall time of one xmllint run (and its peak RSS when /usr/bin/time is there). */
function xmllint(schema: string, files: string[]): { ms: number; rssMb: number | null; ok: boolean } {
  const withTime = existsSync(TIME);
  const cmd = withTime ? TIME : 'xmllint';
  const args = [...(withTime ? ['-f', 'maxrss=%M', 'xmllint'] : []), '--noout', '--schema', schema, ...files];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const rss = /maxrss=(\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : null, ok: r.status === 0 };
}

function child(args: string[]): { result: ChildResult; processMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child failed (${args.join(' ')}):\n${r.stderr}`);
  return { result: JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as ChildResult, processMs };
}

function schemaOf(xsdDir: string, standaard: Standaard, naam: string): string {
  return join(xsdDir, `${standaard}-3.2`, 'xsd', `${naam}.xsd`);
}

function fmt(n: number | null, digits = 0): string {
  return n === null ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function main(): void {
  const xmllintVersion = requireXmllint();
  const xsdDir = arg('--xsd-dir') ?? defaultXsdDir();
  const out = DEFAULT_OUT;
  const sizes = (arg('--sizes') ?? DECLARATIE_SIZES.join(',')).split(',').map(Number);
  const runs = (arg('--runs') ?? '5,5,3').split(',').map(Number);
  const smallCount = Number(arg('--small') ?? 1000);
  const withSync = !process.argv.includes('--no-sync');
  const warmup = Number(arg('--warmup') ?? 30);
  const profile = !process.argv.includes('--no-profile');
  const jw = !process.argv.includes('--no-jw');
  const cases: Case[] = sizes.map((n, i) => ({ standaard: 'iwmo', prestaties: n, runs: runs[Math.min(i, runs.length - 1)] }));
  if (jw && sizes.length > 0) cases.push({ standaard: 'ijw', prestaties: Math.max(...sizes), runs: cases[cases.length - 1].runs });

  mkdirSync(out, { recursive: true });
  const missing = sizes.filter((n) => !existsSync(declaratiePath(out, 'iwmo', n)) || !existsSync(declaratiePath(out, 'ijw', n)));
  const needSmall = smallCount > 0 && !existsSync(smallPath(out, smallCount - 1));
  if (missing.length > 0 || needSmall) {
    console.error(`generating ${missing.join(', ') || 'no'} declaraties and ${needSmall ? smallCount : 0} WMO305 into ${out}`);
    generateAll(out, missing, needSmall ? smallCount : 0);
  }

  const load0 = loadavg()[0];
  const rows: Row[] = [];
  for (const c of cases) {
    const naam = c.standaard === 'iwmo' ? 'WMO323' : 'JW323';
    const file = declaratiePath(out, c.standaard, c.prestaties);
    const schema = schemaOf(xsdDir, c.standaard, naam);
    const x: number[] = [];
    const xr: number[] = [];
    const a: number[] = [];
    const cold: number[] = [];
    const ar: number[] = [];
    const s: number[] = [];
    const sr: number[] = [];
    let verdict = '';
    for (let r = 0; r < c.runs; r++) {
      const lint = xmllint(schema, [file]);
      if (!lint.ok) throw new Error(`xmllint finds ${file} invalid`);
      x.push(lint.ms);
      if (lint.rssMb !== null) xr.push(lint.rssMb);
      const mine = child(['--file', file, '--mode', 'async', '--warmup', String(warmup), '--xsd-dir', xsdDir]);
      a.push(mine.result.ms);
      ar.push(mine.result.maxRssKb / 1024);
      cold.push(child(['--file', file, '--mode', 'async', '--xsd-dir', xsdDir]).result.ms);
      verdict = mine.result.valid ? 'valid' : `INVALID (${mine.result.xsd} xsd, ${mine.result.regels} regels)`;
      if (withSync) {
        const sync = child(['--file', file, '--mode', 'sync', '--warmup', String(warmup), '--xsd-dir', xsdDir]);
        s.push(sync.result.ms);
        sr.push(sync.result.maxRssKb / 1024);
      }
      console.error(`${naam} ${c.prestaties} run ${r + 1}/${c.runs}: xmllint ${x[r].toFixed(0)} ms, ours ${a[r].toFixed(0)} ms${withSync ? `, sync ${s[r].toFixed(0)} ms` : ''}`);
    }
    rows.push({
      label: naam,
      prestaties: c.prestaties,
      fileMb: statSync(file).size / 1024 / 1024,
      xmllintMs: median(x),
      ratio: median(a.map((ms, i) => ms / x[i])),
      xmllintRssMb: xr.length > 0 ? median(xr) : null,
      asyncMs: median(a),
      coldMs: median(cold),
      asyncRssMb: median(ar),
      syncMs: withSync ? median(s) : null,
      syncRssMb: withSync ? median(sr) : null,
      verdict,
    });
  }

  let smallRow: { ours: number; lint: number; count: number; valid: boolean } | null = null;
  if (smallCount > 0) {
    const dir = join(out, 'wmo305');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .slice(0, smallCount)
      .map((f) => join(dir, f));
    const o: number[] = [];
    const l: number[] = [];
    let valid = true;
    for (let r = 0; r < 5; r++) {
      const lint = xmllint(schemaOf(xsdDir, 'iwmo', 'WMO305'), files);
      if (!lint.ok) throw new Error('xmllint finds a generated WMO305 invalid');
      l.push(lint.ms / files.length);
      const mine = child(['--small', dir, '--count', String(smallCount), '--xsd-dir', xsdDir]);
      o.push(mine.result.ms);
      valid &&= mine.result.valid;
    }
    smallRow = { ours: median(o), lint: median(l), count: files.length, valid };
  }

  let rules: RulesProfile | null = null;
  if (profile && sizes.length > 0) {
    rules = JSON.parse(
      spawnSync(process.execPath, [CHILD, '--rules', declaratiePath(out, 'iwmo', Math.max(...sizes))], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout,
    ) as RulesProfile;
  }

  const lines = [
    `Validation benchmark, ${new Date().toISOString().slice(0, 16)}Z: node ${process.version}, ${cpus().length} cores, ${xmllintVersion}, load average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}.`,
    `Medians of ${cases.map((c) => c.runs).join('/')} runs, interleaved with xmllint. ours = read the file + validateBerichtAsync (XSD + all rules), in a fresh process with the schemas compiled,`,
    `after ${warmup} warm-up validations of a 200-prestatie declaratie (a running service); cold = the same without warm-up. ratio = median over runs of ours / xmllint of that run (target <= 1.0). RSS = peak of the whole process (target < 10x the file).`,
    '',
    '| bericht | prestaties | file MB | xmllint ms | ours ms | ratio | ours cold ms | ours sync ms | ours peak RSS MB | RSS / file | xmllint RSS MB | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${fmt(r.prestaties)} | ${fmt(r.fileMb, 1)} | ${fmt(r.xmllintMs)} | ${fmt(r.asyncMs)} | ${fmt(r.ratio, 2)} | ${fmt(r.coldMs)} | ${fmt(r.syncMs)} | ${fmt(r.asyncRssMb)} | ${fmt(r.asyncRssMb / r.fileMb, 1)}x | ${fmt(r.xmllintRssMb)} | ${r.verdict} |`,
    ),
  ];
  if (smallRow) {
    lines.push(
      '',
      '| small berichten | count | ours ms / bericht | xmllint ms / file | ratio | target |',
      '|---|---:|---:|---:|---:|---|',
      `| WMO305 (one process, after warm-up) | ${fmt(smallRow.count)} | ${fmt(smallRow.ours, 3)} | ${fmt(smallRow.lint, 3)} | ${fmt(smallRow.ours / smallRow.lint, 2)} | < 0.5 ms${smallRow.valid ? '' : ' (SOME INVALID)'} |`,
    );
  }
  if (rules) {
    const top = rules.perRegel.slice(0, 8);
    lines.push(
      '',
      `Calling thread, WMO323 ${fmt(Math.max(...sizes))} prestaties, no XSD (best of 3, warm): scan ${fmt(rules.scanMs)} ms, all ${rules.perRegel.length} rules ${fmt(rules.regelsMs)} ms; slowest rules:`,
      '',
      `| ${top.map((r) => r.code).join(' | ')} |`,
      `|${top.map(() => '---:').join('|')}|`,
      `| ${top.map((r) => `${fmt(r.ms)} ms`).join(' | ')} |`,
    );
  }
  const table = lines.join('\n') + '\n';
  process.stdout.write('\n' + table);
  writeFileSync(join(out, 'results.md'), table);
  console.error(`\nwritten to ${join(out, 'results.md')}`);
}

main();
