import { describe, expect, it } from 'vitest';
import { controleerSignaal } from '../signaal.writer';
import { vindPersoonsgegeven } from '../privacy';
import type { Signaal } from '../signaal.port';
import { detecteerDeclaratieUitval, type DeclaratieMaand } from './declaratie-uitval.detector';
import { detecteerGeenLevering, type ContractActiviteit } from './geen-levering.detector';
import { plusMaanden, vorigeMaand } from './kalender';
import { detecteerOnvoldoendeInzet, type ContractInzet, type InzetVenster } from './onvoldoende-inzet.detector';
import { datumZestienHalf, detecteerPlan165, vroegsteGeboortedatum, type JeugdigeBijAanbieder } from './plan-16-5.detector';
import { detecteerTermijnen, termijnVan, type OpenTermijn } from './termijn.detector';
import { detecteerVerlenging, type ContractLooptijd } from './verlenging.detector';
import { detecteerWachttijd, kiesNorm, productgroep, type ContractWachttijdNorm, type ToewijzingWachttijd } from './wachttijd.detector';

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
      cijfers: { productgroep: 'dagbesteding', normDagen: 42, normBron: 'standaard', gestart: 1, laatGestart: 1, wachtendBovenNorm: 1, maxWachtdagen: 49 },
      dedupKey: 'wachttijd-overschreden:wmo:0363:12345678:dagbesteding:2026-03',
    });
  });

  it('near miss: a start exactly on the norm (42 days), a waiting one within it, an unmapped product', () => {
    const opNorm = { ...t, eersteStart: '2026-03-15' };
    const binnen = { ...t, ingangsdatum: '2026-02-18', eersteStart: null };
    const onbekend = { ...t, productCategorie: '02', productCode: '02A01', ingangsdatum: '2025-01-01', eersteStart: null };
    expect(detecteerWachttijd([opNorm, binnen, onbekend], '2026-04-02', inst, NU)).toEqual([]);
  });

  describe('contract norms (contractstandaard-signals.md §1)', () => {
    const eigen = (normen: Record<string, number>, over: Partial<ContractWachttijdNorm> = {}): ContractWachttijdNorm => ({
      domein: 'wmo', gemeente: '0363', aanbieder: '12345678', normen, ...over,
    });
    // Ingangsdatum 1 February, first start 1 March: 28 days, within the default 6 weeks.
    const na4Weken = { ...t, eersteStart: '2026-03-01' };

    it('fires on the contract norm where the default would not, with normBron contract', () => {
      expect(detecteerWachttijd([na4Weken], '2026-04-02', inst, NU)).toEqual([]);
      const [s] = schoon(detecteerWachttijd([na4Weken], '2026-04-02', inst, NU, [eigen({ dagbesteding: 3 })]));
      expect(s.cijfers).toEqual({ productgroep: 'dagbesteding', normDagen: 21, normBron: 'contract', gestart: 1, laatGestart: 1, wachtendBovenNorm: 0, maxWachtdagen: 28 });
    });

    it('a longer contract norm replaces the default too: 43 days within 8 weeks fires nothing', () => {
      expect(detecteerWachttijd([t], '2026-04-02', inst, NU)).toHaveLength(1);
      expect(detecteerWachttijd([t], '2026-04-02', inst, NU, [eigen({ dagbesteding: 8 })])).toEqual([]);
    });

    it('uses the default for a group the contract has no norm for, or another gemeente, aanbieder or domein', () => {
      const anders = [eigen({ wonen: 2 }), eigen({ dagbesteding: 1 }, { gemeente: '0384' }), eigen({ dagbesteding: 1 }, { aanbieder: '87654321' }), eigen({ dagbesteding: 1 }, { domein: 'jeugd' })];
      expect(detecteerWachttijd([na4Weken], '2026-04-02', inst, NU, anders)).toEqual([]);
      const [s] = detecteerWachttijd([t], '2026-04-02', inst, NU, anders);
      expect(s.cijfers).toMatchObject({ normDagen: 42, normBron: 'standaard' });
    });

    it('takes the strictest when several contracts apply', () => {
      expect(kiesNorm([eigen({ dagbesteding: 5 }), eigen({ dagbesteding: 3 }), eigen({ dagbesteding: 4 })], inst.normWeken, { domein: 'wmo', gemeente: '0363', aanbieder: '12345678', groep: 'dagbesteding' }))
        .toEqual({ weken: 3, bron: 'contract' });
      const [s] = detecteerWachttijd([na4Weken], '2026-04-02', inst, NU, [eigen({ dagbesteding: 5 }), eigen({ dagbesteding: 3 })]);
      expect(s.cijfers).toMatchObject({ normDagen: 21, normBron: 'contract' });
    });

    it('kiesNorm: the default, or null without any norm (no inherited keys)', () => {
      const q = { domein: 'wmo', gemeente: '0363', aanbieder: '12345678' };
      expect(kiesNorm([], inst.normWeken, { ...q, groep: 'wonen' })).toEqual({ weken: 13, bron: 'standaard' });
      expect(kiesNorm([eigen({ wonen: 2 })], {}, { ...q, groep: 'constructor' })).toBeNull();
    });
  });
});

