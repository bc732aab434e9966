import type { BerichtDefinitie } from './catalogus';
import { BerichtInputError, DEFAULT_MAX_BYTES, prepareInput, type PreparedInput } from './input';
import { runRegels, runRegelsAsync } from './regels/engine';
import { ALLE_REGELS } from './regels/registry';
import type { RegelFinding } from './regels/regel';
import { scanXml, XmlInputError, type ScannedDocument } from './xml/scanner';
import type { XmlElement } from './xml/element';
import type { SchemaSet } from './xsd/schema-set';
import { planSplit, pieceRanges, verifySplit, type SplitPlan } from './xsd/split-plan';
import { findingsOf, validateXsd, type XsdFinding } from './xsd/validate-xsd';
import { XsdWorkerPool, type XsdOutcome } from './xsd/xsd-pool';

export interface ValidateOptions {
  /** Size cap checked before parsing; default 25 MB. */
  maxBytes?: number;
}

/** The verdict on one bericht, in the shape of the CLI contract (architecture.md §4.2). */
export interface Verdict {
  /** 'WMO323', 'JW305', ... or null when the type cannot be determined. */
  bericht: string | null;
  valid: boolean;
  xsd: XsdFinding[];
  regels: RegelFinding[];
}

export interface ValidatedBericht extends Verdict {
  definitie: BerichtDefinitie | null;
  /** The parsed tree, present when the bericht is schema-valid. */
  root: XmlElement | null;
}

/**
 * Validates a bericht exactly as the official iStandaarden validation does: XSD first, then the
 * TR/CD/CS rules checkable inside the bericht, only when it is schema-valid. Never throws on
 * bad input: refused or unreadable input becomes an xsd finding.
 */
export function validateBericht(raw: Uint8Array, schemas: SchemaSet, options: ValidateOptions = {}): ValidatedBericht {
  const prepared = prepare(raw, options);
  if (!('bytes' in prepared)) return prepared;
  const definitie = prepared.bericht as BerichtDefinitie;
  const xsd = validateXsd(prepared.bytes, definitie, schemas);
  if (xsd.length > 0) return rejected(definitie, xsd);
  let scanned: ScannedDocument;
  try {
    scanned = scanXml(prepared.text);
  } catch (e) {
    if (e instanceof XmlInputError) return rejected(definitie, [{ line: e.line, message: e.message }]);
    throw e;
  }
  const root = scanned.root;
  const regels = runRegels(root, definitie, ALLE_REGELS, scanned.elementsByLocal);
  return { bericht: definitie.naam, definitie, valid: regels.length === 0, xsd: [], regels, root };
}

export interface ValidateAsyncOptions extends ValidateOptions {
  /** Inputs smaller than this are validated on the calling thread by validateBericht; default 256 kB. */
  syncBelowBytes?: number;
  /** Approximate size of the pieces a large 323/325 is schema-validated in; default 4 MB. */
  pieceBytes?: number;
  /** XSD workers; default the shared pool of `schemas` (XsdWorkerPool.for). */
  pool?: XsdWorkerPool;
  /**
   * Large berichten only: called with the tree as soon as it is scanned, while libxml2 still checks
   * the schema and before the rules run, so a caller can start reading what it will need. The tree
   * may still be rejected (the verdict says so); the callback must not change it, and what it
   * throws is thrown by validateBerichtAsync once the XSD verdict is clean.
   */
  onScanned?: (root: XmlElement, definitie: BerichtDefinitie) => void;
}

/**
 * Below this size validateBerichtAsync validates on the calling thread. From it on, input backed by
 * a SharedArrayBuffer goes to the XSD workers as is; other input is copied into shared memory first.
 */
export const SYNC_VALIDATION_BELOW_BYTES = 256 * 1024;

/**
 * A buffer of its own (never a slice of Buffer's shared pool) for input of `size` bytes that will be
 * validated: in shared memory from SYNC_VALIDATION_BELOW_BYTES, so the XSD workers read it in place.
 */
export function allocateBerichtBytes(size: number): Buffer {
  return size >= SYNC_VALIDATION_BELOW_BYTES ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size);
}
const DEFAULT_PIECE_BYTES = 4 * 1024 * 1024;

/**
 * The same verdict as validateBericht, for large berichten: libxml2 validates in worker threads
 * (a large declaratie in pieces of whole Clients, see split-plan.ts) while this thread scans the
 * tree and runs the rules speculatively; rule findings are kept only when the XSD verdict is
 * clean, and XSD findings always come from a whole-document run, so verdicts, findings and lines
 * equal the synchronous path. Berichten under `syncBelowBytes` go to validateBericht directly.
 * A SharedArrayBuffer-backed `raw` is shared with the workers; other input is copied once.
 * Rejects (XsdWorkerError) only when a worker fails, never on bad input.
 */
