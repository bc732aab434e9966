import { describe, expect, it } from 'vitest';
import { valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
import { codesPerLocatie, type OverstijgendOordeel } from './bevindingen';
import { InMemoryRegister } from './in-memory-register';
import { mutatiesVoor } from './mutaties';
import type { ToewijzingVersie } from './register';

// The official WMO305/WMO307/JW305 examples (aanbieder 65656055, gemeente 0363, toewijzingen
// 300201 01/01A11 and 300202 01/01A12), with their product lines replaced per test.
const SP = '/Bericht/Client/StartProducten/StartProduct';
const ST = '/Bericht/Client/StopProducten/StopProduct';
let teller = 0;

async function lees(xml: string): Promise<TeBeoordelenBericht> {
  const v = await valideer(xml);
  if (!v.root || !v.definitie) throw new Error(`fixture not schema-valid: ${v.xsd.map((f) => f.message).join('; ')}`);
  return { root: v.root, def: v.definitie };
}

function toewijzing(nummer: string, o: Partial<ToewijzingVersie> = {}): ToewijzingVersie {
  return {
    gemeente: '0363', toewijzingNummer: nummer, aanbieder: '65656055', bsn: '999900006', referentieAanbieder: null,
    product: { categorie: '01', code: nummer === '300202' ? '01A12' : '01A11' }, toewijzingsdatum: '2025-03-20', toewijzingstijd: '10:00:00',
    ingangsdatum: '2025-04-01', einddatum: '2025-12-31', redenWijziging: null, omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budgetCenten: null, ...o,
  };
}

function register(...toewijzingen: ToewijzingVersie[]): InMemoryRegister {
  const r = new InMemoryRegister();
  r.pasToe(toewijzingen.map((versie) => ({ soort: 'toewijzing-versie' as const, domein: 'wmo' as const, versie })));
  return r;
}

interface Regel { nummer?: string | null; code?: string; begindatum?: string; status?: string; reden?: string; einddatum?: string }

function regel(p: string, r: Regel, stop: boolean): string {
  const nummer = r.nummer === null ? '' : `<${p}:ToewijzingNummer>${r.nummer ?? '300201'}</${p}:ToewijzingNummer>`;
  const eind = stop ? `<${p}:RedenBeeindiging>${r.reden ?? '20'}</${p}:RedenBeeindiging><${p}:Einddatum>${r.einddatum ?? '2025-06-07'}</${p}:Einddatum>` : '';
  const el = stop ? 'StopProduct' : 'StartProduct';
  return `<${p}:${el}>${nummer}<${p}:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>${r.code ?? '01A11'}</iwmo:Code></${p}:Product>` +
    `<${p}:ToewijzingIngangsdatum>2025-04-01</${p}:ToewijzingIngangsdatum><${p}:Begindatum>${r.begindatum ?? '2025-04-03'}</${p}:Begindatum>${eind}` +
    `<${p}:StatusAanlevering>${r.status ?? '1'}</${p}:StatusAanlevering></${p}:${el}>`;
}

function wmo305(...regels: Regel[]): string {
  const xml = vervang(voorbeeld('WMO305'), /<wmo305:StartProducten>[\s\S]*<\/wmo305:StartProducten>/, `<wmo305:StartProducten>${regels.map((r) => regel('wmo305', r, false)).join('')}</wmo305:StartProducten>`);
  return vervang(xml, '<iwmo:Identificatie>123456789013</iwmo:Identificatie>', `<iwmo:Identificatie>S${++teller}</iwmo:Identificatie>`);
}

function wmo307(...regels: Regel[]): string {
  const xml = vervang(voorbeeld('WMO307'), /<wmo307:StopProducten>[\s\S]*<\/wmo307:StopProducten>/, `<wmo307:StopProducten>${regels.map((r) => regel('wmo307', r, true)).join('')}</wmo307:StopProducten>`);
  return vervang(xml, '<iwmo:Identificatie>123456789014</iwmo:Identificatie>', `<iwmo:Identificatie>E${++teller}</iwmo:Identificatie>`);
}

async function oordeel(r: InMemoryRegister, xml: string): Promise<OverstijgendOordeel> {
  return beoordeelOverstijgend(await lees(xml), r, { vandaag: '2026-12-31' });
}

/** Judges, expects approval, and applies the mutations: the next bericht sees the result. */
async function verwerk(r: InMemoryRegister, xml: string): Promise<void> {
  const b = await lees(xml);
  const o = await beoordeelOverstijgend(b, r, { vandaag: '2026-12-31' });
  expect(o).toMatchObject({ soort: 'goedgekeurd' });
  r.pasToe(mutatiesVoor(b));
}

async function codes(r: InMemoryRegister, xml: string): Promise<Record<string, string[]>> {
  return codesPerLocatie(await oordeel(r, xml));
}

describe('TR019 StartProduct/StopProduct links to a toewijzing (9019)', () => {
  it('TR019: the official WMO305 with only 300202 assigned: the 300201 line gets 9019', async () => {
    const o = await oordeel(register(toewijzing('300202')), voorbeeld('WMO305'));
    expect(o.soort).toBe('klassen');
    expect(codesPerLocatie(o)).toEqual({ [`${SP}[1]`]: ['9019'] });
  });

  it('TR019 near miss: the official WMO305 with both toewijzingen assigned to this AGB is approved', async () => {
    expect(await oordeel(register(toewijzing('300201'), toewijzing('300202')), voorbeeld('WMO305'))).toMatchObject({ soort: 'goedgekeurd' });
  });

  it('TR019 (interpretation): a number assigned to another AGB is not linkable either', async () => {
    expect(await codes(register(toewijzing('300201', { aanbieder: '11112222' })), wmo305({}))).toEqual({ [SP]: ['9019'] });
  });

  it('TR019 near miss: without a ToewijzingNummer (taakgericht, IV096) the rule does not apply', async () => {
    expect(await codes(register(), wmo305({ nummer: null }))).toEqual({});
  });

  it('TR019: a stop on an unknown toewijzing gets 9019 and no other code', async () => {
    expect(await codes(register(), wmo307({}))).toEqual({ [ST]: ['9019'] });
  });

  it('TR019: Wmo and Jeugdwet never share a key space: a Wmo toewijzing does not link the JW305', async () => {
    const jw = await oordeel(register(toewijzing('300201'), toewijzing('300202')), voorbeeld('JW305'));
    expect(codesPerLocatie(jw)).toEqual({ [`${SP}[1]`]: ['9019'], [`${SP}[2]`]: ['9019'] });
  });
});

describe('TR074 status 1 with a key already received (9074)', () => {
  it('TR074: the same start twice gets 9074 (and not also 9326)', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    expect(await codes(r, wmo305({}))).toEqual({ [SP]: ['9074'] });
  });

  it('TR074 near miss: after its deletion the key may be delivered again (IV008 correction)', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo305({ status: '3' }));
    expect(await codes(r, wmo305({}))).toEqual({});
  });

  it('TR074: the same stop twice gets 9074 only', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({}));
    expect(await codes(r, wmo307({}))).toEqual({ [ST]: ['9074'] });
  });
});

