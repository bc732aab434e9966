import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { lazyChild } from './lazy-child';

function logger(level: 'info' | 'warn') {
  const lines: string[] = [];
  const out = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(chunk.toString()); cb(); } });
  return { log: createLogger(level, out), lines };
}

const zonderTijd = (l: string) => l.replace(/"time":"[^"]*",/, '');

describe('lazyChild', () => {
  it('writes the same lines as child(), nested children too, with redaction', () => {
    const a = logger('info');
    const b = logger('info');
    a.log.child({ correlationId: 'c1' }).child({ stap: 'x' }).info({ bsn: '123456782', n: 1 }, 'm');
    lazyChild(b.log, { correlationId: 'c1' }).child({ stap: 'x' }).info({ bsn: '123456782', n: 1 }, 'm');
    expect(b.lines.map(zonderTijd)).toEqual(a.lines.map(zonderTijd));
    expect(b.lines[0]).toContain('[redacted]');
  });

  it('makes no child for a line below the level', () => {
    const { log, lines } = logger('warn');
    const spy = vi.spyOn(log, 'child');
    const lazy = lazyChild(log, { correlationId: 'c1' }).child({ stap: 'x' });
    lazy.info({ n: 1 }, 'not written');
    expect(spy).not.toHaveBeenCalled();
    lazy.warn('written');
    expect(spy).toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ correlationId: 'c1', stap: 'x', msg: 'written' });
  });
});
