import { describe, expect, it } from 'vitest';
import { vindPersoonsgegeven } from '../signalen/privacy';
import { controleerSignaal } from '../signalen/signaal.writer';
import { valideerClientenstop, type ClientenstopInvoer } from './clientenstop-invoer';
import { controleerTegenContract } from './clientenstop.service';
import { crisisSignaal, inScope, isCrisis, meldingSignaal, type StopContract } from './clientenstop.signalen';

const NU = '2026-03-02T09:00:00.000Z';
const STOP_ID = '7d7f4c1e-2b6a-4c8e-9a11-0123456789ab';
const CONTRACT: StopContract = { contractId: '3f0c8a52-1c7e-4b7a-9e55-123456789012', domein: 'jeugd', gemeente: 'R01', aanbieder: '12345678', productCodes: ['45A01', '46A01'] };

/** A melding that follows every rule of art. 3.6: 14 days ahead, reasons, proposals, consent before the start. */
const GOED: ClientenstopInvoer = {
  soort: 'aanbieder', meldingDatum: '2026-03-01', begindatum: '2026-03-15', einddatum: '2026-06-30',
  scope: { categorieen: [], productCodes: ['45A01'] }, toestemmingDatum: '2026-03-10', redenenGegeven: true, voorstellenGegeven: true,
};

const json = (s: ClientenstopInvoer): Record<string, unknown> => ({ ...s });

describe('cliëntenstop input (POST /api/contracten/:id/clientenstops)', () => {
  it('accepts a full stop and normalises the scope (sorted, no doubles); scope and optional dates may be left out', () => {
    const { stop, fouten } = valideerClientenstop({ ...json(GOED), scope: { categorieen: ['45', '43', '45'], productCodes: ['45A01'] } });
    expect(fouten).toEqual([]);
    expect(stop.scope).toEqual({ categorieen: ['43', '45'], productCodes: ['45A01'] });
    const kaal = valideerClientenstop({ soort: 'opdrachtgever', meldingDatum: '2026-03-01', begindatum: '2026-03-01', redenenGegeven: false, voorstellenGegeven: false });
    expect(kaal.fouten).toEqual([]);
    expect(kaal.stop).toMatchObject({ einddatum: null, toestemmingDatum: null, scope: { categorieen: [], productCodes: [] } });
  });

  it('reports one line per problem, naming field and rule', () => {
    const { fouten } = valideerClientenstop({
      soort: 'gemeente', meldingDatum: '2026-02-30', begindatum: '2026-03-15', einddatum: '2026-03-14', toestemmingDatum: 'morgen',
      redenenGegeven: 'ja', scope: { categorieen: ['4'], productCodes: ['45A01', 'te-lang-123'] },
    });
    expect(fouten).toEqual([
      'soort must be one of aanbieder, bestedingsruimte, opdrachtgever',
      'meldingDatum must be a date YYYY-MM-DD',
      'toestemmingDatum must be a date YYYY-MM-DD',
      'einddatum must not be before begindatum',
      'redenenGegeven must be true or false',
      'voorstellenGegeven must be true or false',
      'scope.categorieen must be a list of 2-digit product categories (WMO020/JZ020)',
      'scope.productCodes must be a list of product codes of 1 to 8 letters or digits',
    ]);
    expect(valideerClientenstop([GOED]).fouten).toEqual(['the body must be a JSON object']);
    expect(valideerClientenstop({ ...json(GOED), scope: ['45'] }).fouten).toEqual(['scope must be an object with categorieen and/or productCodes']);
  });

  it('refuses scoped product codes the contract does not have', () => {
    expect(controleerTegenContract({ ...GOED, scope: { categorieen: [], productCodes: ['45A01', '99Z99'] } }, CONTRACT)).toEqual(['scope.productCodes: 99Z99 is not a product of this contract']);
    expect(controleerTegenContract(GOED, CONTRACT)).toEqual([]);
  });
});

