import { describe, expect, it } from 'vitest';
import { regelCodes, vervang, voorbeeld } from '../../../test/support/istandaarden';

/** The client's own address in the WMO301 example (the Relaties have addresses too). */
const CLIENT_LAND = /<iwmo:Plaatsnaam>Plaats<\/iwmo:Plaatsnaam>\s*<iwmo:LandCode>AD<\/iwmo:LandCode>/;
const CLIENT_POSTCODE = /<iwmo:Postcode>9999XX<\/iwmo:Postcode>(\s*<iwmo:Straatnaam>Straatweg<\/iwmo:Straatnaam>\s*<iwmo:Plaatsnaam>Plaats<)/;
const START_GEBOORTE = /<iwmo:Datum>1967-08-13<\/iwmo:Datum>(\s*<\/wmo305:Geboortedatum>)/;

describe('CS002 BSN 11-proef', () => {
  it('CS002 rejects a BSN that fails the 11-proef', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO305'), '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>999900007</wmo305:Bsn>'))).toEqual(['CS002']);
  });
  it('CS002 accepts another BSN that passes it (near miss)', async () => {
    expect(await regelCodes(vervang(voorbeeld('JW305'), /<jw305:Bsn>\d{9}<\/jw305:Bsn>/, '<jw305:Bsn>999900018</jw305:Bsn>'))).toEqual([]);
  });
});

describe('TR002 Geboortedatum at most 120 years before the Dagtekening', () => {
  it('TR002 rejects a birth date 121 years before the Dagtekening (2025-04-05)', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO305'), '<iwmo:Datum>1967-08-13</iwmo:Datum>', '<iwmo:Datum>1904-04-04</iwmo:Datum>'))).toEqual(['TR002']);
  });
  it('TR002 accepts exactly 120 years (near miss)', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO305'), '<iwmo:Datum>1967-08-13</iwmo:Datum>', '<iwmo:Datum>1905-04-05</iwmo:Datum>'))).toEqual([]);
  });
  it('TR002 accepts an unknown birth date (DatumGebruik 3, 1900-01-01)', async () => {
    const xml = vervang(voorbeeld('WMO305'), START_GEBOORTE, '<iwmo:Datum>1900-01-01</iwmo:Datum><iwmo:DatumGebruik>3</iwmo:DatumGebruik>$1');
    expect(await regelCodes(xml)).toEqual([]);
  });
});

describe('CS139 DatumGebruik agrees with the Datum', () => {
  it('CS139 rejects DatumGebruik 1 (day unknown) with a day other than 01', async () => {
    const xml = vervang(voorbeeld('WMO305'), START_GEBOORTE, '<iwmo:Datum>1967-08-13</iwmo:Datum><iwmo:DatumGebruik>1</iwmo:DatumGebruik>$1');
    expect(await regelCodes(xml)).toEqual(['CS139']);
  });
  it('CS139 rejects DatumGebruik 3 with another date than 1900-01-01', async () => {
    const xml = vervang(voorbeeld('WMO305'), START_GEBOORTE, '<iwmo:Datum>1967-01-01</iwmo:Datum><iwmo:DatumGebruik>3</iwmo:DatumGebruik>$1');
    expect(await regelCodes(xml)).toEqual(['CS139']);
  });
  it('CS139 accepts DatumGebruik 2 with 01-01 (near miss)', async () => {
    const xml = vervang(voorbeeld('WMO305'), START_GEBOORTE, '<iwmo:Datum>1967-01-01</iwmo:Datum><iwmo:DatumGebruik>2</iwmo:DatumGebruik>$1');
    expect(await regelCodes(xml)).toEqual([]);
  });
});

describe('CD005 Postcode and LandCode together', () => {
  it('CD005 rejects a Postcode without LandCode', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO301'), CLIENT_LAND, '<iwmo:Plaatsnaam>Plaats</iwmo:Plaatsnaam>'))).toEqual(['CD005']);
  });
  it('CD005 rejects a LandCode without Postcode (a BRP address also needs one: CD034, TR006)', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO301'), CLIENT_POSTCODE, '$1'))).toEqual(['CD005', 'CD034', 'TR006']);
  });
});

describe('CD025 and CS089 Dutch addresses', () => {
  it('CD025 / CS089 accept LandCode NL with a huisnummer and a postcode like 9999XX (near miss)', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO301'), CLIENT_LAND, '<iwmo:Plaatsnaam>Plaats</iwmo:Plaatsnaam>\n\t\t\t\t\t<iwmo:LandCode>NL</iwmo:LandCode>'))).toEqual([]);
  });
  it('CS089 rejects LandCode NL with a postcode not of the form 1234AB', async () => {
    let xml = vervang(voorbeeld('WMO301'), CLIENT_LAND, '<iwmo:Plaatsnaam>Plaats</iwmo:Plaatsnaam>\n\t\t\t\t\t<iwmo:LandCode>NL</iwmo:LandCode>');
    xml = vervang(xml, CLIENT_POSTCODE, '<iwmo:Postcode>0999XX</iwmo:Postcode>$1');
    expect(await regelCodes(xml)).toEqual(['CS089']);
  });
  it('CD025 rejects LandCode NL without a huisnummer', async () => {
    let xml = vervang(voorbeeld('WMO301'), CLIENT_LAND, '<iwmo:Plaatsnaam>Plaats</iwmo:Plaatsnaam>\n\t\t\t\t\t<iwmo:LandCode>NL</iwmo:LandCode>');
    xml = vervang(xml, /<iwmo:Huis>\s*<iwmo:Huisnummer>100<\/iwmo:Huisnummer>[\s\S]*?<\/iwmo:Huis>\s*/, '');
    expect(await regelCodes(xml)).toContain('CD025');
  });
});

