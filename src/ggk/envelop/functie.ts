import type { BerichtDefinitie } from '../../istandaarden/catalogus';

/** UUID version 4, lower case: the pattern of the ggk0210 schema and of CC04 (spec §2.4, foutcodes IB009). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}

/**
 * Which envelope carries a bericht (spec §2.2, §3.3): heenberichten (301, 305, 307, 315, 317, 319, 323)
 * go in a Di01; the retourberichten (302, 306, 308, 316, 318, 320) and the declaratie-antwoord 325 go
 * in a Du01 whose crossRefnummer is the referentienummer of the Di01 they answer. The 325 is a new
 * bericht in iStandaarden terms, but in the keten it answers the 323 (foutcodes CC11).
 */
export function berichtcodeVoor(definitie: BerichtDefinitie): 'Di01' | 'Du01' {
  return definitie.isRetour || definitie.nummer === '325' ? 'Du01' : 'Di01';
}

/** A value that may go into a reason: short and plain, otherwise not repeated. */
export function veiligeWaarde(value: string): string | null {
  return /^[A-Za-z0-9_.-]{1,30}$/.test(value) ? value : null;
}
