import type { IncomingMessage } from 'node:http';

/** The body is over the limit; nothing more is read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body is over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface ReadRawBodyOptions {
  /**
   * Makes the buffer for a body with a Content-Length (default: a buffer of its own); a bericht's
   * body goes into shared memory when large (allocateBerichtBytes), for the XSD workers to read in place.
   */
  allocate?: (size: number) => Buffer;
}

/**
 * Reads the request body into one Buffer, refusing it as soon as it passes `limit` bytes (by
 * Content-Length before reading anything, or while streaming). The rest is drained, not kept.
 * With a Content-Length the chunks are copied into one buffer of that size as they arrive: a large
 * bericht then exists once, not as chunks plus their concatenation (old-generation garbage that
 * would stay until the next full collection, beside everything that processing allocates).
 */
export function readRawBody(req: IncomingMessage, limit: number, options: ReadRawBodyOptions = {}): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const hasLength = req.headers['content-length'] !== undefined && Number.isSafeInteger(declared) && declared >= 0;
  if (hasLength && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  const target = hasLength ? (options.allocate ?? Buffer.allocUnsafeSlow)(declared) : null;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const refuse = (): void => {
      cleanup();
      chunks.length = 0;
      req.resume();
      reject(new BodyTooLargeError(limit));
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit || (target && size + chunk.length > target.length)) {
        refuse();
        return;
      }
      if (target) chunk.copy(target, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = (): void => {
      cleanup();
      resolve(target ? target.subarray(0, size) : Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
