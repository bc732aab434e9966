import { describe, expect, it } from 'vitest';
import { addDate, addMonths, adjustDate, datumNummer, formatNumber, normalizeSpace, xpathNumber } from './dr-xpath';

describe('XSLT calendar (adjustDate, addDate, addMonths)', () => {
  it('carries a day past the month end into the next month, as the XSLT does', () => {
    expect(adjustDate(20230231)).toBe(20230303);
    expect(addMonths('2023-01-31', 1)).toBe(20230303);
    expect(addDate('2023-12-31', 1)).toBe(20240101);
    expect(addDate('2024-02-28', 1)).toBe(20240229);
  });

  it('truncates to the month end when asked', () => {
    expect(adjustDate(20230231, 'truncate')).toBe(20230228);
    expect(addMonths('2028-02-29', -60, 'truncate')).toBe(20230228);
    expect(addMonths('2023-03-31', -1, 'truncate')).toBe(20230228);
  });

  it('treats every year divisible by 4 as a leap year, 2100 included', () => {
    expect(addDate('2100-02-28', 1)).toBe(21000229);
    expect(addDate('2023-02-28', 1)).toBe(20230301);
  });

  it('returns blank for a blank date and NaN instead of recursing forever', () => {
    expect(addDate('  ', 1)).toBe('');
    expect(addMonths(undefined, 1)).toBeNaN();
  });
});

describe('XPath values', () => {
  it('number() accepts digits between XPath whitespace only', () => {
    expect(xpathNumber(' 12\n')).toBe(12);
    expect(xpathNumber('0012')).toBe(12);
    expect(xpathNumber('+12')).toBeNaN();
    expect(xpathNumber('')).toBeNaN();
    expect(datumNummer(' 2023-04-01 ')).toBe(20230401);
  });

  it('number() and the date number read plain digits in place exactly as through the general path', () => {
    const langzaam = (t: string) => {
      const v = t.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
      return /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(v) ? Number(v) : NaN;
    };
    for (const t of ['0', '7', '-0', '-15', '000123', '123456789012345', '1234567890123456', '12a', '-', '--1', '1-', '1.5', '.5', ' 5', '٣']) {
      expect(Object.is(xpathNumber(t), langzaam(t)), t).toBe(true);
    }
    for (const t of ['2025-01-31', '0000-00-00', '2025-1-011', '-025-01-01', '2025-01-3a', '2025/01/31', '2025-01-311', '202-501-31']) {
      expect(Object.is(datumNummer(t), langzaam(t.replace(/-/g, ''))), t).toBe(true);
    }
  });

  it('normalize-space() collapses only space, tab, CR and LF', () => {
    expect(normalizeSpace('plain')).toBe('plain');
    expect(normalizeSpace('a\rb')).toBe('a b');
    expect(normalizeSpace('  a \t b\n')).toBe('a b');
    expect(normalizeSpace('\u00a0a')).toBe('\u00a0a');
  });

  it('formatNumber writes no leading zeros and nothing for NaN', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(58000)).toBe('58000');
    expect(formatNumber(-500)).toBe('-500');
    expect(formatNumber(NaN)).toBe('');
  });
});
