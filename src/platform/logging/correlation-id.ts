import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * A caller's correlation id is kept when it is short and plain (it ends up in logs and the
 * database); otherwise a fresh one is made.
 */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : randomUUID();
}
