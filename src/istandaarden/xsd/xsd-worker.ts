import type * as WorkerThreads from 'node:worker_threads';
import type { Libxml2 } from './libxml2';
import type { SchemaWorkerData } from './schema-set';

/** workerData of an XSD worker. */
export interface XsdWorkerInit extends SchemaWorkerData {
  /** file: URL of libxml2-wasm's entry module, imported by the worker. */
  libxml2Url: string;
  /** The parse options of validate-xsd.ts (xsdParseOptions). */
  parseOptions: number;
}

/**
 * One document to validate: the concatenation of byte ranges [start, end) of `buffer`
 * (a whole bericht is one range; a piece of a split declaratie is prefix + clients + suffix).
 */
export interface XsdJob {
  id: number;
  naam: string;
  buffer: SharedArrayBuffer | ArrayBuffer;
  /** Flat list of [start, end) pairs. */
  ranges: number[];
}

export interface XsdDetail {
  message: string;
  line: number;
}

export type XsdJobResult =
  | { id: number; valid: true }
  | { id: number; valid: false; details: XsdDetail[] }
  /** Not a verdict: libxml2 failed in a way that is not a finding (e.g. out of memory). */
  | { id: number; error: string };

export type XsdWorkerMessage = XsdJobResult | { ready: true } | { fatal: string };

/**
 * Body of an XSD worker thread: compiles schemas on first use from the files it was given and
 * answers jobs one by one, always disposing the libxml2 document (after posting the answer, so
 * the caller does not wait for the free).
 *
 * The pool starts it from its source text (Function.prototype.toString, see xsd-pool.ts), which
 * works the same from compiled JS and under the test runner. So it must use nothing but its
 * parameters: no imports, no module-level names, no helpers outside this function.
 */
export function xsdWorkerMain(lib: Libxml2, wt: typeof WorkerThreads): void {
  const port = wt.parentPort;
  if (port === null) return;
  const init = wt.workerData as XsdWorkerInit;
  lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(init.files));
  const validators = new Map<string, InstanceType<Libxml2['XsdValidator']>>();

  const validatorOf = (naam: string): InstanceType<Libxml2['XsdValidator']> => {
    let v = validators.get(naam);
    if (v === undefined) {
      const url = init.entryPoints[naam];
      if (url === undefined) throw new Error(`no schema for ${naam}`);
      const schemaDoc = lib.XmlDocument.fromBuffer(init.files[url], { url });
      try {
        v = lib.XsdValidator.fromDoc(schemaDoc);
      } finally {
        schemaDoc.dispose();
      }
      validators.set(naam, v);
    }
    return v;
  };

  const bytesOf = (job: XsdJob): Uint8Array => {
    const r = job.ranges;
    if (r.length === 2) return new Uint8Array(job.buffer, r[0], r[1] - r[0]);
    let total = 0;
    for (let i = 0; i < r.length; i += 2) total += r[i + 1] - r[i];
    const out = new Uint8Array(total);
    let at = 0;
    for (let i = 0; i < r.length; i += 2) {
      out.set(new Uint8Array(job.buffer, r[i], r[i + 1] - r[i]), at);
      at += r[i + 1] - r[i];
    }
    return out;
  };

  const detailsOf = (e: unknown): XsdDetail[] | null => {
    if (!(e instanceof lib.XmlLibError)) return null;
    return e.details.map((d) => ({ message: d.message, line: d.line }));
  };

  port.on('message', (job: XsdJob) => {
    let doc: InstanceType<Libxml2['XmlDocument']> | null = null;
    let result: XsdJobResult;
    try {
      const validator = validatorOf(job.naam);
      doc = lib.XmlDocument.fromBuffer(bytesOf(job), { option: init.parseOptions });
      validator.validate(doc);
      result = { id: job.id, valid: true };
    } catch (e) {
      const details = detailsOf(e);
      result = details ? { id: job.id, valid: false, details } : { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    try {
      port.postMessage(result);
    } finally {
      if (doc !== null) doc.dispose();
    }
  });
  port.postMessage({ ready: true });
}
