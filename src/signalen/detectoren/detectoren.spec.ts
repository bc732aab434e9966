import { describe, expect, it } from 'vitest';
import { controleerSignaal } from '../signaal.writer';
import { vindPersoonsgegeven } from '../privacy';
import type { Signaal } from '../signaal.port';
import { detecteerDeclaratieUitval, type DeclaratieMaand } from './declaratie-uitval.detector';
import { detecteerGeenLevering, type ContractActiviteit } from './geen-levering.detector';
import { plusMaanden, vorigeMaand } from './kalender';
import { detecteerVerlenging, type ContractLooptijd } from './verlenging.detector';
import { detecteerWachttijd, productgroep, type ToewijzingWachttijd } from './wachttijd.detector';

const NU = '2026-05-04T08:00:00.000Z';
const ID = '3f0c8a52-1c7e-4b7a-9e55-123456789012';

/** Figures only: the writer's guard accepts it and finds no client data. */
function schoon(signalen: Signaal[]): Signaal[] {
  for (const s of signalen) {
    expect(() => controleerSignaal(s)).not.toThrow();
    expect(vindPersoonsgegeven(s)).toBeNull();
  }
  return signalen;
}

describe('kalender', () => {
  it('clamps months and knows the previous month', () => {
    expect(plusMaanden('2026-08-31', -6)).toBe('2026-02-28');
    expect(plusMaanden('2026-01-15', -12)).toBe('2025-01-15');
    expect(vorigeMaand('2026-01-10')).toEqual({ van: '2025-12-01', tot: '2025-12-31', maand: '2025-12' });
  });
});

describe('levering.geen-12-maanden (CS Wmo art. 3.19.4 b)', () => {
  const contract: ContractActiviteit = {
    contractId: ID, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', uitvoeringsvariant: 'inspanningsgericht',
    looptijdVan: '2024-01-01', looptijdTot: null, laatsteActiviteit: '2025-03-31',
  };

  it('fires when the 12 complete months before this month had no activity, keyed on the episode', () => {
    const [s] = schoon(detecteerGeenLevering([contract], '2026-04-10', NU));
    expect(s).toMatchObject({
      type: 'levering.geen-12-maanden', regel: 'CS Wmo art. 3.19.4 b', periode: { van: '2025-04-01', tot: '2026-03-31' },
      cijfers: { maandenZonderLevering: 12, laatsteActiviteit: '2025-03-31' }, dedupKey: `levering-geen-12-maanden:${ID}:2025-03-31`,
    });
    // Next month: same episode, same dedupKey.
    expect(detecteerGeenLevering([contract], '2026-05-02', NU)[0].dedupKey).toBe(s.dedupKey);
  });

  it('near miss: activity on the first day of the window, a contract younger than 12 months, taakgericht', () => {
    expect(detecteerGeenLevering([{ ...contract, laatsteActiviteit: '2025-04-01' }], '2026-04-10', NU)).toEqual([]);
    expect(detecteerGeenLevering([{ ...contract, looptijdVan: '2025-04-02', laatsteActiviteit: null }], '2026-04-10', NU)).toEqual([]);
    expect(detecteerGeenLevering([{ ...contract, uitvoeringsvariant: 'taakgericht' }], '2026-04-10', NU)).toEqual([]);
    expect(detecteerGeenLevering([{ ...contract, looptijdVan: '2025-04-01', laatsteActiviteit: null }], '2026-04-10', NU)).toHaveLength(1);
  });
});

describe('contract.verlenging (CS Wmo art. 1.3, HR §14)', () => {
  const contract: ContractLooptijd = {
    contractId: ID, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', looptijdVan: '2026-01-01', looptijdTot: '2027-12-31',
    besluitdatum: null, verlengopties: [{ maanden: 12 }, { maanden: 12 }],
  };

  it('fires from the lead time before end − 6 months, once per end date', () => {
    const [s] = schoon(detecteerVerlenging([contract], '2027-06-01', 30, NU));
    expect(s).toMatchObject({
      type: 'contract.verlenging', ernst: 'waarschuwing', dedupKey: `contract-verlenging:${ID}:2027-12-31`,
      cijfers: { besluitUiterlijk: '2027-06-30', einddatum: '2027-12-31', dagenTotBesluit: 29, verlengoptiesAantal: 2, verlengMaandenTotaal: 24 },
    });
    expect(detecteerVerlenging([contract], '2027-07-01', 30, NU)[0]).toMatchObject({ ernst: 'kritiek', dedupKey: s.dedupKey });
  });

  it('near miss: one day before the lead time, a besluitdatum recorded, or past the end', () => {
    expect(detecteerVerlenging([contract], '2027-05-30', 30, NU)).toEqual([]);
    expect(detecteerVerlenging([{ ...contract, besluitdatum: '2027-05-01' }], '2027-06-01', 30, NU)).toEqual([]);
    expect(detecteerVerlenging([contract], '2028-01-01', 30, NU)).toEqual([]);
  });
});

