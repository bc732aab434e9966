import { describe, expect, it } from 'vitest';
import { RecenteBytes } from './recente-bytes';

describe('RecenteBytes', () => {
  it('hands stored bytes out once, as the same Buffer', () => {
    const r = new RecenteBytes(1000, 60_000);
    const raw = Buffer.from('<Bericht/>');
    r.bewaar('a', raw);
    expect(r.neem('a')).toBe(raw);
    expect(r.neem('a')).toBeUndefined();
    expect(r.bytes).toBe(0);
  });

  it('evicts the oldest above the byte bound and never keeps one larger than the bound', () => {
    const r = new RecenteBytes(25, 60_000);
    r.bewaar('a', Buffer.alloc(10));
    r.bewaar('b', Buffer.alloc(10));
    r.bewaar('c', Buffer.alloc(10));
    expect(r.neem('a')).toBeUndefined();
    expect(r.neem('b')).toHaveLength(10);
    r.bewaar('groot', Buffer.alloc(26));
    expect(r.neem('groot')).toBeUndefined();
    expect(r.bytes).toBe(10);
  });

  it('drops what is older than the age bound (claimed by another process, or never)', () => {
    let nu = 0;
    const r = new RecenteBytes(1000, 100, () => nu);
    r.bewaar('a', Buffer.alloc(5));
    nu = 50;
    r.bewaar('b', Buffer.alloc(5));
    nu = 120;
    expect(r.neem('a')).toBeUndefined();
    expect(r.neem('b')).toHaveLength(5);
  });
});
