import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import { codesPerLocatie, type CbsGemeentecodes } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import type { VerzoekStand } from './register';

// Official WMO319, our own outgoing answer: gemeente 0384 to aanbieder 65656055 on verzoek 9003,
// VerzoekAntwoord 1 (afgewezen). JW319 adds Woonplaatsbeginsel/Gemeente 1916 (Dagtekening 2026-04-01).
const ANTWOORD = '/Bericht/Antwoord';

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

function register(o: Partial<VerzoekStand> | null, domein: 'wmo' | 'jeugd' = 'wmo'): InMemoryRegister {
  const r = new InMemoryRegister();
  const verzoek: VerzoekStand = { gemeente: '0384', aanbieder: '65656055', bsn: '999900006', referentieAanbieder: '9003', berichtNummer: '317', status: 'open', inOnderzoek: false, ...o };
  if (o) r.pasToe([{ soort: 'verzoek-geopend', domein, verzoek }]);
  return r;
}

async function codes(r: InMemoryRegister, xml: string, gemeenteCodes?: CbsGemeentecodes): Promise<Record<string, string[]>> {
  const o = await beoordeelOverstijgend(await lees(xml), r, { vandaag: '2026-12-31', gemeenteCodes });
  if (o.soort === 'header') throw new Error(`unexpected header codes ${o.retourCodes.join(',')}`);
  return codesPerLocatie(o);
}

/** VerzoekAntwoord 2 (in onderzoek) carries no RedenAfwijzingVerzoek (CD086). */
const inOnderzoek = () => vervang(voorbeeld('WMO319'), /<wmo319:VerzoekAntwoord>1<\/wmo319:VerzoekAntwoord>\s*<wmo319:RedenAfwijzingVerzoek>7<\/wmo319:RedenAfwijzingVerzoek>/, '<wmo319:VerzoekAntwoord>2</wmo319:VerzoekAntwoord>');

describe('TR355 the answer refers to an earlier verzoek (9355)', () => {
  it('TR355: the official WMO319 without verzoek 9003 gets 9355 on Antwoord', async () => {
    expect(await codes(register(null), voorbeeld('WMO319'))).toEqual({ [ANTWOORD]: ['9355'] });
  });

  it('TR355: a verzoek 9003 made to another gemeente does not count', async () => {
    expect(await codes(register({ gemeente: '0363' }), voorbeeld('WMO319'))).toEqual({ [ANTWOORD]: ['9355'] });
  });

  it('TR355 near miss: with the open verzoek the official WMO319 is approved', async () => {
    expect(await codes(register({}), voorbeeld('WMO319'))).toEqual({});
  });
});

describe('TR359 no answer after a toewijzing for the verzoek (9359)', () => {
  it('TR359: a 319 after a 301 with ReferentieAanbieder 9003 gets 9359', async () => {
    expect(await codes(register({ status: 'toegewezen' }), voorbeeld('WMO319'))).toEqual({ [ANTWOORD]: ['9359'] });
  });

  it('TR359 near miss: after "in onderzoek" the final answer is approved', async () => {
    expect(await codes(register({ inOnderzoek: true }), voorbeeld('WMO319'))).toEqual({});
  });
});

describe('TR360 at most one "in onderzoek" (9360)', () => {
  it('TR360: a second VerzoekAntwoord 2 gets 9360', async () => {
    expect(await codes(register({ inOnderzoek: true }), inOnderzoek())).toEqual({ [ANTWOORD]: ['9360'] });
  });

  it('TR360 near miss: the first VerzoekAntwoord 2 is approved', async () => {
    expect(await codes(register({}), inOnderzoek())).toEqual({});
  });
});

describe('TR365 nothing after a final answer (9365)', () => {
  it('TR365: a second afwijzing gets 9365', async () => {
    expect(await codes(register({ status: 'afgewezen' }), voorbeeld('WMO319'))).toEqual({ [ANTWOORD]: ['9365'] });
  });

  it('TR365: "in onderzoek" after an afwijzing gets 9365', async () => {
    expect(await codes(register({ status: 'afgewezen' }), inOnderzoek())).toEqual({ [ANTWOORD]: ['9365'] });
  });

  it('TR365 near miss: an afwijzing of an open verzoek is approved', async () => {
    expect(await codes(register({ status: 'open' }), voorbeeld('WMO319'))).toEqual({});
  });
});

describe('TR378 Woonplaatsbeginsel/Gemeente in the CBS list (S300, iJw)', () => {
  const cbs = (...codes: string[]): CbsGemeentecodes => ({ bestaatOp: (code) => codes.includes(code) });

  it('TR378: the official JW319 naming 1916 when the CBS list lacks it gets S300 on Woonplaatsbeginsel', async () => {
    expect(await codes(register({}, 'jeugd'), voorbeeld('JW319'), cbs('0384'))).toEqual({ [`${ANTWOORD}/Woonplaatsbeginsel`]: ['S300'] });
  });

  it('TR378 near miss: 1916 in the CBS list, or no CBS list injected (rule skipped): approved', async () => {
    expect(await codes(register({}, 'jeugd'), voorbeeld('JW319'), cbs('0384', '1916'))).toEqual({});
    expect(await codes(register({}, 'jeugd'), voorbeeld('JW319'))).toEqual({});
  });
});
