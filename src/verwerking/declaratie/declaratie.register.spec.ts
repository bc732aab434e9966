import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './declaratie.register';

/** pg's own conversion of a JS array parameter, which arrayLiteral replaces. */
const pgUtils = createRequire(__filename)('pg/lib/utils') as { prepareValue(v: unknown): unknown };

describe('arrayLiteral (array parameters as one text)', () => {
  it('is the text pg makes of the same array: quoted elements, NULL, numbers', () => {
    const waarden: Array<string | number | null> = ['RN1', null, '300201', 0, -5000, 1250, '2025-04-01', 'D', ''];
    expect(arrayLiteral(waarden)).toBe('{"RN1",NULL,"300201","0","-5000","1250","2025-04-01","D",""}');
    expect(arrayLiteral(waarden)).toBe(pgUtils.prepareValue(waarden));
  });

  it('escapes backslash and double quote, and keeps commas, braces, spaces and NULL as text inside quotes', () => {
    const lastig = ['a"b', 'c\\d', 'e,f', '{g}', ' h ', 'NULL', 'é€'];
    expect(arrayLiteral(lastig)).toBe('{"a\\"b","c\\\\d","e,f","{g}"," h ","NULL","é€"}');
    expect(arrayLiteral(lastig)).toBe(pgUtils.prepareValue(lastig));
  });

  it('makes an empty array of nothing', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral([])).toBe(pgUtils.prepareValue([]));
  });
});
