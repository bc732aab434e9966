import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../privacy';
import { controleerSignaal } from '../signaal.writer';
import { detecteerClientenstopActief, type ClientenstopDag } from './clientenstop-actief.detector';

const NU = '2026-04-11T04:00:00.000Z';
const STOP = '7d7f4c1e-2b6a-4c8e-9a11-0123456789ab';

const stop: ClientenstopDag = {
  stopId: STOP, contractId: '3f0c8a52-1c7e-4b7a-9e55-123456789012', domein: 'jeugd', gemeente: '0363', aanbieder: '12345678', soort: 'aanbieder',
  begindatum: '2026-04-01', einddatum: '2026-04-30', scopeCategorieen: ['45'], scopeProductCodes: ['43A01'],
  nieuweToewijzingen: [
    { categorie: '45', code: '45A01' },
    { categorie: '45', code: null }, // aspecifiek: categorie only
    { categorie: '43', code: '43A01' },
    { categorie: '43', code: '43A02' }, // categorie 43 is not in scope, only code 43A01
    { categorie: '41', code: '41A01' },
  ],
};

describe('clientenstop.actief (CS-ACTIEF, TCW art. 3.5/3.6/1.5.9)', () => {
  it('counts the new toewijzingen of yesterday for scoped products, one signal per (stop, day)', () => {
    const [s, ...meer] = detecteerClientenstopActief([stop], '2026-04-11', NU);
    expect(meer).toEqual([]);
    expect(s).toMatchObject({
      type: 'clientenstop.actief', domein: 'jeugd', aanbieder: '12345678', contractId: stop.contractId, ernst: 'waarschuwing', waargenomenOp: NU,
      periode: { van: '2026-04-10', tot: '2026-04-10' }, dedupKey: `clientenstop-actief:${STOP}:2026-04-10`,
      cijfers: { clientenstop: STOP, soort: 'aanbieder', dag: '2026-04-10', nieuweToewijzingen: 3, stopBegindatum: '2026-04-01', stopEinddatum: '2026-04-30' },
    });
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('an empty scope covers the whole contract except crisis products, which a stop never covers', () => {
    const heel = { ...stop, scopeCategorieen: [], scopeProductCodes: [], nieuweToewijzingen: [...stop.nieuweToewijzingen, { categorie: '46', code: '46A01' }, { categorie: null, code: '46B01' }] };
    expect(detecteerClientenstopActief([heel], '2026-04-11', NU)[0].cijfers.nieuweToewijzingen).toBe(5);
  });

  it('near misses: no scoped new toewijzing, the stop not yet or no longer running on that day', () => {
    expect(detecteerClientenstopActief([{ ...stop, nieuweToewijzingen: [{ categorie: '41', code: '41A01' }] }], '2026-04-11', NU)).toEqual([]);
    expect(detecteerClientenstopActief([{ ...stop, begindatum: '2026-04-11' }], '2026-04-11', NU)).toEqual([]);
    expect(detecteerClientenstopActief([{ ...stop, einddatum: '2026-04-09' }], '2026-04-11', NU)).toEqual([]);
    // First and last day of the stop count; an open end runs on.
    expect(detecteerClientenstopActief([{ ...stop, begindatum: '2026-04-10' }], '2026-04-11', NU)).toHaveLength(1);
    expect(detecteerClientenstopActief([{ ...stop, einddatum: '2026-04-10' }], '2026-04-11', NU)).toHaveLength(1);
    expect(detecteerClientenstopActief([{ ...stop, einddatum: null }], '2026-04-11', NU)[0].cijfers.stopEinddatum).toBe('open');
  });

  it('names the article of the stop soort per standard', () => {
    expect(detecteerClientenstopActief([{ ...stop, domein: 'wmo', soort: 'bestedingsruimte' }], '2026-04-11', NU)[0].regel).toBe('CS Wmo art. 1.5.9');
    expect(detecteerClientenstopActief([{ ...stop, domein: 'wmo', soort: 'opdrachtgever' }], '2026-04-11', NU)[0].regel).toBe('CS Wmo art. 3.5');
    expect(detecteerClientenstopActief([stop], '2026-04-11', NU)[0].regel).toMatch(/^contractstandaard Jeugd/);
  });
});
