import type { Regel } from './regel';
import { nietNa, normalizeSpace, onder } from './dr-xpath';

/* Rules of the start and stop berichten (305, 307). */

/** CS058: StatusAanlevering of a StartProduct or StopProduct is 1 or 3. */
export const CS058: Regel = {
  code: 'CS058',
  berichten: ['305', '307'],
  check(ctx) {
    for (const parent of ['StartProduct', 'StopProduct']) {
      for (const status of onder(ctx, parent, 'StatusAanlevering')) {
        const waarde = normalizeSpace(status.text);
        if (waarde !== '1' && waarde !== '3') ctx.report('CS058', [status]);
      }
    }
  },
};

/** TR018: the Einddatum of a StopProduct is not before its Begindatum. */
export const TR018: Regel = {
  code: 'TR018',
  berichten: ['307'],
  check(ctx) {
    for (const eind of onder(ctx, 'StopProduct', 'Einddatum')) {
      const begin = eind.parent?.child('Begindatum');
      if (nietNa(eind, begin)) ctx.report('TR018', [begin, eind]);
    }
  },
};
