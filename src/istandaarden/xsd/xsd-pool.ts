import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SchemaSet } from './schema-set';
import { xsdParseOptions } from './validate-xsd';
import { xsdWorkerMain, type XsdJob, type XsdJobResult, type XsdWorkerInit, type XsdWorkerMessage } from './xsd-worker';

/** A worker died or could not start; the job has no verdict. The pool starts a new worker next time. */
export class XsdWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XsdWorkerError';
  }
}

export type XsdOutcome = { valid: true } | { valid: false; details: Array<{ message: string; line: number }> };

interface Pending {
  resolve: (outcome: XsdOutcome) => void;
  reject: (e: Error) => void;
  bytes: number;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
  /** Set after a large job: WebAssembly memory never shrinks, so the worker is replaced when idle. */
  retire: boolean;
}

/**
 * A job of this many bytes or more (a whole large document, e.g. to report its findings) leaves
 * the worker's libxml2 heap at several times that size; such a worker is replaced once idle.
 * Pieces of a split declaratie (4 MB) stay well below it.
 */
const RETIRE_AFTER_BYTES = 16 * 1024 * 1024;

/** The worker's source: a bootstrap that imports libxml2-wasm, then xsdWorkerMain's own text. */
const WORKER_SOURCE = `
const wt = require('node:worker_threads');
import(wt.workerData.libxml2Url).then(
  (lib) => (${xsdWorkerMain.toString()})(lib, wt),
  (e) => wt.parentPort.postMessage({ fatal: 'cannot load libxml2-wasm: ' + (e && e.message) }),
);
`;

/**
 * Long-lived worker threads that schema-validate with their own libxml2 instance, so XSD work
 * overlaps with scanning and the rules on the calling thread (validateBerichtAsync). One pool per
 * SchemaSet (`XsdWorkerPool.for`); each worker compiles a schema on first use. Workers hold no
 * event-loop reference while idle, so the process can exit without disposing the pool.
 */
export class XsdWorkerPool {
  private static readonly pools = new WeakMap<SchemaSet, XsdWorkerPool>();
  private readonly slots: Array<Slot | null>;
  private readonly init: XsdWorkerInit;
  private nextId = 1;
  private nextSlot = 0;
  private closed = false;
  private readonly retireAfterBytes: number;

  /** The shared pool of a SchemaSet; disposed with it. */
  static for(schemas: SchemaSet): XsdWorkerPool {
    let pool = XsdWorkerPool.pools.get(schemas);
    if (!pool) {
      const created = new XsdWorkerPool(schemas);
      XsdWorkerPool.pools.set(schemas, created);
      schemas.onDispose(() => void created.close());
      pool = created;
    }
    return pool;
  }

  /** Default size: one worker per core beyond the calling thread, at least one, at most four. */
  static defaultSize(): number {
    return Math.max(1, Math.min(4, availableParallelism() - 1));
  }

  constructor(schemas: SchemaSet, size = XsdWorkerPool.defaultSize(), options: { retireAfterBytes?: number } = {}) {
    this.retireAfterBytes = options.retireAfterBytes ?? RETIRE_AFTER_BYTES;
    this.slots = new Array<Slot | null>(Math.max(1, size)).fill(null);
    this.init = {
      ...schemas.workerData(),
      libxml2Url: pathToFileURL(require.resolve('libxml2-wasm')).href,
      parseOptions: xsdParseOptions(schemas.lib),
    };
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts the workers and compiles these berichten's schemas in each, so the first job waits for neither. */
  async warm(naam: readonly string[] = []): Promise<void> {
    const empty = new ArrayBuffer(0);
    await Promise.all(
      this.slots.map((_, i) =>
        Promise.all(naam.map((n) => this.runOn(i, { naam: n, buffer: empty, ranges: [0, 0] }).catch(() => undefined))),
      ),
    );
  }

  /**
   * Validates the concatenation of `ranges` of `buffer` against the schema of bericht `naam`.
   * Jobs are spread round-robin; each worker answers its jobs in order. A SharedArrayBuffer is
   * shared with the worker; an ArrayBuffer is copied.
   */
  validate(naam: string, buffer: SharedArrayBuffer | ArrayBuffer, ranges: number[]): Promise<XsdOutcome> {
    const slot = this.nextSlot;
    this.nextSlot = (this.nextSlot + 1) % this.slots.length;
    return this.runOn(slot, { naam, buffer, ranges });
  }

  /** Terminates the workers; pending jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map((slot, i) => {
        this.slots[i] = null;
        if (!slot) return undefined;
        this.fail(slot, 'XSD worker pool closed');
        return slot.worker.terminate();
      }),
    );
  }

  /** For tests: the running worker of a slot, if any. */
  workerAt(index: number): Worker | null {
    return this.slots[index]?.worker ?? null;
  }

  private runOn(index: number, job: Omit<XsdJob, 'id'>): Promise<XsdOutcome> {
    if (this.closed) return Promise.reject(new XsdWorkerError('XSD worker pool closed'));
    const slot = this.slotAt(index);
    const id = this.nextId++;
    return new Promise<XsdOutcome>((resolve, reject) => {
      let bytes = 0;
      for (let i = 0; i < job.ranges.length; i += 2) bytes += job.ranges[i + 1] - job.ranges[i];
      slot.pending.set(id, { resolve, reject, bytes });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ id, ...job } satisfies XsdJob);
    });
  }

  private slotAt(index: number): Slot {
    const existing = this.slots[index];
    if (existing && !existing.dead) return existing;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.init, name: 'istd-xsd' });
    const slot: Slot = { worker, pending: new Map(), dead: false, retire: false };
    worker.unref();
    worker.on('message', (m: XsdWorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e: Error) => this.fail(slot, `XSD worker failed: ${e.message}`));
    worker.on('exit', (code) => this.fail(slot, `XSD worker exited with code ${code}`));
    this.slots[index] = slot;
    return slot;
  }

  private onMessage(slot: Slot, m: XsdWorkerMessage): void {
    if ('ready' in m) return;
    if ('fatal' in m) {
      this.fail(slot, m.fatal);
      void slot.worker.terminate();
      return;
    }
    const p = slot.pending.get(m.id);
    if (!p) return;
    if (p.bytes >= this.retireAfterBytes) slot.retire = true;
    this.settled(slot, m.id);
    const r: XsdJobResult = m;
    if ('error' in r) p.reject(new XsdWorkerError(`libxml2 failed: ${r.error}`));
    else p.resolve(r.valid ? { valid: true } : { valid: false, details: r.details });
  }

  private settled(slot: Slot, id: number): void {
    slot.pending.delete(id);
    if (slot.pending.size > 0 || slot.dead) return;
    slot.worker.unref();
    if (slot.retire) {
      slot.dead = true;
      void slot.worker.terminate();
    }
  }

  /** Marks a worker dead and rejects its jobs; the next job on its slot starts a new worker. */
  private fail(slot: Slot, message: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.reject(new XsdWorkerError(message));
  }
}