describe('declaratie.uitval-maand (HR §16)', () => {
  const rij: DeclaratieMaand = {
    domein: 'jeugd', gemeente: '0363', aanbieder: '12345678', declaraties: 2, declaratiesAfgewezen: 1,
    prestatiesGoedgekeurd: 3, prestatiesAfgewezen: 1, goedgekeurdCenten: 30_000, afgewezenCenten: 10_000, perRetourcode: {},
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

  it('by retourcode; TARIEF-AFWIJKING (0611) and VOLUME-OVERSCHRIJDING (9321, 9322, 9369) each their own figure when any prestatie got one', () => {
    const perRetourcode = { '0611': { aantal: 2, centen: 52_000 }, '9322': { aantal: 1, centen: 5_000 }, '9369': { aantal: 1, centen: 7_000 }, '9333': { aantal: 4, centen: 90_000 } };
    const [uitval, tarief, volume, ...meer] = schoon(detecteerDeclaratieUitval([{ ...rij, prestatiesGoedgekeurd: 16, prestatiesAfgewezen: 4, perRetourcode }], '2026-05-04', NU));
    expect(meer).toEqual([]);
    expect(uitval.cijfers).toMatchObject({ 'aantal.0611': 2, 'centen.0611': 52_000, 'aantal.9333': 4, 'centen.9333': 90_000, 'aantal.9369': 1 });
    expect(tarief).toMatchObject({
      type: 'declaratie.tarief-afwijking', regel: 'HR §16, TR418', ernst: 'waarschuwing', periode: { van: '2026-04-01', tot: '2026-04-30' },
      cijfers: { 'aantal.0611': 2, 'centen.0611': 52_000, prestaties: 2, debetPrestaties: 20, afgewezenPromille: 100 },
      dedupKey: 'declaratie-tarief-afwijking:jeugd:0363:12345678:2026-04',
    });
    expect(Object.keys(tarief.cijfers)).not.toContain('aantal.9322');
    expect(volume).toMatchObject({
      type: 'declaratie.volume-overschrijding', ernst: 'waarschuwing',
      cijfers: { 'aantal.9322': 1, 'centen.9322': 5_000, 'aantal.9369': 1, 'centen.9369': 7_000, prestaties: 2, afgewezenPromille: 100 },
      dedupKey: 'declaratie-volume-overschrijding:jeugd:0363:12345678:2026-04',
    });
    // One 0611 among 100 debits: a figure, info; none of its codes: no figure.
    const weinig = detecteerDeclaratieUitval([{ ...rij, prestatiesGoedgekeurd: 99, prestatiesAfgewezen: 1, perRetourcode: { '0611': { aantal: 1, centen: 100 } } }], '2026-05-04', NU);
    expect(weinig.map((s) => [s.type, s.ernst])).toEqual([['declaratie.uitval-maand', 'info'], ['declaratie.tarief-afwijking', 'info']]);
  });
});

describe('jeugd.plan-16-5 (HR §9)', () => {
  const REF = ['0a6c0c1e-0000-4000-8000-000000000001', '0a6c0c1e-0000-4000-8000-000000000002', '0a6c0c1e-0000-4000-8000-000000000003'];
  const j = (geboortedatum: string | null, datumGebruik: string | null = null, referentie = REF[0], aanbieder = '12345678'): JeugdigeBijAanbieder => ({
    gemeente: '0363', aanbieder, geboortedatum, datumGebruik, referentie,
  });

  it('computes 16 years 6 months, clamped to the month end, from the earliest possible birth date', () => {
    expect(datumZestienHalf('2009-11-15')).toBe('2026-05-15');
    expect(datumZestienHalf('2009-08-31')).toBe('2026-02-28');
    expect(datumZestienHalf('2011-08-31')).toBe('2028-02-29');
    expect(vroegsteGeboortedatum('2009-11-01', '1')).toEqual({ datum: '2009-11-01', onzeker: true });
    expect(vroegsteGeboortedatum('2010-01-01', '2')).toEqual({ datum: '2010-01-01', onzeker: true });
    expect(vroegsteGeboortedatum('2009-11-17', '1')).toEqual({ datum: '2009-11-01', onzeker: true });
    expect(vroegsteGeboortedatum('1900-01-01', '3')).toBeNull();
    expect(vroegsteGeboortedatum(null, null)).toBeNull();
  });

  it('counts this month, the look-ahead, the 16,5-18 stock and unknown dates; references only for this month', () => {
    const rijen = [
      j('2009-11-15', null, REF[1]), // 16,5 on 2026-05-15: this month
      j('2009-11-01', '1', REF[0]), // day unknown: earliest 2026-05-01, this month, onzeker
      j('2009-12-01'), // 2026-06-01: look-ahead
      j('2010-01-01', '2'), // year only: 2026-07-01, look-ahead, onzeker
      j('2010-02-28'), // 2026-08-28: last look-ahead month
      j('2010-03-01'), // 2026-09-01: beyond the look-ahead
      j('2009-10-31'), // 16,5 on 2026-04-30: past it, 17
      j('2008-05-04'), // 18 on 2026-05-04: still 17 on the first of the month
      j('2008-05-01'), // 18 on the first of the month: not counted
      j('1900-01-01', '3'),
      j(null),
    ];
    const [s, ...rest] = schoon(detecteerPlan165(rijen, '2026-05-04', 3, NU));
    expect(rest).toEqual([]);
    expect(s).toEqual({
      type: 'jeugd.plan-16-5', version: 1, domein: 'jeugd', gemeente: '0363', aanbieder: '12345678', contractId: null, regel: 'HR §9',
      periode: { van: '2026-05-01', tot: '2026-05-31' },
      cijfers: {
        bereikt: 2, bereiktDatumOnzeker: 1, vooruit: 3, vooruitDatumOnzeker: 1, vooruitMaanden: 3, tussen165En18: 2, datumOnbekend: 2,
        referenties: `${REF[0]},${REF[1]}`,
      },
      waargenomenOp: NU, dedupKey: 'jeugd-plan-16-5:0363:12345678:2026-05', ernst: 'info',
    });
    // Later in the month: the same key, so the outbox keeps the first figure.
    expect(detecteerPlan165(rijen, '2026-05-28', 3, NU)[0].dedupKey).toBe(s.dedupKey);
  });

  it('a register row reference (12 digits) passes the BSN guard even when 9 of its digits pass the 11-proef', () => {
    const [s] = schoon(detecteerPlan165([j('2009-11-15', null, 'toewijzing-000111222333')], '2026-05-04', 3, NU));
    expect(s.cijfers.referenties).toBe('toewijzing-000111222333');
  });

  it('near miss: an aanbieder with only jeugdigen past 16,5 or with unknown dates gets no signal; look-ahead 0 leaves next month out', () => {
    expect(detecteerPlan165([j('2009-10-31'), j(null)], '2026-05-04', 3, NU)).toEqual([]);
    expect(detecteerPlan165([j('2009-12-01')], '2026-05-04', 0, NU)).toEqual([]);
    const perAanbieder = detecteerPlan165([j('2009-11-15'), j('2009-12-01', null, REF[2], '87654321')], '2026-05-04', 1, NU);
    expect(perAanbieder.map((s) => [s.aanbieder, s.cijfers.bereikt, s.cijfers.vooruit])).toEqual([['12345678', 1, 0], ['87654321', 0, 1]]);
  });
});

describe('termijn.overschreden (OP090, OP090x4, OP274, OP346)', () => {
  const ID = '5b8e7d1a-2c3f-4e5a-8b9c-0d1e2f3a4b5c';
  const inst = { waarschuwingWerkdagen: 1, horizonDagen: 30 };
  const retour: OpenTermijn = {
    soort: 'heenbericht', referentie: ID, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', bericht: 'WMO305',
    ontvangen: '2026-04-02', dagtekening: '2026-04-02', oorzaak: 'uitval', aantal: 1,
  };

  it('OP090: a retour due 3 werkdagen after receipt warns on the last werkdag before and on the deadline, then is kritiek', () => {
    expect(termijnVan(retour)).toEqual({ termijn: 'retour', opCode: 'OP090', uiterlijk: '2026-04-08' });
    const [bijna] = schoon(detecteerTermijnen([retour], '2026-04-07', inst, NU));
    expect(bijna).toEqual({
      type: 'termijn.overschreden', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: null, regel: 'OP090',
      periode: { van: '2026-04-02', tot: '2026-04-08' },
      cijfers: { termijn: 'retour', opCode: 'OP090', bericht: 'WMO305', ontvangen: '2026-04-02', uiterlijk: '2026-04-08', werkdagenOver: 1, oorzaak: 'uitval', aantal: 1, referentie: ID },
      waargenomenOp: NU, dedupKey: `termijn-overschreden:retour:${ID}:bijna`, ernst: 'waarschuwing',
    });
    expect(detecteerTermijnen([retour], '2026-04-08', inst, NU)[0]).toMatchObject({ dedupKey: bijna.dedupKey, cijfers: { werkdagenOver: 0 } });
    const [verlopen] = schoon(detecteerTermijnen([retour], '2026-04-09', inst, NU));
    expect(verlopen).toMatchObject({ ernst: 'kritiek', cijfers: { werkdagenOver: -1 }, dedupKey: `termijn-overschreden:retour:${ID}:verlopen` });
  });

  it('OP090 near miss: 2 werkdagen left (over Easter Monday) gives nothing; kritiek from the calendar day after the deadline', () => {
    expect(detecteerTermijnen([retour], '2026-04-03', inst, NU)).toEqual([]);
    const vrijdag = { ...retour, ontvangen: '2026-04-07' }; // due Friday 2026-04-10
    expect(detecteerTermijnen([vrijdag], '2026-04-11', inst, NU)[0]).toMatchObject({ ernst: 'kritiek', cijfers: { werkdagenOver: 0 } });
  });

  it('OP090x4: the 325 is due 10 werkdagen after the 323 arrived, across Christmas and New Year', () => {
    const d323 = { ...retour, bericht: 'JW323', domein: 'jeugd' as const, ontvangen: '2026-12-23', oorzaak: 'niet-bezorgd' };
    expect(termijnVan(d323)).toEqual({ termijn: 'declaratie-antwoord', opCode: 'OP090x4', uiterlijk: '2027-01-08' });
    expect(detecteerTermijnen([d323], '2027-01-06', inst, NU)).toEqual([]);
    expect(schoon(detecteerTermijnen([d323], '2027-01-07', inst, NU))[0]).toMatchObject({ regel: 'OP090x4', ernst: 'waarschuwing', cijfers: { werkdagenOver: 1 } });
    expect(detecteerTermijnen([d323], '2027-01-11', inst, NU)[0]).toMatchObject({ ernst: 'kritiek', cijfers: { werkdagenOver: -1 }, dedupKey: `termijn-overschreden:declaratie-antwoord:${ID}:verlopen` });
  });

  it('OP274: a VOT without 301/319 is due 5 werkdagen after receipt; OP346 in onderzoek 8 weeks after the Dagtekening, moved off Hemelvaartsdag', () => {
    const vot: OpenTermijn = { ...retour, soort: 'verzoek', bericht: 'JW315', domein: 'jeugd', oorzaak: 'geen-antwoord', aantal: 2 };
    expect(termijnVan(vot)).toEqual({ termijn: 'verzoek-antwoord', opCode: 'OP274', uiterlijk: '2026-04-10' });
    expect(schoon(detecteerTermijnen([vot], '2026-04-13', inst, NU))[0]).toMatchObject({
      regel: 'OP274', ernst: 'kritiek', cijfers: { termijn: 'verzoek-antwoord', aantal: 2, werkdagenOver: -1 }, dedupKey: `termijn-overschreden:verzoek-antwoord:${ID}:verlopen`,
    });
    const vow: OpenTermijn = { ...vot, bericht: 'JW317', dagtekening: '2026-03-19', ontvangen: '2026-03-20', oorzaak: 'in-onderzoek', aantal: 1 };
    expect(termijnVan(vow)).toEqual({ termijn: 'verzoek-onderzoek', opCode: 'OP346', uiterlijk: '2026-05-15' });
    expect(detecteerTermijnen([vow], '2026-05-12', inst, NU)).toEqual([]);
    // Wednesday before Hemelvaartsdag: one werkdag left (Friday).
    expect(schoon(detecteerTermijnen([vow], '2026-05-13', inst, NU))[0]).toMatchObject({ regel: 'OP346', ernst: 'waarschuwing', cijfers: { werkdagenOver: 1 } });
  });

  it('near miss: beyond the horizon, an unreadable header, a bericht we owe nothing for; the lead time is configurable', () => {
    expect(detecteerTermijnen([retour], '2026-05-09', inst, NU)).toEqual([]); // due 2026-04-08, 31 days ago
    expect(detecteerTermijnen([retour], '2026-05-08', inst, NU)).toHaveLength(1);
    expect(detecteerTermijnen([{ ...retour, aanbieder: 'onbekend' }], '2026-04-09', inst, NU)).toEqual([]);
    expect(termijnVan({ ...retour, bericht: 'WMO302' })).toBeNull();
    expect(detecteerTermijnen([{ ...retour, bericht: 'WMO302' }], '2026-04-09', inst, NU)).toEqual([]);
    expect(detecteerTermijnen([retour], '2026-04-03', { ...inst, waarschuwingWerkdagen: 2 }, NU)).toHaveLength(1);
  });
});

/** Monthly windows from `van` to `tot` (window starts), all with the same figures unless `over` says otherwise. */
function vensters(van: string, tot: string, cijfers: Omit<InzetVenster, 'van'>, over: Record<string, Partial<InzetVenster>> = {}): InzetVenster[] {
  const uit: InzetVenster[] = [];
  for (let v = van; v <= tot; v = plusMaanden(v, 1)) uit.push({ van: v, ...cijfers, ...over[v] });
  return uit;
}

// Contract from 1 January 2024, norm € 100.000 omzet announced 1 December 2023. On 1 April 2026 the
// window is April 2025 - March 2026; windows from January 2024 to April 2025 exist.
const inzetContract: ContractInzet = {
  contractId: ID, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', looptijdVan: '2024-01-01', looptijdTot: null,
  norm: { soort: 'omzet', waarde: 10_000_000, gepubliceerdOp: '2023-12-01', vrijstelling: { schaars: false, uniek: false }, ktoScore: 7.9 },
  vensters: vensters('2024-01-01', '2025-04-01', { omzetCenten: 12_000_000, clienten: 30, trajecten: 35 }, { '2025-04-01': { omzetCenten: 9_999_999 } }),
};

describe('contract.onvoldoende-inzet (ONVOLDOENDE-INZET, CS Wmo art. 1.6)', () => {
  it('fires when the window of the 12 months before this month is below the norm, with the figures', () => {
    const [s, ...meer] = schoon(detecteerOnvoldoendeInzet([inzetContract], '2026-04-01', NU));
    expect(meer).toEqual([]);
    expect(s).toEqual({
      type: 'contract.onvoldoende-inzet', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '12345678', contractId: ID,
      regel: 'CS Wmo art. 1.6', periode: { van: '2025-04-01', tot: '2026-03-31' },
      cijfers: {
        soort: 'omzet', normCenten: 10_000_000, waardeCenten: 9_999_999, gepubliceerdOp: '2023-12-01', onderNormSinds: '2025-04-01',
        schaars: 'nee', uniek: 'nee', ktoScore: 7.9, opzegtermijnMaanden: 6,
      },
      waargenomenOp: NU, dedupKey: `onvoldoende-inzet:${ID}:2023-12-01:2025-04-01`, ernst: 'waarschuwing',
    });
  });

  it('at the norm fires nothing; a missing window counts as no inzet', () => {
    const opNorm = { ...inzetContract, vensters: vensters('2024-01-01', '2025-04-01', { omzetCenten: 10_000_000, clienten: 0, trajecten: 0 }) };
    expect(detecteerOnvoldoendeInzet([opNorm], '2026-04-01', NU)).toEqual([]);
    const zonder = { ...inzetContract, vensters: inzetContract.vensters.filter((v) => v.van !== '2025-04-01') };
    expect(detecteerOnvoldoendeInzet([zonder], '2026-04-01', NU)[0].cijfers).toMatchObject({ waardeCenten: 0 });
  });

  it('credits subtract: the window value is the net approved amount the read delivers (a credited window below the norm fires)', () => {
    // 10.500.000 debits minus 600.000 credits = 9.900.000: below the norm of 10.000.000.
    const na = { ...inzetContract, vensters: vensters('2024-01-01', '2025-04-01', { omzetCenten: 12_000_000, clienten: 30, trajecten: 35 }, { '2025-04-01': { omzetCenten: 10_500_000 - 600_000 } }) };
    expect(detecteerOnvoldoendeInzet([na], '2026-04-01', NU)[0].cijfers).toMatchObject({ waardeCenten: 9_900_000 });
  });

  it('clienten and trajecten compare the count, under norm and waarde', () => {
    const clienten = { ...inzetContract, norm: { ...inzetContract.norm, soort: 'clienten' as const, waarde: 31 } };
    expect(schoon(detecteerOnvoldoendeInzet([clienten], '2026-04-01', NU))[0].cijfers).toMatchObject({ soort: 'clienten', norm: 31, waarde: 30 });
    expect(detecteerOnvoldoendeInzet([{ ...clienten, norm: { ...clienten.norm, waarde: 30 } }], '2026-04-01', NU)).toEqual([]);
    const trajecten = { ...inzetContract, norm: { ...inzetContract.norm, soort: 'trajecten' as const, waarde: 36 } };
    expect(detecteerOnvoldoendeInzet([trajecten], '2026-04-01', NU)[0].cijfers).toMatchObject({ soort: 'trajecten', norm: 36, waarde: 35 });
    expect(detecteerOnvoldoendeInzet([{ ...trajecten, norm: { ...trajecten.norm, waarde: 35 } }], '2026-04-01', NU)).toEqual([]);
  });

  it('schaars, uniek or a KTO score of 8,5 or more: the informational vrijgesteld type with its own key', () => {
    for (const norm of [
      { ...inzetContract.norm, vrijstelling: { schaars: true, uniek: false } },
      { ...inzetContract.norm, vrijstelling: { schaars: false, uniek: true } },
      { ...inzetContract.norm, ktoScore: 8.5 },
    ]) {
      const [s] = schoon(detecteerOnvoldoendeInzet([{ ...inzetContract, norm }], '2026-04-01', NU));
      expect(s).toMatchObject({ type: 'contract.onvoldoende-inzet-vrijgesteld', ernst: 'info', dedupKey: `onvoldoende-inzet-vrijgesteld:${ID}:2023-12-01:2025-04-01` });
    }
    const [s] = detecteerOnvoldoendeInzet([{ ...inzetContract, norm: { ...inzetContract.norm, vrijstelling: { schaars: true, uniek: true }, ktoScore: 9.1 } }], '2026-04-01', NU);
    expect(s.cijfers).toMatchObject({ schaars: 'ja', uniek: 'ja', ktoScore: 9.1 });
    // 8,4 is no exemption; no score measured is none either.
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, norm: { ...inzetContract.norm, ktoScore: 8.4 } }], '2026-04-01', NU)[0].type).toBe('contract.onvoldoende-inzet');
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, norm: { ...inzetContract.norm, ktoScore: null } }], '2026-04-01', NU)[0]).toMatchObject({
      type: 'contract.onvoldoende-inzet', cijfers: { ktoScore: 'onbekend' },
    });
  });

  it('nothing for a contract younger than 12 months, a norm published inside the window, or a contract not running', () => {
    // Started 2 April 2025: the window from 1 April 2025 is not inside the contract.
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, looptijdVan: '2025-04-02' }], '2026-04-01', NU)).toEqual([]);
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, looptijdVan: '2025-04-01' }], '2026-04-01', NU)).toHaveLength(1);
    // Announced 2 April 2025: not beforehand for this window.
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, norm: { ...inzetContract.norm, gepubliceerdOp: '2025-04-02' } }], '2026-04-01', NU)).toEqual([]);
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, norm: { ...inzetContract.norm, gepubliceerdOp: '2025-04-01' } }], '2026-04-01', NU)).toHaveLength(1);
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, looptijdTot: '2026-03-31' }], '2026-04-01', NU)).toEqual([]);
    expect(detecteerOnvoldoendeInzet([{ ...inzetContract, looptijdVan: '2026-04-02' }], '2026-04-01', NU)).toEqual([]);
  });

  it('once per episode: the same dedupKey while the windows stay below the norm, a new one after a window at or above it', () => {
    const laag = { omzetCenten: 5_000_000, clienten: 0, trajecten: 0 };
    const c = { ...inzetContract, vensters: vensters('2024-01-01', '2025-08-01', { omzetCenten: 12_000_000, clienten: 30, trajecten: 35 }, { '2025-04-01': laag, '2025-05-01': laag, '2025-06-01': laag }) };
    const april = detecteerOnvoldoendeInzet([c], '2026-04-01', NU)[0].dedupKey;
    expect(detecteerOnvoldoendeInzet([c], '2026-04-20', NU)[0].dedupKey).toBe(april); // a later run in the month
    const [juni] = detecteerOnvoldoendeInzet([c], '2026-06-01', NU);
    expect(juni.dedupKey).toBe(april);
    expect(juni.cijfers).toMatchObject({ onderNormSinds: '2025-04-01' });
    expect(detecteerOnvoldoendeInzet([c], '2026-07-01', NU)).toEqual([]); // window July 2025 at 12.000.000: re-armed
    const weer = { ...c, vensters: c.vensters.map((v) => (v.van === '2025-08-01' ? { ...v, ...laag } : v)) };
    expect(detecteerOnvoldoendeInzet([weer], '2026-08-01', NU)[0].dedupKey).toBe(`onvoldoende-inzet:${ID}:2023-12-01:2025-08-01`);
    // The walk back stops at the first window that does not count (before the publication).
    const laatGepubliceerd = { ...c, norm: { ...c.norm, gepubliceerdOp: '2025-05-01' } };
    expect(detecteerOnvoldoendeInzet([laatGepubliceerd], '2026-06-01', NU)[0].cijfers).toMatchObject({ onderNormSinds: '2025-05-01' });
  });

  it('Jeugd: the rule reference says the Jeugd article is not in the sources; no client data in any signal', () => {
    const [s] = schoon(detecteerOnvoldoendeInzet([{ ...inzetContract, domein: 'jeugd', norm: { ...inzetContract.norm, soort: 'clienten', waarde: 40 } }], '2026-04-01', NU));
    expect(s.regel).toMatch(/Jeugd article not in the sources/);
    expect(JSON.stringify(s)).not.toMatch(/bsn|naam|geboortedatum/i);
  });
});