describe('wachttijd.overschreden (CS Wmo art. 3.5, Treeknormen)', () => {
  const inst = {
    normWeken: { dagbesteding: 6, wonen: 13, 'zintuiglijk-wonen': 8 },
    productgroepen: [
      { domein: 'wmo' as const, categorie: '07', codePrefix: null, groep: 'dagbesteding' },
      { domein: 'wmo' as const, categorie: '15', codePrefix: null, groep: 'wonen' },
      { domein: 'wmo' as const, categorie: '15', codePrefix: '15Z', groep: 'zintuiglijk-wonen' },
    ],
  };
  const t: ToewijzingWachttijd = {
    domein: 'wmo', gemeente: '0363', aanbieder: '12345678', productCategorie: '07', productCode: '07A01',
    ingangsdatum: '2026-02-01', einddatum: null, eersteStart: '2026-03-16',
  };

  it('maps the longest code prefix', () => {
    expect(productgroep(inst.productgroepen, 'wmo', '15', '15Z01')).toBe('zintuiglijk-wonen');
    expect(productgroep(inst.productgroepen, 'wmo', '15', '15A01')).toBe('wonen');
    expect(productgroep(inst.productgroepen, 'jeugd', '07', '07A01')).toBeNull();
  });

  it('fires for a start 43 days after the Ingangsdatum and a toewijzing waiting past the norm', () => {
    const wachtend = { ...t, ingangsdatum: '2026-02-10', eersteStart: null };
    const [s] = schoon(detecteerWachttijd([t, wachtend], '2026-04-02', inst, NU));
    expect(s).toMatchObject({
      type: 'wachttijd.overschreden', periode: { van: '2026-03-01', tot: '2026-03-31' },
      cijfers: { productgroep: 'dagbesteding', normDagen: 42, gestart: 1, laatGestart: 1, wachtendBovenNorm: 1, maxWachtdagen: 49 },
      dedupKey: 'wachttijd-overschreden:wmo:0363:12345678:dagbesteding:2026-03',
    });
  });

  it('near miss: a start exactly on the norm (42 days), a waiting one within it, an unmapped product', () => {
    const opNorm = { ...t, eersteStart: '2026-03-15' };
    const binnen = { ...t, ingangsdatum: '2026-02-18', eersteStart: null };
    const onbekend = { ...t, productCategorie: '02', productCode: '02A01', ingangsdatum: '2025-01-01', eersteStart: null };
    expect(detecteerWachttijd([opNorm, binnen, onbekend], '2026-04-02', inst, NU)).toEqual([]);
  });
});

describe('declaratie.uitval-maand (HR §16)', () => {
  const rij: DeclaratieMaand = {
    domein: 'jeugd', gemeente: '0363', aanbieder: '12345678', declaraties: 2, declaratiesAfgewezen: 1,
    prestatiesGoedgekeurd: 3, prestatiesAfgewezen: 1, goedgekeurdCenten: 30_000, afgewezenCenten: 10_000,
  };

  it('gives the previous month figures per aanbieder', () => {
    const [s] = schoon(detecteerDeclaratieUitval([rij], '2026-05-04', NU));
    expect(s).toMatchObject({
      type: 'declaratie.uitval-maand', ernst: 'waarschuwing', periode: { van: '2026-04-01', tot: '2026-04-30' },
      cijfers: { declaraties: 2, declaratiesAfgewezen: 1, prestatiesGoedgekeurd: 3, prestatiesAfgewezen: 1, uitvalPromille: 250, bedragUitvalPromille: 250 },
      dedupKey: 'declaratie-uitval-maand:jeugd:0363:12345678:2026-04',
    });
  });

  it('near miss: no declaratie in the month gives no figure; low uitval is info', () => {
    expect(detecteerDeclaratieUitval([{ ...rij, declaraties: 0 }], '2026-05-04', NU)).toEqual([]);
    expect(detecteerDeclaratieUitval([{ ...rij, prestatiesAfgewezen: 0, afgewezenCenten: 0 }], '2026-05-04', NU)[0].ernst).toBe('info');
  });
});
