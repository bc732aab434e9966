import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { berichtDefinitie } from '../catalogus';
import { appliesTo } from './engine';
import { ALLE_REGELS } from './registry';

/** The rules the official rule XSLTs of release 3.2 check inside one bericht. */
const XSLT_IWMO = [
  'CD005', 'CD007', 'CD009', 'CD025', 'CD034', 'CD041', 'CD043', 'CD060', 'CD066', 'CD067', 'CD068', 'CD075', 'CD076',
  'CD077', 'CD078', 'CD079', 'CD080', 'CD085', 'CD086', 'CD087', 'CD095', 'CD096', 'CS002', 'CS003', 'CS050', 'CS058',
  'CS089', 'CS100', 'CS139', 'CS325', 'CS335', 'CS336', 'CS337', 'CS338', 'CS339', 'CS340', 'CS343', 'TR002', 'TR006',
  'TR018', 'TR061', 'TR101', 'TR134', 'TR137', 'TR302', 'TR315', 'TR316', 'TR319', 'TR335', 'TR342', 'TR352', 'TR353',
  'TR358', 'TR380', 'TR383', 'TR386', 'TR410', 'TR416',
];
const XSLT_IJW = [...XSLT_IWMO, 'CS318', 'TR377', 'TR409'].sort();

function codesFor(naam: string): string[] {
  const def = berichtDefinitie(naam);
  if (!def) throw new Error(naam);
  return [...new Set(ALLE_REGELS.filter((r) => appliesTo(r, def)).map((r) => r.code))];
}

describe('rule registry', () => {
  it('holds each rule once', () => {
    const codes = ALLE_REGELS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('covers exactly the rules of the official iWmo and iJw rule XSLTs', () => {
    const all = (standaard: 'iwmo' | 'ijw') =>
      [...new Set(['301', '305', '307', '315', '317', '319', '323', '325'].flatMap((n) => codesFor(`${standaard === 'iwmo' ? 'WMO' : 'JW'}${n}`)))].sort();
    expect(all('iwmo')).toEqual([...XSLT_IWMO].sort());
    expect(all('ijw')).toEqual(XSLT_IJW);
  });

  it('has a test suite named after every rule code', () => {
    const specs = readdirSync(__dirname).filter((f) => f.endsWith('.spec.ts')).map((f) => readFileSync(join(__dirname, f), 'utf8')).join('\n');
    const missing = ALLE_REGELS.map((r) => r.code).filter((code) => !new RegExp(`describe\\(\\s*['"\`][^'"\`]*\\b${code}\\b`).test(specs));
    expect(missing).toEqual([]);
  });
});
