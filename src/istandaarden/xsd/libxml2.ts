/**
 * libxml2-wasm is ESM-only and starts its WebAssembly module with a top-level await, so this
 * CommonJS project loads it through a real dynamic import (kept as import() by module "node16").
 */
export type Libxml2 = typeof import('libxml2-wasm', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Libxml2> | null = null;

export function loadLibxml2(): Promise<Libxml2> {
  loading ??= import('libxml2-wasm');
  return loading;
}
