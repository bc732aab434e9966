import { describe, expect, it } from 'vitest';
import { regelCodes, valideer, vervang, voorbeeld } from '../../../test/support/istandaarden';
import type { RegelFinding } from './regel';

/* CD009, CD034, TR006, TR061 and CS003 on Contact/Periode, on the official 301 examples. */

type Std = 'WMO' | 'JW';
const STANDAARDEN: readonly Std[] = ['WMO', 'JW'];
const m = (std: Std): string => (std === 'WMO' ? 'wmo301' : 'jw301');
const b = (std: Std): string => (std === 'WMO' ? 'iwmo' : 'ijw');

interface ContactOpties {
  soort: string;
  huis?: boolean;
  postcode?: boolean;
  telefoon?: boolean;
  periode?: { begin?: string; eind?: string };
}

/** A Contact in schema order; the LandCode keeps CD005/CD025/CS089 satisfied. */
function contact(std: Std, o: ContactOpties): string {
  const [p, q] = [m(std), b(std)];
  let adres = '';
  if (o.huis || o.postcode) {
    adres += `<${p}:Adres>`;
    if (o.huis) adres += `<${q}:Huis><${q}:Huisnummer>1</${q}:Huisnummer></${q}:Huis>`;
    if (o.postcode) adres += `<${q}:Postcode>1234AB</${q}:Postcode><${q}:LandCode>${o.huis ? 'NL' : 'BE'}</${q}:LandCode>`;
    adres += `</${p}:Adres>`;
  }
  const telefoon = o.telefoon
    ? `<${p}:Telefoon><${q}:Telefoon01><${q}:Telefoonnummer>0201234567</${q}:Telefoonnummer><${q}:Landnummer>0031</${q}:Landnummer></${q}:Telefoon01></${p}:Telefoon>`
    : '';
  let periode = '';
  if (o.periode) {
    periode += `<${p}:Periode>`;
    if (o.periode.begin) periode += `<${q}:Begindatum>${o.periode.begin}</${q}:Begindatum>`;
    if (o.periode.eind) periode += `<${q}:Einddatum>${o.periode.eind}</${q}:Einddatum>`;
    periode += `</${p}:Periode>`;
  }
  return `<${p}:Contact><${p}:Soort>${o.soort}</${p}:Soort>${adres}${telefoon}${periode}</${p}:Contact>`;
}

/** The findings of a fixture that must be schema-valid. */
async function regels(xml: string): Promise<RegelFinding[]> {
  const v = await valideer(xml);
  expect(v.xsd).toEqual([]);
  return v.regels;
}

const VOLLEDIG = { huis: true, postcode: true, telefoon: true };

/** The official 301 example with the client's Contactgegevens replaced. */
function met(std: Std, ...contacten: ContactOpties[]): string {
  const p = m(std);
  const re = new RegExp(`<${p}:Contactgegevens>[\\s\\S]*?</${p}:Contactgegevens>`);
  return vervang(voorbeeld(`${std}301`), re, `<${p}:Contactgegevens>${contacten.map((c) => contact(std, c)).join('')}</${p}:Contactgegevens>`);
}

describe('301 contact fixtures', () => {
  for (const std of STANDAARDEN) {
    it(`CD009 ${std}: the rebuilt Contactgegevens baseline is clean`, async () => {
      expect(await regelCodes(met(std, { soort: '01', ...VOLLEDIG }))).toEqual([]);
    });
  }
});

