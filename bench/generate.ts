/**
 * Generates schema-valid, rule-clean berichten for the validation benchmark:
 * 323 declaraties (iWmo and iJw) with N prestaties, and small WMO305 start-zorg berichten.
 *
 * Usage (after `npm run build`): node dist/bench/generate.js [--sizes 1000,10000,100000] [--small 1000] [--out DIR]
 * Output goes to bench/out/ (gitignored): WMO323-<N>.xml, JW323-<N>.xml, wmo305/WMO305-<i>.xml.
 */
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Line end and indent as in the official examples (OP192: CR/LF). */
const NL = '\r\n';

export type Standaard = 'iwmo' | 'ijw';

export interface DeclaratieOptions {
  standaard: Standaard;
  prestaties: number;
  /** Prestaties per client, spread evenly; default ~10 (more when the test BSNs run out). */
  perClient?: number;
  seed?: number;
}

/** The declared month and the Dagtekening (after the month's last day: TR137, TR134). */
const PERIODE = { begin: '2025-04-01', eind: '2025-04-30', dagtekening: '2025-05-06' };
const AGB = '12345678';
const GEMEENTE = '0384';
const TARIEVEN = [1250, 1500, 2475, 3100, 6500];

/** Small deterministic PRNG (mulberry32), so every run generates the same files. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let bsnCache: string[] | null = null;

/** All BSNs of the test range 999900006-999999990 that pass the 11-proef (9091 of them). */
export function testBsns(): readonly string[] {
  if (bsnCache) return bsnCache;
  const out: string[] = [];
  for (let n = 999900006; n <= 999999990; n++) {
    const s = String(n);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * (s.charCodeAt(i) - 48);
    sum -= s.charCodeAt(8) - 48;
    if (sum % 11 === 0) out.push(s);
  }
  bsnCache = out;
  return out;
}

function prefixes(standaard: Standaard): { m: string; b: string; mNs: string; bNs: string; code: string; cat: string } {
  return standaard === 'iwmo'
    ? {
        m: 'wmo323',
        b: 'iwmo',
        mNs: 'http://www.istandaarden.nl/iwmo/3_2/wmo323/schema',
        bNs: 'http://www.istandaarden.nl/iwmo/3_2/basisschema/schema',
        code: '484',
        cat: '01',
      }
    : {
        m: 'jw323',
        b: 'ijw',
        mNs: 'http://www.istandaarden.nl/ijw/3_2/jw323/schema',
        bNs: 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema',
        code: '490',
        cat: '45',
      };
}

/**
 * Writes a 323 declaratie in pieces to `write` (a 100,000-prestatie file is ~90 MB, too big to
 * build as one string comfortably). Every prestatie has its own ReferentieNummer and
 * ToewijzingNummer (no duplicate debit keys, TR416), Eenheid 04, Bedrag = volume x tarief
 * (TR346), ProductPeriode = the declared month; TotaalIngediendBedrag is the sum (TR358).
 */