export async function validateBerichtAsync(
  raw: Uint8Array,
  schemas: SchemaSet,
  options: ValidateAsyncOptions = {},
): Promise<ValidatedBericht> {
  if (raw.byteLength < (options.syncBelowBytes ?? SYNC_VALIDATION_BELOW_BYTES)) return validateBericht(raw, schemas, options);
  const prepared = prepare(raw, options);
  if (!('bytes' in prepared)) return prepared;
  const definitie = prepared.bericht as BerichtDefinitie;
  const pool = options.pool ?? XsdWorkerPool.for(schemas);
  const { buffer, base } = sharedBytes(prepared.bytes);
  const length = prepared.bytes.byteLength;
  const whole = (): Promise<XsdOutcome> => pool.validate(definitie.naam, buffer, [base, base + length]);
  const plan = schemas.splitsByClient(definitie)
    ? planSplit(prepared.text, length, definitie, options.pieceBytes ?? DEFAULT_PIECE_BYTES)
    : null;
  // Post the XSD work first, then scan and run the rules on this thread while it runs.
  const pieces = plan ? validatePieces(pool, definitie.naam, buffer, base, length, plan) : whole();
  pieces.catch(() => undefined); // handled below; avoids an unhandled rejection while we scan
  const speculation = await speculate(prepared, definitie, plan !== null, options.onScanned);

  let outcome = await pieces;
  if (plan && (!outcome.valid || !planHolds(plan, speculation, prepared.text))) outcome = await whole();
  if (!outcome.valid) return rejected(definitie, findingsOf(outcome.details));
  if ('scanError' in speculation) {
    const e = speculation.scanError;
    if (e instanceof XmlInputError) return rejected(definitie, [{ line: e.line, message: e.message }]);
    throw e;
  }
  if ('regelsError' in speculation) throw speculation.regelsError;
  const { root } = speculation.scanned;
  const regels = speculation.regels;
  return { bericht: definitie.naam, definitie, valid: regels.length === 0, xsd: [], regels, root };
}

type Speculation =
  | { scanned: ScannedDocument; regels: RegelFinding[] }
  | { scanned: ScannedDocument; regelsError: unknown }
  | { scanError: unknown };

/**
 * Scan and rules on a tree that may turn out schema-invalid: errors are kept, not thrown. The rules
 * give the event loop a turn between them, for the work onScanned started.
 */
async function speculate(
  prepared: PreparedInput,
  definitie: BerichtDefinitie,
  split: boolean,
  onScanned: ValidateAsyncOptions['onScanned'],
): Promise<Speculation> {
  let scanned: ScannedDocument;
  try {
    // Depth 4 reaches Bericht/Declaratie/Clienten/Client, whose end tags verify a split plan.
    scanned = scanXml(prepared.text, { endTagsToDepth: split ? 4 : 0 });
  } catch (e) {
    return { scanError: e };
  }
  try {
    onScanned?.(scanned.root, definitie);
    return { scanned, regels: await runRegelsAsync(scanned.root, definitie, ALLE_REGELS, scanned.elementsByLocal) };
  } catch (e) {
    return { scanned, regelsError: e };
  }
}

function planHolds(plan: SplitPlan, speculation: Speculation, text: string): boolean {
  return 'scanned' in speculation && verifySplit(plan, speculation.scanned.root, text, speculation.scanned.endTags);
}

/** Valid when every piece is; the first piece with findings (or a worker failure) otherwise. */
async function validatePieces(
  pool: XsdWorkerPool,
  naam: string,
  buffer: SharedArrayBuffer,
  base: number,
  length: number,
  plan: SplitPlan,
): Promise<XsdOutcome> {
  const jobs: Array<Promise<XsdOutcome>> = [];
  for (let i = 0; i + 1 < plan.cuts.length; i++) {
    jobs.push(pool.validate(naam, buffer, pieceRanges(plan, i, length).map((offset) => base + offset)));
  }
  const outcomes = await Promise.all(jobs);
  return outcomes.find((o) => !o.valid) ?? { valid: true };
}

function sharedBytes(bytes: Uint8Array): { buffer: SharedArrayBuffer; base: number } {
  if (bytes.buffer instanceof SharedArrayBuffer) return { buffer: bytes.buffer, base: bytes.byteOffset };
  const buffer = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return { buffer, base: 0 };
}

/** Input checks and bericht detection; a rejected verdict when the input is refused. */
function prepare(raw: Uint8Array, options: ValidateOptions): PreparedInput | ValidatedBericht {
  let prepared: PreparedInput;
  try {
    prepared = prepareInput(raw, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (e) {
    if (e instanceof BerichtInputError) return rejected(null, [{ line: e.line, message: e.message }]);
    throw e;
  }
  if (!prepared.bericht) {
    const ns = prepared.rootNamespace || '(none)';
    return rejected(null, [{ line: 1, message: `root element namespace ${ns} is not an iWmo 3.2 or iJw 3.2 bericht` }]);
  }
  return prepared;
}

function rejected(definitie: BerichtDefinitie | null, xsd: XsdFinding[]): ValidatedBericht {
  return { bericht: definitie?.naam ?? null, definitie, valid: false, xsd, regels: [], root: null };
}