describe('CD009 Contact/Periode only with Soort 04', () => {
  for (const std of STANDAARDEN) {
    it(`CD009 ${std}: a Periode on a Soort 01 contact is rejected, on Soort and Periode`, async () => {
      const v = await regels(met(std, { soort: '01', ...VOLLEDIG, periode: { begin: '2023-01-01' } }));
      expect(v.map((r) => r.code)).toEqual(['CD009']);
      expect(v[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact/Soort', '/Bericht/Client/Contactgegevens/Contact/Periode']);
    });
    it(`CD009 ${std}: a Periode on a Soort 04 contact is accepted`, async () => {
      const x = met(std, { soort: '01', ...VOLLEDIG }, { soort: '04', ...VOLLEDIG, periode: { begin: '2023-01-01' } });
      expect(await regelCodes(x)).toEqual([]);
    });
  }
});

describe('CD034 Postcode required for Soort 01 and 03', () => {
  for (const std of STANDAARDEN) {
    it(`CD034 ${std}: a Soort 03 contact without Postcode is rejected`, async () => {
      const v = await regels(met(std, { soort: '03', huis: true, telefoon: true }));
      expect(v.map((r) => r.code)).toEqual(['CD034']);
      expect(v[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact/Soort']);
    });
    it(`CD034 ${std}: a Soort 02 contact without Postcode is accepted`, async () => {
      expect(await regelCodes(met(std, { soort: '02', huis: true, telefoon: true }))).toEqual([]);
    });
  }
  it('CD034 WMO: a Relatie/Contact counts too', async () => {
    const eersteRelatie = /(<wmo301:Nummer>1<\/wmo301:Nummer>[\s\S]*?)<iwmo:Postcode>9999XX<\/iwmo:Postcode>([\s\S]*?)<iwmo:LandCode>AD<\/iwmo:LandCode>/;
    const x = vervang(voorbeeld('WMO301'), eersteRelatie, '$1$2');
    const v = await regels(x);
    expect(v.map((r) => r.code)).toEqual(['CD034']);
    expect(v[0].locatie).toEqual(['/Bericht/Client/Relaties/Relatie[1]/Contact/Soort']);
  });
});

describe('TR006 Contact has Telefoon or Huis and Postcode', () => {
  for (const std of STANDAARDEN) {
    it(`TR006 ${std}: no Telefoon and no Adres gives two findings on the Contact`, async () => {
      const v = await regels(met(std, { soort: '02' }));
      expect(v.map((r) => r.code)).toEqual(['TR006', 'TR006']);
      expect(v[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact']);
    });
    it(`TR006 ${std}: no Telefoon and an Adres without Postcode gives one finding`, async () => {
      expect(await regelCodes(met(std, { soort: '02', huis: true }))).toEqual(['TR006']);
    });
    it(`TR006 ${std}: no Telefoon but Huis and Postcode is accepted`, async () => {
      expect(await regelCodes(met(std, { soort: '02', huis: true, postcode: true }))).toEqual([]);
    });
    it(`TR006 ${std}: a Telefoon without Adres is accepted`, async () => {
      expect(await regelCodes(met(std, { soort: '02', telefoon: true }))).toEqual([]);
    });
  }
});

describe('TR061 Contactgegevens hold a Soort 01, 02 or 03', () => {
  for (const std of STANDAARDEN) {
    it(`TR061 ${std}: only a Soort 04 contact is rejected, on every Contact`, async () => {
      const v = await regels(met(std, { soort: '04', ...VOLLEDIG }));
      expect(v.map((r) => r.code)).toEqual(['TR061']);
      expect(v[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact']);
    });
    it(`TR061 ${std}: a Soort 02 contact beside a Soort 04 one is accepted`, async () => {
      expect(await regelCodes(met(std, { soort: '04', ...VOLLEDIG }, { soort: '02', ...VOLLEDIG }))).toEqual([]);
    });
  }
  it('TR061 WMO: the locaties list all Contacts of the client', async () => {
    const v = await regels(met('WMO', { soort: '04', ...VOLLEDIG }, { soort: '04', telefoon: true }));
    const tr061 = v.filter((r) => r.code === 'TR061');
    expect(tr061).toHaveLength(1);
    expect(tr061[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact[1]', '/Bericht/Client/Contactgegevens/Contact[2]']);
  });
});

describe('CS003 Contact/Periode Einddatum not before Begindatum', () => {
  for (const std of STANDAARDEN) {
    const tijdelijk = (periode: { begin?: string; eind?: string }): string =>
      met(std, { soort: '01', ...VOLLEDIG }, { soort: '04', ...VOLLEDIG, periode });
    it(`CS003 ${std}: an Einddatum before the Begindatum is rejected`, async () => {
      const v = await regels(tijdelijk({ begin: '2023-02-01', eind: '2023-01-31' }));
      expect(v.map((r) => r.code)).toEqual(['CS003']);
      expect(v[0].locatie).toEqual([
        '/Bericht/Client/Contactgegevens/Contact[2]/Periode/Begindatum',
        '/Bericht/Client/Contactgegevens/Contact[2]/Periode/Einddatum',
      ]);
    });
    it(`CS003 ${std}: an Einddatum without Begindatum is rejected (checkafter needs both)`, async () => {
      const v = await regels(tijdelijk({ eind: '2023-01-31' }));
      expect(v.map((r) => r.code)).toEqual(['CS003']);
      expect(v[0].locatie).toEqual(['/Bericht/Client/Contactgegevens/Contact[2]/Periode/Einddatum']);
    });
    it(`CS003 ${std}: a one-day Periode is accepted`, async () => {
      expect(await regelCodes(tijdelijk({ begin: '2023-02-01', eind: '2023-02-01' }))).toEqual([]);
    });
  }
});
