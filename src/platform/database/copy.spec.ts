import { describe, expect, it } from 'vitest';
import { copyVeld } from './copy';

describe('copyVeld: one field in COPY text format', () => {
  it('writes null as \\N and a number as its digits', () => {
    expect(copyVeld(null)).toBe('\\N');
    expect(copyVeld(-5000)).toBe('-5000');
  });

  it('escapes what would end a field or a row, and the escape character itself', () => {
    expect(copyVeld('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyVeld('\\N')).toBe('\\\\N');
  });

  it('leaves ordinary text as it is', () => {
    expect(copyVeld('REF-2025/001 é')).toBe('REF-2025/001 é');
  });
});
