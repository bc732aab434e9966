import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BERICHTEN, type BerichtDefinitie } from '../catalogus';
import { loadLibxml2, type Libxml2 } from './libxml2';

type XsdValidator = InstanceType<Libxml2['XsdValidator']>;

/** What an XSD worker needs to compile the same schemas on its own libxml2 instance. */
export interface SchemaWorkerData {
  /** Every .xsd of the directory by its virtual path (the same provider SchemaSet registers). */
  files: Record<string, Uint8Array>;
  /** Virtual path of the schema entry point per bericht naam. */
  entryPoints: Record<string, string>;
}

/** Raised at start-up when the schema directory is incomplete; names the missing file. */
export class SchemaDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaDirectoryError';
  }
}

/** Schemas are served to libxml2 under this virtual root, never from the real file system. */
const VIRTUAL_ROOT = '/istd-xsd';

/**
 * The compiled schemas of one iStandaarden release directory (layout: architecture.md §4.1).
 * Every schema is compiled at most once and reused; schema imports resolve only inside the directory.
 */
export class SchemaSet {
  private readonly validators = new Map<string, XsdValidator>();
  private readonly versies = new Map<string, { basisschema: string; bericht: string }>();
  private readonly splittable = new Map<string, boolean>();
  private readonly disposers: Array<() => void> = [];

  private constructor(
    readonly directory: string,
    readonly lib: Libxml2,
    /** Schema file per bericht, relative to the directory. */
    private readonly schemaFiles: ReadonlyMap<string, string>,
  ) {}

  /**
   * Checks the directory holds a schema for each of the 28 berichten and registers its files with
   * libxml2. With `compileAll` every schema is compiled now (the service); otherwise on first use (CLI).
   */
  static async load(directory: string, options: { compileAll?: boolean } = {}): Promise<SchemaSet> {
    const schemaFiles = locateSchemas(directory);
    const lib = await loadLibxml2();
    registerSchemaFiles(lib, directory);
    const set = new SchemaSet(directory, lib, schemaFiles);
    if (options.compileAll) for (const b of BERICHTEN) set.validator(b);
    return set;
  }

  /** The compiled validator of a bericht, compiled on first use. */
  validator(bericht: BerichtDefinitie): XsdValidator {
    let v = this.validators.get(bericht.naam);
    if (!v) {
      const file = this.schemaFiles.get(bericht.naam);
      if (!file) throw new SchemaDirectoryError(`no schema for ${bericht.naam}`);
      const { XmlDocument, XsdValidator } = this.lib;
      const url = `${VIRTUAL_ROOT}/${file}`;
      const doc = XmlDocument.fromBuffer(readFileSync(join(this.directory, file)), { url });
      try {
        v = XsdValidator.fromDoc(doc);
      } finally {
        doc.dispose();
      }
      this.validators.set(bericht.naam, v);
    }
    return v;
  }

  /** The schema files and entry points, for XSD workers (xsd-pool.ts) that compile their own copy. */
  workerData(): SchemaWorkerData {
    const files = registeredFiles.get(this.directory);
    if (!files) throw new SchemaDirectoryError(`schema directory ${this.directory} is not registered`);
    const entryPoints: Record<string, string> = {};
    for (const [naam, file] of this.schemaFiles) entryPoints[naam] = `${VIRTUAL_ROOT}/${file}`;
    return { files, entryPoints };
  }

  /**
   * True when a bericht may be schema-validated in pieces (split-plan.ts): its schema and the
   * basisschema have no identity constraints (unique/key/keyref) and no ID/IDREF types, the only
   * constraints that relate one Client to another. Checked on the text of the files in use.
   */
  splitsByClient(bericht: BerichtDefinitie): boolean {
    let ok = this.splittable.get(bericht.naam);
    if (ok === undefined) {
      const files = registeredFiles.get(this.directory) ?? {};
      const entry = this.schemaFiles.get(bericht.naam);
      const texts = Object.entries(files)
        .filter(([path]) => path.endsWith('/basisschema.xsd') || (entry !== undefined && path === `${VIRTUAL_ROOT}/${entry}`))
        .map(([, bytes]) => Buffer.from(bytes).toString('utf8'));
      ok = texts.length >= 2 && texts.every((t) => !/<(\w+:)?(unique|key|keyref)\b|\b(type|base|itemType)="(\w+:)?(ID|IDREF|IDREFS)"/.test(t));
      this.splittable.set(bericht.naam, ok);
    }
    return ok;
  }

  /** Runs `fn` when the set is disposed (the XSD worker pool of this set registers here). */
  onDispose(fn: () => void): void {
    this.disposers.push(fn);
  }

  /** The version triples a schema declares in its appinfo (IV034), for the XsdVersie of what we send. */
  xsdVersie(bericht: BerichtDefinitie): { basisschema: string; bericht: string } {
    let v = this.versies.get(bericht.naam);
    if (!v) {
      const file = this.schemaFiles.get(bericht.naam);
      if (!file) throw new SchemaDirectoryError(`no schema for ${bericht.naam}`);
      const text = readFileSync(join(this.directory, file), 'utf8');
      const pick = (name: string) => new RegExp(`<[\\w]+:${name}>\\s*([0-9]+\\.[0-9]+\\.[0-9]+)\\s*<`).exec(text)?.[1] ?? '1.0.0';
      v = { basisschema: pick('BasisschemaXsdVersie'), bericht: pick('BerichtXsdVersie') };
      this.versies.set(bericht.naam, v);
    }
    return v;
  }

  dispose(): void {
    for (const fn of this.disposers.splice(0)) fn();
    for (const v of this.validators.values()) v.dispose();
    this.validators.clear();
  }
}

/** iWmo retour schemas may live in xsd-afgeleid/ until the official files are at hand. */
function locateSchemas(directory: string): Map<string, string> {
  if (!existsSync(directory)) throw new SchemaDirectoryError(`schema directory ${directory} does not exist`);
  const files = new Map<string, string>();
  const missing: string[] = [];
  for (const b of BERICHTEN) {
    const candidates = [`${b.standaard}-3.2/xsd/${b.naam}.xsd`];
    if (b.standaard === 'iwmo') candidates.push(`${b.standaard}-3.2/xsd-afgeleid/${b.naam}.xsd`);
    const found = candidates.find((c) => existsSync(join(directory, c)));
    if (found) files.set(b.naam, found);
    else missing.push(candidates[0]);
  }
  for (const s of ['iwmo', 'ijw']) {
    const basis = `${s}-3.2/xsd/basisschema.xsd`;
    if (!existsSync(join(directory, basis))) missing.push(basis);
  }
  if (missing.length > 0) {
    throw new SchemaDirectoryError(`schema directory ${directory} is missing: ${missing.join(', ')}`);
  }
  return files;
}

/** Registered schema files per directory, kept for the workers (a few hundred kB). */
const registeredFiles = new Map<string, Record<string, Uint8Array>>();

/** Serves the directory's .xsd files from memory so imports never reach the real file system. */
function registerSchemaFiles(lib: Libxml2, directory: string): void {
  if (registeredFiles.has(directory)) return;
  const buffers: Record<string, Uint8Array> = {};
  for (const standaard of readdirSync(directory)) {
    for (const sub of ['xsd', 'xsd-afgeleid']) {
      const dir = join(directory, standaard, sub);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) {
        if (f.endsWith('.xsd')) buffers[`${VIRTUAL_ROOT}/${standaard}/${sub}/${f}`] = readFileSync(join(dir, f));
      }
    }
  }
  lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(buffers));
  registeredFiles.set(directory, buffers);
}