export function writeDeclaratie(options: DeclaratieOptions, write: (chunk: string) => void): void {
  const n = options.prestaties;
  const bsns = testBsns();
  const clients = Math.max(1, Math.min(Math.ceil(n / (options.perClient ?? 10)), bsns.length));
  const rnd = prng(options.seed ?? 323);
  const volume = new Uint32Array(n);
  const tarief = new Uint32Array(n);
  let totaal = 0;
  for (let i = 0; i < n; i++) {
    volume[i] = 1 + Math.floor(rnd() * 40);
    tarief[i] = TARIEVEN[Math.floor(rnd() * TARIEVEN.length)];
    totaal += volume[i] * tarief[i];
  }
  const { m, b, mNs, bNs, code, cat } = prefixes(options.standaard);
  write(
    `<?xml version="1.0" encoding="UTF-8"?>${NL}` +
      `<${m}:Bericht xmlns:${b}="${bNs}" xmlns:${m}="${mNs}">${NL}` +
      `\t<${m}:Header>${NL}` +
      `\t\t<${m}:BerichtCode>${code}</${m}:BerichtCode>${NL}` +
      `\t\t<${m}:BerichtVersie>3</${m}:BerichtVersie>${NL}` +
      `\t\t<${m}:BerichtSubversie>2</${m}:BerichtSubversie>${NL}` +
      `\t\t<${m}:Afzender>${AGB}</${m}:Afzender>${NL}` +
      `\t\t<${m}:Ontvanger>${GEMEENTE}</${m}:Ontvanger>${NL}` +
      `\t\t<${m}:BerichtIdentificatie>${NL}` +
      `\t\t\t<${b}:Identificatie>D${n}</${b}:Identificatie>${NL}` +
      `\t\t\t<${b}:Dagtekening>${PERIODE.dagtekening}</${b}:Dagtekening>${NL}` +
      `\t\t</${m}:BerichtIdentificatie>${NL}` +
      `\t\t<${m}:XsdVersie>${NL}` +
      `\t\t\t<${b}:BasisschemaXsdVersie>1.0.0</${b}:BasisschemaXsdVersie>${NL}` +
      `\t\t\t<${b}:BerichtXsdVersie>1.0.0</${b}:BerichtXsdVersie>${NL}` +
      `\t\t</${m}:XsdVersie>${NL}` +
      `\t</${m}:Header>${NL}` +
      `\t<${m}:Declaratie>${NL}` +
      `\t\t<${m}:DeclaratieNummer>DN${n}</${m}:DeclaratieNummer>${NL}` +
      `\t\t<${m}:DeclaratiePeriode>${NL}` +
      `\t\t\t<${b}:Begindatum>${PERIODE.begin}</${b}:Begindatum>${NL}` +
      `\t\t\t<${b}:Einddatum>${PERIODE.eind}</${b}:Einddatum>${NL}` +
      `\t\t</${m}:DeclaratiePeriode>${NL}` +
      `\t\t<${m}:DeclaratieDagtekening>${PERIODE.dagtekening}</${m}:DeclaratieDagtekening>${NL}` +
      `\t\t<${m}:TotaalIngediendBedrag>${NL}` +
      `\t\t\t<${b}:TotaalBedrag>${totaal}</${b}:TotaalBedrag>${NL}` +
      `\t\t\t<${b}:DebetCredit>D</${b}:DebetCredit>${NL}` +
      `\t\t</${m}:TotaalIngediendBedrag>${NL}` +
      `\t\t<${m}:Clienten>${NL}`,
  );
  let p = 0;
  for (let c = 0; c < clients; c++) {
    // Spread evenly: client c gets prestaties [floor(c*n/clients), floor((c+1)*n/clients)).
    const end = Math.floor(((c + 1) * n) / clients);
    let chunk = `\t\t\t<${m}:Client>${NL}\t\t\t\t<${m}:Bsn>${bsns[c]}</${m}:Bsn>${NL}\t\t\t\t<${m}:Prestaties>${NL}`;
    for (; p < end; p++) {
      const productCode = `${cat}A${String(1 + (p % 20)).padStart(2, '0')}`;
      chunk +=
        `\t\t\t\t\t<${m}:Prestatie>${NL}` +
        `\t\t\t\t\t\t<${m}:ProductReferentie>${NL}` +
        `\t\t\t\t\t\t\t<${b}:ReferentieNummer>RN${p + 1}</${b}:ReferentieNummer>${NL}` +
        `\t\t\t\t\t\t</${m}:ProductReferentie>${NL}` +
        `\t\t\t\t\t\t<${m}:ToewijzingNummer>${300000 + p}</${m}:ToewijzingNummer>${NL}` +
        `\t\t\t\t\t\t<${m}:ProductCategorie>${cat}</${m}:ProductCategorie>${NL}` +
        `\t\t\t\t\t\t<${m}:ProductCode>${productCode}</${m}:ProductCode>${NL}` +
        `\t\t\t\t\t\t<${m}:ProductPeriode>${NL}` +
        `\t\t\t\t\t\t\t<${b}:Begindatum>${PERIODE.begin}</${b}:Begindatum>${NL}` +
        `\t\t\t\t\t\t\t<${b}:Einddatum>${PERIODE.eind}</${b}:Einddatum>${NL}` +
        `\t\t\t\t\t\t</${m}:ProductPeriode>${NL}` +
        `\t\t\t\t\t\t<${m}:GeleverdVolume>${volume[p]}</${m}:GeleverdVolume>${NL}` +
        `\t\t\t\t\t\t<${m}:Eenheid>04</${m}:Eenheid>${NL}` +
        `\t\t\t\t\t\t<${m}:ProductTarief>${tarief[p]}</${m}:ProductTarief>${NL}` +
        `\t\t\t\t\t\t<${m}:IngediendBedrag>${NL}` +
        `\t\t\t\t\t\t\t<${b}:Bedrag>${volume[p] * tarief[p]}</${b}:Bedrag>${NL}` +
        `\t\t\t\t\t\t\t<${b}:DebetCredit>D</${b}:DebetCredit>${NL}` +
        `\t\t\t\t\t\t</${m}:IngediendBedrag>${NL}` +
        `\t\t\t\t\t</${m}:Prestatie>${NL}`;
    }
    write(chunk + `\t\t\t\t</${m}:Prestaties>${NL}\t\t\t</${m}:Client>${NL}`);
  }
  write(`\t\t</${m}:Clienten>${NL}\t</${m}:Declaratie>${NL}</${m}:Bericht>${NL}`);
}

