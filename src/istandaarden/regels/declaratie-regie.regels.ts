import type { Regel } from './regel';

/** Rules of the start/stop, declaratie and declaratie-antwoord berichten (305, 307, 323, 325), and TR101. */
export const DECLARATIE_REGIE_REGELS: readonly Regel[] = [];