describe('TR063 deletion without an earlier delivery (9063)', () => {
  it('TR063: status 3 for a start never received gets 9063', async () => {
    expect(await codes(register(toewijzing('300201')), wmo305({ status: '3' }))).toEqual({ [SP]: ['9063'] });
  });

  it('TR063 near miss: status 3 for a delivered start is approved', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    expect(await codes(r, wmo305({ status: '3' }))).toEqual({});
  });

  it('TR063: status 3 for a stop with another Einddatum than the one delivered gets 9063', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({}));
    expect(await codes(r, wmo307({ status: '3', einddatum: '2025-06-08' }))).toEqual({ [ST]: ['9063'] });
    expect(await codes(r, wmo307({ status: '3' }))).toEqual({});
  });
});

describe('TR071 a start cannot be deleted after a stop (9071)', () => {
  it('TR071: deleting a stopped start gets 9071', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({}));
    expect(await codes(r, wmo305({ status: '3' }))).toEqual({ [SP]: ['9071'] });
  });

  it('TR071 near miss: once the stop is deleted, the start can be deleted', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({}));
    await verwerk(r, wmo307({ status: '3' }));
    expect(await codes(r, wmo305({ status: '3' }))).toEqual({});
  });
});

describe('TR326 one actual start per toegewezen product (9326)', () => {
  it('TR326: a second start with another Begindatum while the first is not stopped gets 9326', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    expect(await codes(r, wmo305({ begindatum: '2025-05-01' }))).toEqual({ [SP]: ['9326'] });
  });

  it('TR326 near miss: a new start after a temporary stop is approved', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '20', einddatum: '2025-05-10' }));
    expect(await codes(r, wmo305({ begindatum: '2025-06-01' }))).toEqual({});
  });

  it('TR326 near miss: delete + new of a changed key in one bericht is a correction (deletions first)', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo305({ begindatum: '2025-04-05' }, { status: '3' }));
    const leveringen = await r.leveringen('wmo', { gemeente: '0363', aanbieder: '65656055', bsn: '999900006', toewijzingNummer: '300201' });
    expect(leveringen.map((l) => [l.begindatum, l.status])).toEqual([['2025-04-03', 'verwijderd'], ['2025-04-05', 'actueel']]);
  });

  it('TR326: without a ToewijzingNummer (IV096) the Product is the toegewezen product', async () => {
    const r = register();
    await verwerk(r, wmo305({ nummer: null }));
    expect(await codes(r, wmo305({ nummer: null, begindatum: '2025-05-01' }))).toEqual({ [SP]: ['9326'] });
    expect(await codes(r, wmo305({ nummer: null, code: '01A12', begindatum: '2025-05-01' }))).toEqual({});
  });

  it('TR326: two new starts for one toewijzing in one bericht: the second gets 9326', async () => {
    expect(await codes(register(toewijzing('300201')), wmo305({}, { begindatum: '2025-04-20' }))).toEqual({ [`${SP}[2]`]: ['9326'] });
  });
});

