import { readFile } from 'node:fs/promises';
import { berichtDefinitie } from '../istandaarden/catalogus';
import { WJ001 } from '../istandaarden/codelijsten/wj001';
import { DEFAULT_MAX_BYTES } from '../istandaarden/input';
import { REGEL_OMSCHRIJVINGEN } from '../istandaarden/regels/omschrijvingen';
import { validateBerichtAsync, type Verdict } from '../istandaarden/validate';
import { SchemaDirectoryError, SchemaSet } from '../istandaarden/xsd/schema-set';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface FileVerdict extends Verdict {
  file: string;
}

export const VALIDATE_USAGE = `Usage: istd-gateway validate [--xsd-dir DIR] [--json] [--max-bytes N] <file...>

Validates iWmo 3.2 / iJw 3.2 berichten as the official iStandaarden validation does:
XSD first, then the technical rules (TR/CD/CS) for schema-valid files.

  --xsd-dir DIR    schema release directory (default: $ISTANDAARDEN_XSD_DIR)
  --json           one JSON object per file, per line, in input order
  --max-bytes N    refuse files larger than N bytes (default: 26214400, 25 MB)

Exit status: 0 all files valid, 1 any file invalid, 2 usage or I/O error.`;

interface ValidateArgs {
  xsdDir: string | undefined;
  json: boolean;
  maxBytes: number;
  files: string[];
}

export function parseValidateArgs(args: string[], env: NodeJS.ProcessEnv): ValidateArgs | string {
  const parsed: ValidateArgs = { xsdDir: env.ISTANDAARDEN_XSD_DIR, json: false, maxBytes: DEFAULT_MAX_BYTES, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') parsed.json = true;
    else if (a === '--xsd-dir' || a.startsWith('--xsd-dir=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) return '--xsd-dir needs a directory';
      parsed.xsdDir = v;
    } else if (a === '--max-bytes' || a.startsWith('--max-bytes=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) return '--max-bytes needs a positive whole number';
      parsed.maxBytes = n;
    } else if (a === '--') {
      parsed.files.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else parsed.files.push(a);
  }
  if (parsed.files.length === 0) return 'no files given';
  if (!parsed.xsdDir) return 'no schema directory: give --xsd-dir or set ISTANDAARDEN_XSD_DIR';
  return parsed;
}

/** `istd-gateway validate`: returns the exit status (architecture.md §4.2). */
export async function runValidate(args: string[], io: Output, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseValidateArgs(args, env);
  if (typeof parsed === 'string') {
    io.err(`istd-gateway validate: ${parsed}`);
    io.err(VALIDATE_USAGE);
    return 2;
  }
  let schemas: SchemaSet;
  try {
    schemas = await SchemaSet.load(parsed.xsdDir as string);
  } catch (e) {
    if (e instanceof SchemaDirectoryError) {
      io.err(`istd-gateway validate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let ioError = false;
  let invalid = false;
  for (const file of parsed.files) {
    let verdict: FileVerdict;
    try {
      const bytes = await readFile(file);
      const v = await validateBerichtAsync(bytes, schemas, { maxBytes: parsed.maxBytes });
      verdict = { file, bericht: v.bericht, valid: v.valid, xsd: v.xsd, regels: v.regels };
    } catch (e) {
      ioError = true;
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      verdict = { file, bericht: null, valid: false, xsd: [{ line: null, message: `cannot read file (${reason})` }], regels: [] };
    }
    if (!verdict.valid) invalid = true;
    if (parsed.json) io.out(JSON.stringify(verdict));
    else for (const line of readableReport(verdict)) io.out(line);
  }
  schemas.dispose();
  if (ioError) return 2;
  return invalid ? 1 : 0;
}

/** A report a backoffice person can act on: what is wrong, where, and what the retour will say. */
export function readableReport(v: FileVerdict): string[] {
  const def = v.bericht ? berichtDefinitie(v.bericht) : undefined;
  const soort = def ? `${def.naam} ${def.omschrijving}` : 'onbekend bericht';
  if (v.valid) return [`${v.file}: ${soort} - goedgekeurd`];
  const lines = [`${v.file}: ${soort} - afgekeurd`];
  if (v.xsd.length > 0) {
    lines.push(
      v.bericht
        ? '  Voldoet niet aan het XSD-schema (niveau 1: geen retourbericht, de afzender krijgt een foutbericht):'
        : '  Niet te lezen als iWmo/iJw 3.2-bericht:',
    );
    for (const f of v.xsd) lines.push(`    ${f.line ? `regel ${f.line}: ` : ''}${f.message}`);
  }
  if (v.regels.length > 0) {
    const codes = [...new Set(v.regels.map((r) => r.retourcode))];
    lines.push(`  Technische regels geschonden (niveau 2: retour met alleen de Header, retourcode ${codes.map((c) => `${c} ${WJ001[c] ?? ''}`.trim()).join(', ')}):`);
    for (const r of v.regels) {
      lines.push(`    ${r.code}: ${REGEL_OMSCHRIJVINGEN[r.code] ?? ''}`.trimEnd());
      for (const l of r.locatie) lines.push(`      bij ${l}`);
    }
  }
  return lines;
}
