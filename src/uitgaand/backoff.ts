/**
 * Wait before attempt `poging + 1` after attempt `poging` failed: base x 2^(poging-1), at most max,
 * with "equal jitter" (a random value in the upper half), so relays that failed together do not
 * retry together, while the wait still grows with every attempt.
 */
export function wachttijdMs(poging: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(poging - 1, 0), 30);
  const plafond = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(plafond / 2 + random() * (plafond / 2));
}
