import { DECLARATIE_REGIE_REGELS } from './declaratie-regie.regels';
import { GENERIEKE_REGELS } from './generiek.regels';
import type { Regel } from './regel';
import { TOEWIJZING_VERZOEK_REGELS } from './toewijzing-verzoek.regels';

/** Every TR/CD/CS rule the official validation checks inside one bericht (both standaarden). */
export const ALLE_REGELS: readonly Regel[] = [...GENERIEKE_REGELS, ...TOEWIJZING_VERZOEK_REGELS, ...DECLARATIE_REGIE_REGELS];
