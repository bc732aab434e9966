import { BadRequestException, HttpStatus, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AppException } from './app.exception';
import { toErrorResponse } from './all-exceptions.filter';

describe('toErrorResponse', () => {
  it('keeps the code, message, status and headers of an AppException', () => {
    const r = toErrorResponse(new AppException('INGEST.TOO_LARGE', 'too big', HttpStatus.PAYLOAD_TOO_LARGE, { 'X-A': 'b' }));
    expect(r).toEqual({ status: 413, body: { code: 'INGEST.TOO_LARGE', message: 'too big' }, headers: { 'X-A': 'b' } });
  });

  it('gives Nest HTTP errors a code from their status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body).toEqual({ code: 'HTTP.NOT_FOUND', message: 'Cannot GET /x' });
    expect(toErrorResponse(new BadRequestException(['a', 'b'])).body).toEqual({ code: 'HTTP.BAD_REQUEST', message: 'a; b' });
  });

  it('passes client errors from express middleware through (body-parser)', () => {
    const e = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    expect(toErrorResponse(e)).toEqual({ status: 413, body: { code: 'HTTP.PAYLOAD_TOO_LARGE', message: 'request entity too large' }, headers: {} });
  });

  it('answers anything else with a generic 500 and an error id, without details', () => {
    const r = toErrorResponse(new Error('relation "x" does not exist; bsn 999900006'));
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('PLATFORM.INTERNAL');
    expect(r.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.message).toContain(r.body.errorId);
    expect(JSON.stringify(r.body)).not.toContain('999900006');
    expect(JSON.stringify(r.body)).not.toContain('relation');
  });
});