/** A 323 declaratie as one string (for tests and small sizes). */
export function declaratieXml(options: DeclaratieOptions): string {
  const parts: string[] = [];
  writeDeclaratie(options, (c) => parts.push(c));
  return parts.join('');
}

const ACHTERNAMEN = ['Wit', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters'];
const VOORVOEGSELS = ['de', 'van', 'van der', '', '', ''];
const VOORNAMEN = ['Tim', 'Anna', 'Sanne', 'Daan', 'Eva', 'Lucas', 'Noor', 'Bram', 'Fenna', 'Mila'];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A WMO305 start zorg with the structure of the official example (voorbeelden/WMO305.xml):
 * one client, one or two StartProducten with StatusAanlevering 1, dates before the Dagtekening.
 */
export function wmo305Xml(index: number): string {
  const rnd = prng(305_000 + index);
  const bsns = testBsns();
  const bsn = bsns[index % bsns.length];
  const geboorte = `${1930 + Math.floor(rnd() * 85)}-${pad2(1 + Math.floor(rnd() * 12))}-${pad2(1 + Math.floor(rnd() * 28))}`;
  const achternaam = ACHTERNAMEN[Math.floor(rnd() * ACHTERNAMEN.length)];
  const voorvoegsel = VOORVOEGSELS[Math.floor(rnd() * VOORVOEGSELS.length)];
  const voornaam = VOORNAMEN[Math.floor(rnd() * VOORNAMEN.length)];
  const producten = 1 + Math.floor(rnd() * 2);
  let starts = '';
  for (let k = 0; k < producten; k++) {
    starts +=
      `\t\t\t<wmo305:StartProduct>${NL}` +
      `\t\t\t\t<wmo305:ToewijzingNummer>${400000 + index * 2 + k}</wmo305:ToewijzingNummer>${NL}` +
      `\t\t\t\t<wmo305:Product>${NL}` +
      `\t\t\t\t\t<iwmo:Categorie>01</iwmo:Categorie>${NL}` +
      `\t\t\t\t\t<iwmo:Code>01A${pad2(11 + k)}</iwmo:Code>${NL}` +
      `\t\t\t\t</wmo305:Product>${NL}` +
      `\t\t\t\t<wmo305:ToewijzingIngangsdatum>2025-04-01</wmo305:ToewijzingIngangsdatum>${NL}` +
      `\t\t\t\t<wmo305:Begindatum>2025-04-0${1 + Math.floor(rnd() * 4)}</wmo305:Begindatum>${NL}` +
      `\t\t\t\t<wmo305:StatusAanlevering>1</wmo305:StatusAanlevering>${NL}` +
      `\t\t\t</wmo305:StartProduct>${NL}`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>${NL}` +
    `<wmo305:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">${NL}` +
    `\t<wmo305:Header>${NL}` +
    `\t\t<wmo305:BerichtCode>418</wmo305:BerichtCode>${NL}` +
    `\t\t<wmo305:BerichtVersie>3</wmo305:BerichtVersie>${NL}` +
    `\t\t<wmo305:BerichtSubversie>2</wmo305:BerichtSubversie>${NL}` +
    `\t\t<wmo305:Afzender>${AGB}</wmo305:Afzender>${NL}` +
    `\t\t<wmo305:Ontvanger>${GEMEENTE}</wmo305:Ontvanger>${NL}` +
    `\t\t<wmo305:BerichtIdentificatie>${NL}` +
    `\t\t\t<iwmo:Identificatie>S${index + 1}</iwmo:Identificatie>${NL}` +
    `\t\t\t<iwmo:Dagtekening>2025-04-05</iwmo:Dagtekening>${NL}` +
    `\t\t</wmo305:BerichtIdentificatie>${NL}` +
    `\t\t<wmo305:XsdVersie>${NL}` +
    `\t\t\t<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>${NL}` +
    `\t\t\t<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>${NL}` +
    `\t\t</wmo305:XsdVersie>${NL}` +
    `\t</wmo305:Header>${NL}` +
    `\t<wmo305:Client>${NL}` +
    `\t\t<wmo305:Bsn>${bsn}</wmo305:Bsn>${NL}` +
    `\t\t<wmo305:Geboortedatum>${NL}` +
    `\t\t\t<iwmo:Datum>${geboorte}</iwmo:Datum>${NL}` +
    `\t\t</wmo305:Geboortedatum>${NL}` +
    `\t\t<wmo305:Geslacht>${1 + Math.floor(rnd() * 2)}</wmo305:Geslacht>${NL}` +
    `\t\t<wmo305:Naam>${NL}` +
    `\t\t\t<iwmo:Geslachtsnaam>${NL}` +
    `\t\t\t\t<iwmo:Achternaam>${achternaam}</iwmo:Achternaam>${NL}` +
    (voorvoegsel ? `\t\t\t\t<iwmo:Voorvoegsel>${voorvoegsel}</iwmo:Voorvoegsel>${NL}` : '') +
    `\t\t\t</iwmo:Geslachtsnaam>${NL}` +
    `\t\t\t<iwmo:Voornamen>${voornaam}</iwmo:Voornamen>${NL}` +
    `\t\t\t<iwmo:Voorletters>${voornaam[0]}</iwmo:Voorletters>${NL}` +
    `\t\t</wmo305:Naam>${NL}` +
    `\t\t<wmo305:StartProducten>${NL}` +
    starts +
    `\t\t</wmo305:StartProducten>${NL}` +
    `\t</wmo305:Client>${NL}` +
    `</wmo305:Bericht>${NL}`
  );
}

/** The checkout root (works from bench/ and from dist/bench/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const DEFAULT_OUT = join(repoRoot(), 'bench', 'out');
export const DECLARATIE_SIZES = [1_000, 10_000, 100_000];

export function declaratiePath(out: string, standaard: Standaard, prestaties: number): string {
  return join(out, `${standaard === 'iwmo' ? 'WMO323' : 'JW323'}-${prestaties}.xml`);
}

export function smallPath(out: string, index: number): string {
  return join(out, 'wmo305', `WMO305-${String(index + 1).padStart(4, '0')}.xml`);
}

/**
 * Writes a generated declaratie to `file` in pieces of about 1 MB (a 100k declaratie is never one
 * string); `bewerk` may rewrite each chunk on the way.
 */
export function writeDeclaratieFile(file: string, options: DeclaratieOptions, bewerk: (chunk: string) => string = (c) => c): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = '';
    writeDeclaratie(options, (chunk) => {
      buffer += bewerk(chunk);
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    });
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/** Writes the declaraties of the given sizes (both standaarden) and `small` WMO305 files. */
export function generateAll(out: string, sizes: readonly number[], small: number): string[] {
  mkdirSync(join(out, 'wmo305'), { recursive: true });
  const written: string[] = [];
  for (const standaard of ['iwmo', 'ijw'] as const) {
    for (const n of sizes) {
      const file = declaratiePath(out, standaard, n);
      writeDeclaratieFile(file, { standaard, prestaties: n });
      written.push(file);
    }
  }
  for (let i = 0; i < small; i++) {
    const file = smallPath(out, i);
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, wmo305Xml(i));
    } finally {
      closeSync(fd);
    }
  }
  if (small > 0) written.push(`${small} x ${join(out, 'wmo305')}`);
  return written;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (require.main === module) {
  const sizes = (arg('--sizes') ?? DECLARATIE_SIZES.join(',')).split(',').map(Number);
  const small = Number(arg('--small') ?? 1000);
  const out = resolve(arg('--out') ?? DEFAULT_OUT);
  for (const f of generateAll(out, sizes, small)) console.log(`wrote ${f}`);
}