describe('CD007 Taal only with Vorm 1 (tolk taal)', () => {
  it('CD007 rejects Vorm 1 without Taal', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO301'), /\s*<iwmo:Taal>Deens<\/iwmo:Taal>/, ''))).toEqual(['CD007']);
  });
  it('CD007 rejects a Taal with Vorm 2', async () => {
    expect(await regelCodes(vervang(voorbeeld('WMO301'), '<iwmo:Vorm>1</iwmo:Vorm>', '<iwmo:Vorm>2</iwmo:Vorm>'))).toEqual(['CD007']);
  });
  it('CD007 accepts Vorm 2 without Taal (near miss)', async () => {
    const xml = vervang(vervang(voorbeeld('WMO301'), '<iwmo:Vorm>1</iwmo:Vorm>', '<iwmo:Vorm>2</iwmo:Vorm>'), /\s*<iwmo:Taal>Deens<\/iwmo:Taal>/, '');
    expect(await regelCodes(xml)).toEqual([]);
  });
});

describe('CS050 and CS318 NaamGebruik', () => {
  const zonderPartner = (xml: string, bericht: string, basis: string) =>
    vervang(xml, new RegExp(`(<${bericht}:Client>\\s*<${bericht}:Bsn>[\\s\\S]*?<${bericht}:Naam>[\\s\\S]*?)<${basis}:Partnernaam>[\\s\\S]*?</${basis}:Partnernaam>\\s*`), '$1');
  it('CS050 rejects NaamGebruik 4 without a Partnernaam (iWmo)', async () => {
    expect(await regelCodes(zonderPartner(voorbeeld('WMO301'), 'wmo301', 'iwmo'))).toEqual(['CS050']);
  });
  it('CS050 accepts NaamGebruik 1 without a Partnernaam (near miss)', async () => {
    expect(await regelCodes(vervang(zonderPartner(voorbeeld('WMO301'), 'wmo301', 'iwmo'), '<iwmo:NaamGebruik>4</iwmo:NaamGebruik>', '<iwmo:NaamGebruik>1</iwmo:NaamGebruik>'))).toEqual([]);
  });
  it('CS050 rejects NaamGebruik 6 without a Partnernaam in iWmo, and CS318 stays iJw-only', async () => {
    expect(await regelCodes(vervang(zonderPartner(voorbeeld('WMO301'), 'wmo301', 'iwmo'), '<iwmo:NaamGebruik>4</iwmo:NaamGebruik>', '<iwmo:NaamGebruik>6</iwmo:NaamGebruik>'))).toEqual(['CS050']);
  });
  it('CS318 rejects NaamGebruik 6 for the iJw client, which CS050 allows there', async () => {
    const jw = voorbeeld('JW301');
    const naamGebruik = /(<jw301:Client>[\s\S]*?<ijw:NaamGebruik>)\d(<\/ijw:NaamGebruik>)/;
    const xml = vervang(jw.includes('<ijw:Partnernaam>') ? jw.replace(/(<jw301:Client>[\s\S]*?<jw301:Naam>[\s\S]*?)<ijw:Partnernaam>[\s\S]*?<\/ijw:Partnernaam>\s*/, '$1') : jw, naamGebruik, '$16$2');
    expect(await regelCodes(xml)).toEqual(['CS318']);
  });
});

describe('CS325 an amount of zero is Debet', () => {
  it('CS325 rejects TotaalBedrag 0 with DebetCredit C', async () => {
    const xml = vervang(voorbeeld('WMO325'), /(<wmo325:TotaalToegekendBedrag>\s*<iwmo:TotaalBedrag>)\d+(<\/iwmo:TotaalBedrag>\s*<iwmo:DebetCredit>)[CD]</, '$10$2C<');
    expect(await regelCodes(xml)).toContain('CS325');
  });
  it('CS325 accepts TotaalBedrag 0 with DebetCredit D (near miss)', async () => {
    const xml = vervang(voorbeeld('WMO325'), /(<wmo325:TotaalToegekendBedrag>\s*<iwmo:TotaalBedrag>)\d+(<\/iwmo:TotaalBedrag>\s*<iwmo:DebetCredit>)[CD]</, '$10$2D<');
    expect(await regelCodes(xml)).not.toContain('CS325');
  });
});
