import type { Regel } from './regel';
import { CONTACT_REGELS } from './tv-contact';
import { OVERLAP_REGELS } from './tv-overlap';
import { PRODUCT_REGELS } from './tv-product';
import { VERZOEK_REGELS } from './tv-verzoek';

export { CD009, CD034, TR006, TR061 } from './tv-contact';
export { TR302, TR386, TR410 } from './tv-overlap';
export { CD041, CD043, CD075, CD076, CD077, CD078, CD079, CD080, CD095, CD096, CS003, CS335, CS336, CS338, CS343 } from './tv-product';
export { CD066, CD067, CD068, CD085, CD086, TR352, TR353, TR377, TR380, TR383, TR409 } from './tv-verzoek';

/**
 * Rules of the toewijzing and verzoek berichten (301, 315, 317, 319), both standaarden, as the
 * official rule XSLT (TR-CD-CS regels WMO/JW 3.2) checks them.
 */
export const TOEWIJZING_VERZOEK_REGELS: readonly Regel[] = [...CONTACT_REGELS, ...PRODUCT_REGELS, ...VERZOEK_REGELS, ...OVERLAP_REGELS];
