import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { correlationIdFrom } from './correlation-id';
import { createLogger, serializeError } from './logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('redacts BSN, names, birth dates and address fields at any depth, in arrays too', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        bsn: '999900006',
        client: { Bsn: '999900006', naam: { achternaam: 'Wit', Voornamen: 'Tim' }, geboortedatum: '1967-08-13' },
        a: { b: { c: { d: { e: { adres: { postcode: '1234AB', huisnummer: 12 } } } } } },
        clienten: [{ bsn: '999900018' }],
      },
      'client',
    );
    const line = lines.join('');
    for (const value of ['999900006', '999900018', 'Wit', 'Tim', '1967-08-13', '1234AB']) expect(line).not.toContain(value);
    expect(line).toContain('[redacted]');
  });

  it('redacts the bindings of child loggers, grandchildren and pino-http style children included', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.child({ bsn: '999900006' }).child({ client: { naam: 'Wit' }, berichtId: 'b1' }).info('m');
    const parsed = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(parsed).toMatchObject({ bsn: '[redacted]', client: { naam: '[redacted]' }, berichtId: 'b1' });
  });

  it('leaves an object without client data as it is and keeps errors for their serializer', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    const err = Object.assign(new Error('boom'), { bsn: '999900006' });
    log.error({ err, aantal: 3, lijst: [1, 2] }, 'failed');
    const parsed = JSON.parse(lines[0]) as { err: { message: string }; aantal: number; lijst: number[] };
    expect(parsed.err.message).toBe('boom');
    expect(parsed.aantal).toBe(3);
    expect(parsed.lijst).toEqual([1, 2]);
    expect(lines[0]).not.toContain('999900006');
  });

  it('writes JSON with an ISO time', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info({ berichtId: 'x' }, 'hallo');
    const parsed = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(parsed.msg).toBe('hallo');
    expect(parsed.berichtId).toBe('x');
    expect(String(parsed.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('serializeError', () => {
  it('drops query parameters and driver details', () => {
    const err = Object.assign(new Error('duplicate key'), { code: '23505', parameters: ['<Bsn>999900006</Bsn>'], detail: 'Key (x)=(y)' });
    const out = JSON.stringify(serializeError(err));
    expect(out).toContain('duplicate key');
    expect(out).toContain('23505');
    expect(out).not.toContain('999900006');
    expect(out).not.toContain('Key (x)');
  });
});

describe('correlationIdFrom', () => {
  it('keeps a plain caller id', () => expect(correlationIdFrom('abc-123')).toBe('abc-123'));
  it('replaces an unsafe or long one', () => {
    expect(correlationIdFrom('a b')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom('x'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