describe('TR382 a stop copies the key of an actual start (9069)', () => {
  it('TR382: the official WMO307 after the official WMO305: the 300202 stop (Begindatum 04-15 vs 04-04) gets 9069', async () => {
    const r = register(toewijzing('300201'), toewijzing('300202'));
    await verwerk(r, voorbeeld('WMO305'));
    expect(await codes(r, voorbeeld('WMO307'))).toEqual({ [`${ST}[2]`]: ['9069'] });
  });

  it('TR382 near miss: with the 300202 Begindatum matching its start the official WMO307 is approved', async () => {
    const r = register(toewijzing('300201'), toewijzing('300202'));
    await verwerk(r, voorbeeld('WMO305'));
    expect(await codes(r, vervang(voorbeeld('WMO307'), '<wmo307:Begindatum>2025-04-15</wmo307:Begindatum>', '<wmo307:Begindatum>2025-04-04</wmo307:Begindatum>'))).toEqual({});
  });

  it('TR382: a stop for a deleted start gets 9069', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo305({ status: '3' }));
    expect(await codes(r, wmo307({}))).toEqual({ [ST]: ['9069'] });
  });
});

describe('TR413 no second temporary stop (9413)', () => {
  it('TR413: a second stop with RedenBeeindiging 20 for the same start gets 9413', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '20', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '20', einddatum: '2025-06-14' }))).toEqual({ [ST]: ['9413'] });
  });

  it('TR413 near miss: a definitive stop after the temporary one is approved', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '20', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '23', einddatum: '2025-06-14' }))).toEqual({});
  });
});

describe('TR414 a later stop does not end before the actual stop (9414)', () => {
  it('TR414: Einddatum 06-05 after a temporary stop on 06-07 gets 9414', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '20', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '23', einddatum: '2025-06-05' }))).toEqual({ [ST]: ['9414'] });
  });

  it('TR414 near miss: the same Einddatum as the temporary stop is allowed', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '20', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '23', einddatum: '2025-06-07' }))).toEqual({});
  });
});

describe('TR415 no further stop after a definitive stop (9415)', () => {
  it('TR415: a second definitive stop gets 9415', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '23', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '22', einddatum: '2025-06-30' }))).toEqual({ [ST]: ['9415'] });
  });

  it('TR415 near miss: after deleting the definitive stop a corrected one is approved (both in one bericht)', async () => {
    const r = register(toewijzing('300201'));
    await verwerk(r, wmo305({}));
    await verwerk(r, wmo307({ reden: '23', einddatum: '2025-06-07' }));
    expect(await codes(r, wmo307({ reden: '23', einddatum: '2025-06-30' }, { reden: '23', einddatum: '2025-06-07', status: '3' }))).toEqual({});
  });
});
