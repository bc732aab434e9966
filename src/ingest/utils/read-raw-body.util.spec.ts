import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readRawBody } from './read-raw-body.util';

function request(parts: string[], headers: Record<string, string> = {}): IncomingMessage {
  const s = new PassThrough();
  Object.assign(s, { headers });
  setImmediate(() => {
    for (const p of parts) s.write(p);
    s.end();
  });
  return s as unknown as IncomingMessage;
}

describe('readRawBody', () => {
  it('returns the exact bytes', async () => {
    expect((await readRawBody(request(['ab', 'cd']), 10)).toString()).toBe('abcd');
  });

  it('accepts a body of exactly the limit', async () => {
    expect((await readRawBody(request(['12345']), 5)).length).toBe(5);
  });

  it('refuses by Content-Length before reading', async () => {
    await expect(readRawBody(request([], { 'content-length': '11' }), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses while streaming when no length was declared', async () => {
    await expect(readRawBody(request(['123456', '789012']), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('fills one buffer of the declared length, made by the given allocator', async () => {
    const allocate = (n: number) => (n >= 5 ? Buffer.from(new SharedArrayBuffer(n)) : Buffer.allocUnsafeSlow(n));
    const klein = await readRawBody(request(['ab', 'cd'], { 'content-length': '4' }), 10, { allocate });
    expect(klein.toString()).toBe('abcd');
    expect(klein.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    const groot = await readRawBody(request(['abc', 'de'], { 'content-length': '5' }), 10, { allocate });
    expect(groot.toString()).toBe('abcde');
    expect(groot.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('returns what arrived when the stream ends short of the declared length', async () => {
    expect((await readRawBody(request(['ab'], { 'content-length': '4' }), 10)).toString()).toBe('ab');
  });

  it('refuses more bytes than the declared length', async () => {
    await expect(readRawBody(request(['abc', 'de'], { 'content-length': '4' }), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