describe('CS-MELDING (TCW art. 3.6): clientenstop.melding on registration', () => {
  it('stays silent for a melding 14 days ahead with reasons, proposals and consent before the start', () => {
    expect(meldingSignaal(STOP_ID, GOED, CONTRACT, NU)).toBeNull();
    // Consent on the start date itself is in time.
    expect(meldingSignaal(STOP_ID, { ...GOED, toestemmingDatum: '2026-03-15' }, CONTRACT, NU)).toBeNull();
  });

  it('fires at 13 days ahead, with the figures and a dedupKey per stop', () => {
    const s = meldingSignaal(STOP_ID, { ...GOED, meldingDatum: '2026-03-02' }, CONTRACT, NU);
    expect(s).toMatchObject({
      type: 'clientenstop.melding', domein: 'jeugd', gemeente: 'R01', aanbieder: '12345678', contractId: CONTRACT.contractId, ernst: 'waarschuwing',
      periode: { van: '2026-03-15', tot: '2026-06-30' }, dedupKey: `clientenstop-melding:${STOP_ID}`,
      cijfers: { dagenVooraf: 13, minimumDagenVooraf: 14, teLaat: 'ja', redenenOntbreken: 'nee', voorstellenOntbreken: 'nee', toestemmingOntbreekt: 'nee' },
    });
    expect(() => controleerSignaal(s!)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  });

  it('fires for missing reasons, missing proposals, and an aanbieder stop without consent at the start', () => {
    expect(meldingSignaal(STOP_ID, { ...GOED, redenenGegeven: false }, CONTRACT, NU)?.cijfers).toMatchObject({ teLaat: 'nee', redenenOntbreken: 'ja' });
    expect(meldingSignaal(STOP_ID, { ...GOED, voorstellenGegeven: false }, CONTRACT, NU)?.cijfers).toMatchObject({ voorstellenOntbreken: 'ja' });
    expect(meldingSignaal(STOP_ID, { ...GOED, toestemmingDatum: null }, CONTRACT, NU)?.cijfers).toMatchObject({ toestemmingOntbreekt: 'ja' });
    expect(meldingSignaal(STOP_ID, { ...GOED, toestemmingDatum: '2026-03-16' }, CONTRACT, NU)?.cijfers).toMatchObject({ toestemmingOntbreekt: 'ja' });
    // A late melding registered after the start counts negative days.
    expect(meldingSignaal(STOP_ID, { ...GOED, meldingDatum: '2026-03-20' }, CONTRACT, NU)?.cijfers.dagenVooraf).toBe(-5);
  });

  it('does not ask the gemeente for its own consent (opdrachtgever, bestedingsruimte), and names the rule per standard', () => {
    expect(meldingSignaal(STOP_ID, { ...GOED, soort: 'opdrachtgever', toestemmingDatum: null }, CONTRACT, NU)).toBeNull();
    expect(meldingSignaal(STOP_ID, { ...GOED, soort: 'bestedingsruimte', toestemmingDatum: null }, CONTRACT, NU)).toBeNull();
    // CS-MELDING binds the aanbieder only: a late gemeente decision without reasons is no melding.
    expect(meldingSignaal(STOP_ID, { ...GOED, soort: 'opdrachtgever', meldingDatum: GOED.begindatum, redenenGegeven: false, voorstellenGegeven: false }, CONTRACT, NU)).toBeNull();
    const wmo = meldingSignaal(STOP_ID, { ...GOED, einddatum: null, redenenGegeven: false }, { ...CONTRACT, domein: 'wmo' }, NU);
    expect(wmo).toMatchObject({ regel: 'CS Wmo art. 3.6', periode: null });
  });
});

describe('CS-CRISIS (TCW art. 3.6): clientenstop.crisis on registration', () => {
  it('maps iJw categorie 46 and iWmo categorie 17 (codes by their first two characters), per domein', () => {
    expect(isCrisis('jeugd', '46', null)).toBe(true);
    expect(isCrisis('jeugd', null, '46B02')).toBe(true);
    expect(isCrisis('jeugd', '17', '17A01')).toBe(false);
    expect(isCrisis('wmo', '17', null)).toBe(true);
    expect(isCrisis('wmo', '46', '46A01')).toBe(false);
  });

  it('fires kritiek once per stop when the scope names a crisis categorie or code', () => {
    const s = crisisSignaal(STOP_ID, { ...GOED, scope: { categorieen: ['45', '46'], productCodes: ['46A01'] } }, CONTRACT, NU);
    expect(s).toMatchObject({
      type: 'clientenstop.crisis', ernst: 'kritiek', dedupKey: `clientenstop-crisis:${STOP_ID}`,
      cijfers: { heelContract: 'nee', crisisCategorieen: '46', crisisProductCodes: '46A01', crisisCategorieenMapping: '46' },
    });
    expect(() => controleerSignaal(s!)).not.toThrow();
  });

  it('fires for a whole-contract stop only when the contract has crisis products', () => {
    const heel = { ...GOED, scope: { categorieen: [], productCodes: [] } };
    expect(crisisSignaal(STOP_ID, heel, CONTRACT, NU)?.cijfers).toMatchObject({ heelContract: 'ja', crisisProductCodes: '46A01' });
    expect(crisisSignaal(STOP_ID, heel, { ...CONTRACT, productCodes: ['45A01'] }, NU)).toBeNull();
    // Near miss: a non-crisis scope on a contract that has crisis products.
    expect(crisisSignaal(STOP_ID, GOED, CONTRACT, NU)).toBeNull();
  });

  it('inScope: an empty scope covers all; otherwise categorie or code must be listed', () => {
    expect(inScope({ categorieen: [], productCodes: [] }, null, null)).toBe(true);
    expect(inScope({ categorieen: ['45'], productCodes: [] }, '45', '45A09')).toBe(true);
    expect(inScope({ categorieen: [], productCodes: ['45A01'] }, '45', '45A09')).toBe(false);
    expect(inScope({ categorieen: [], productCodes: ['45A01'] }, '45', '45A01')).toBe(true);
  });
});
