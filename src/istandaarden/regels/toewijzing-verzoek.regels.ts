import type { Regel } from './regel';

/** Rules of the toewijzing and verzoek berichten (301, 315, 317, 319). */
export const TOEWIJZING_VERZOEK_REGELS: readonly Regel[] = [];
