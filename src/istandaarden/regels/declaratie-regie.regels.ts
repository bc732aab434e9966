import type { Regel } from './regel';
import { TR342 } from './dr-antwoord';
import { TR315, TR316, TR416 } from './dr-correcties';
import { CD060, CD087, CS100, CS337, CS339, CS340, TR137, TR319, TR335, TR358 } from './dr-declaratie';
import { CS058, TR018 } from './dr-regie';
import { TR101 } from './dr-tr101';
import { TR134 } from './dr-tr134';

export { TR342 } from './dr-antwoord';
export { TR315, TR316, TR416 } from './dr-correcties';
export { CD060, CD087, CS100, CS337, CS339, CS340, TR137, TR319, TR335, TR358 } from './dr-declaratie';
export { CS058, TR018 } from './dr-regie';
export { TR101 } from './dr-tr101';
export { TR134 } from './dr-tr134';

/**
 * Rules of the start/stop, declaratie and declaratie-antwoord berichten (305, 307, 323, 325),
 * plus TR101 and TR134 for every heenbericht, in iWmo and iJw alike (the two rule XSLTs agree on
 * all of them). The rule XSLTs do not cover the retourberichten.
 */
export const DECLARATIE_REGIE_REGELS: readonly Regel[] = [
  CD060,
  CD087,
  CS058,
  CS100,
  CS337,
  CS339,
  CS340,
  TR018,
  TR101,
  TR134,
  TR137,
  TR315,
  TR316,
  TR319,
  TR335,
  TR342,
  TR358,
  TR416,
];
