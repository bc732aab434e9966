import type { Logger } from 'pino';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const noop = (): void => undefined;

/**
 * `parent.child(bindings)`, made only when a line is logged at an enabled level (or another member is
 * used). A child costs its bindings' censoring and serialization at once,
 * and on the per-bericht path most children write nothing at the configured level.
 * Written lines are exactly those of `parent.child(bindings)`; `.child(b)` on the result stays lazy.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  return keten(parent, [bindings]);
}

function keten(parent: Logger, chain: ReadonlyArray<Record<string, unknown>>): Logger {
  let child: Logger | null = null;
  const echt = (): Logger => (child ??= chain.reduce((l, b) => l.child(b), parent));
  return new Proxy(parent, {
    get(_target, prop) {
      if (child === null) {
        if (typeof prop === 'string' && LEVELS.has(prop) && !parent.isLevelEnabled(prop)) return noop;
        if (prop === 'child') {
          return (b: Record<string, unknown>, options?: Parameters<Logger['child']>[1]) =>
            options === undefined ? keten(parent, [...chain, b]) : echt().child(b, options);
        }
      }
      const c = echt();
      const v = Reflect.get(c, prop, c) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
    },
  });
}
