import type { Domein } from './contracten.port';

/** A contract as POST /api/contracten and the CSV import deliver it, after validation. */
export interface ContractInvoer {
  kenmerk: string;
  domein: Domein;
  /** The gemeente (4-digit CBS code) or the region code the contract is made by. */
  gemeente: string;
  /** The gemeenten it covers (a gemeente contract: itself). */
  gemeenten: string[];
  aanbieder: { agb: string; naam: string | null };
  uitvoeringsvariant: Uitvoeringsvariant;
  looptijd: { van: string; tot: string | null };
  verlengopties: { maanden: number }[];
  besluitdatum: string | null;
  /** Optional articles of deel 1 that are part of the contract, e.g. '1.5' (bestedingsruimte). */
  artikelen: string[];
  /**
   * Own wachttijdnorm per product group (weeks, 1 to 104) agreed in the contract; null = the
   * configured default (WACHTTIJD_NORMEN_WEKEN) applies to every group.
   */
  wachttijdNormen: Record<string, number> | null;
  /** The art. 1.6 norm (onvoldoende inzet); only with article 1.6 in `artikelen`, else null. */
  inzetNorm: InzetNorm | null;
  /** Why the term deviates from 4 years (HR §14, as in the inkoopdocument); null = none recorded. */
  looptijdMotivatie: string | null;
  producten: ProductInvoer[];
  bestedingsruimtes: BestedingsruimteInvoer[];
}

export type InzetSoort = 'omzet' | 'clienten' | 'trajecten';

/**
 * TCW art. 1.6: the pre-announced objective norm over 12 kalendermaanden. `waarde` is eurocents
 * for omzet, else a count. Exemptions (schaars, uniek) and the KTO score are registered facts.
 */
export interface InzetNorm {
  soort: InzetSoort;
  waarde: number;
  gepubliceerdOp: string;
  vrijstelling: { schaars: boolean; uniek: boolean };
  /** Average klanttevredenheid 0-10 (one decimal) by the gemeente's method; null = not measured. */
  ktoScore: number | null;
}

export type Uitvoeringsvariant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';

export interface ProductInvoer {
  productCode: string;
  eenheid: string;
  tariefCenten: number;
  geldigVan: string;
  geldigTot: string | null;
}

export interface BestedingsruimteInvoer {
  van: string;
  tot: string;
  budgetCenten: number;
  versie: number;
  meetgrondslag: 'realisatie' | 'verplichting';
  monitoring: 'gemeente' | 'aanbieder';
}

export const OPTIONELE_ARTIKELEN = ['1.4', '1.5', '1.6', '1.7', '1.8', '1.9'] as const;
const VARIANTEN: readonly Uitvoeringsvariant[] = ['inspanningsgericht', 'outputgericht', 'taakgericht'];

/** Collects problems per field; messages name fields and rules, never long values. */
export class Fouten {
  readonly lijst: string[] = [];
  add(m: string): void {
    this.lijst.push(m);
  }
}

type Obj = Record<string, unknown>;

export function isDatum(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function tekst(o: Obj, veld: string, re: RegExp, f: Fouten, uitleg: string): string {
  const v = o[veld];
  if (typeof v !== 'string' || !re.test(v)) {
    f.add(`${veld} must be ${uitleg}`);
    return '';
  }
  return v;
}

function datum(o: Obj, veld: string, f: Fouten, optioneel = false): string | null {
  const v = o[veld];
  if (optioneel && (v === undefined || v === null || v === '')) return null;
  if (!isDatum(v)) {
    f.add(`${veld} must be a date YYYY-MM-DD`);
    return null;
  }
  return v;
}

function geheel(o: Obj, veld: string, min: number, f: Fouten, fallback?: number): number {
  const v = o[veld] ?? fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    f.add(`${veld} must be a whole number of at least ${min}`);
    return 0;
  }
  return v;
}

/** Product group names as in WACHTTIJD_NORMEN_WEKEN / WACHTTIJD_PRODUCTGROEPEN. */
const GROEP = /^[a-z][a-z0-9-]{0,39}$/;

/** Optional text of at most 500 characters; empty is none. */
export function valideerLooptijdMotivatie(v: unknown, f: Fouten): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > 500) {
    f.add('looptijdMotivatie must be text of at most 500 characters');
    return null;
  }
  return v.trim();
}

/** Optional {productgroep: weken}; weeks are whole numbers from 1 to 104, as the configured norms. */
export function valideerWachttijdNormen(v: unknown, f: Fouten): Record<string, number> | null {
  if (v === undefined || v === null) return null;
  const o = object(v);
  if (!o) {
    f.add('wachttijdNormen must be an object of productgroep: weken');
    return null;
  }
  const normen: Record<string, number> = {};
  for (const [groep, weken] of Object.entries(o)) {
    const naam = groep.slice(0, 40);
    if (!GROEP.test(groep)) f.add(`wachttijdNormen: productgroep '${naam}' must be lowercase letters, digits and - (starting with a letter, at most 40)`);
    else if (typeof weken !== 'number' || !Number.isSafeInteger(weken) || weken < 1 || weken > 104) f.add(`wachttijdNormen.${groep} must be a whole number of weeks from 1 to 104`);
    else normen[groep] = weken;
  }
  return Object.keys(normen).length > 0 ? normen : null;
}

const INZET_SOORTEN: readonly InzetSoort[] = ['omzet', 'clienten', 'trajecten'];
const INZET_MAX_AANTAL = 1_000_000;

/** Optional art. 1.6 norm; every bad field gets its own message. */
export function valideerInzetNorm(v: unknown, f: Fouten): InzetNorm | null {
  if (v === undefined || v === null) return null;
  const o = object(v);
  if (!o) {
    f.add('inzetNorm must be an object with soort, waarde and gepubliceerdOp');
    return null;
  }
  const nf = new Fouten();
  const soort = o.soort as InzetSoort;
  if (!INZET_SOORTEN.includes(soort)) nf.add(`soort must be one of ${INZET_SOORTEN.join(', ')}`);
  const waarde = geheel(o, 'waarde', 1, nf);
  // A count stays far below 8 digits, where the signal guard would start to see BSN-like numbers.
  if (soort !== 'omzet' && waarde > INZET_MAX_AANTAL) nf.add(`waarde must be at most ${INZET_MAX_AANTAL} for ${soort}`);
  const gepubliceerdOp = datum(o, 'gepubliceerdOp', nf) ?? '';
  const vrijstelling = { schaars: false, uniek: false };
  if (o.vrijstelling !== undefined && o.vrijstelling !== null) {
    const vo = object(o.vrijstelling);
    if (!vo) nf.add('vrijstelling must be an object with optional schaars and uniek');
    else for (const k of ['schaars', 'uniek'] as const) {
      if (vo[k] === undefined || vo[k] === null) continue;
      if (typeof vo[k] !== 'boolean') nf.add(`vrijstelling.${k} must be true or false`);
      else vrijstelling[k] = vo[k];
    }
  }
  let ktoScore: number | null = null;
  if (o.ktoScore !== undefined && o.ktoScore !== null) {
    const k = o.ktoScore;
    // One decimal: k * 10 is whole up to floating point noise (8.5 * 10, 7.3 * 10).
    if (typeof k !== 'number' || !Number.isFinite(k) || k < 0 || k > 10 || Math.abs(k * 10 - Math.round(k * 10)) > 1e-9) {
      nf.add('ktoScore must be a number from 0 to 10 with at most one decimal');
    } else ktoScore = Math.round(k * 10) / 10;
  }
  nf.lijst.forEach((m) => f.add(`inzetNorm.${m}`));
  return nf.lijst.length === 0 ? { soort, waarde, gepubliceerdOp, vrijstelling, ktoScore } : null;
}

function object(v: unknown): Obj | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

/** The contract's own fields (no products, no bestedingsruimtes). */
export function valideerKop(o: Obj, f: Fouten): Omit<ContractInvoer, 'producten' | 'bestedingsruimtes'> {
  const kenmerk = tekst(o, 'kenmerk', /^[A-Za-z0-9._\-/]{1,64}$/, f, '1 to 64 letters, digits or . _ - /');
  const domein = tekst(o, 'domein', /^(wmo|jeugd)$/, f, 'wmo or jeugd') as Domein;
  const gemeente = tekst(o, 'gemeente', /^[A-Za-z0-9]{1,8}$/, f, 'a 4-digit CBS gemeentecode or a region code (1 to 8 letters or digits)');
  let gemeenten: string[] = [];
  if (o.gemeenten === undefined && /^\d{4}$/.test(gemeente)) gemeenten = [gemeente];
  else if (!Array.isArray(o.gemeenten) || o.gemeenten.length === 0 || !o.gemeenten.every((g) => typeof g === 'string' && /^\d{4}$/.test(g))) {
    f.add('gemeenten must list the 4-digit CBS gemeentecodes the contract covers (required for a region code)');
  } else gemeenten = [...new Set(o.gemeenten as string[])];
  const a = object(o.aanbieder);
  let aanbieder = { agb: '', naam: null as string | null };
  if (!a) f.add('aanbieder must be an object with agb (8 digits) and an optional naam');
  else {
    const agb = tekst(a, 'agb', /^\d{8}$/, f, 'an 8-digit AGB code (aanbieder.agb)');
    let naam: string | null = null;
    if (a.naam !== undefined && a.naam !== null && a.naam !== '') {
      if (typeof a.naam !== 'string' || a.naam.length > 200) f.add('aanbieder.naam must be text of at most 200 characters');
      else naam = a.naam;
    }
    aanbieder = { agb, naam };
  }
  const variant = o.uitvoeringsvariant;
  if (!VARIANTEN.includes(variant as Uitvoeringsvariant)) f.add(`uitvoeringsvariant must be one of ${VARIANTEN.join(', ')}`);
  const l = object(o.looptijd);
  let looptijd = { van: '', tot: null as string | null };
  if (!l) f.add('looptijd must be an object with van and an optional tot');
  else {
    const van = datum(l, 'van', f) ?? '';
    const tot = datum(l, 'tot', f, true);
    if (van && tot && tot < van) f.add('looptijd.tot must not be before looptijd.van');
    looptijd = { van, tot };
  }
  const verlengopties: { maanden: number }[] = [];
  if (o.verlengopties !== undefined) {
    if (!Array.isArray(o.verlengopties)) f.add('verlengopties must be a list of {maanden}');
    else for (const v of o.verlengopties) {
      const vo = object(v);
      if (!vo) f.add('verlengopties must be a list of {maanden}');
      else verlengopties.push({ maanden: geheel(vo, 'maanden', 1, f) });
    }
  }
  const besluitdatum = datum(o, 'besluitdatum', f, true);
  let artikelen: string[] = [];
  let artikelenGeldig = true;
  if (o.artikelen !== undefined) {
    if (!Array.isArray(o.artikelen) || !o.artikelen.every((x) => (OPTIONELE_ARTIKELEN as readonly unknown[]).includes(x))) {
      f.add(`artikelen must list optional articles of deel 1 (${OPTIONELE_ARTIKELEN.join(', ')})`);
      artikelenGeldig = false;
    } else artikelen = [...new Set(o.artikelen as string[])].sort();
  }
  const normen = valideerWachttijdNormen(o.wachttijdNormen, f);
  const norm = valideerInzetNorm(o.inzetNorm, f);
  // Art. 1.6 binds only when the contract includes it (contractstandaard-signals.md §0).
  if (o.inzetNorm !== undefined && o.inzetNorm !== null && artikelenGeldig && !artikelen.includes('1.6')) f.add('an inzetNorm needs optional article 1.6 in artikelen');
  return {
    kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant: variant as Uitvoeringsvariant, looptijd, verlengopties, besluitdatum, artikelen, wachttijdNormen: normen, inzetNorm: norm,
    looptijdMotivatie: valideerLooptijdMotivatie(o.looptijdMotivatie, f),
  };
}

export function valideerProduct(o: Obj, f: Fouten): ProductInvoer {
  const productCode = tekst(o, 'productCode', /^[0-9A-Za-z]{1,8}$/, f, '1 to 8 letters or digits');
  const eenheid = tekst(o, 'eenheid', /^\d{2}$/, f, 'a 2-digit eenheid code (WJ756/WMO756)');
  const tariefCenten = geheel(o, 'tariefCenten', 0, f);
  const geldigVan = datum(o, 'geldigVan', f) ?? '';
  const geldigTot = datum(o, 'geldigTot', f, true);
  if (geldigVan && geldigTot && geldigTot < geldigVan) f.add('geldigTot must not be before geldigVan');
  return { productCode, eenheid, tariefCenten, geldigVan, geldigTot };
}

export function valideerBestedingsruimte(o: Obj, f: Fouten): BestedingsruimteInvoer {
  const van = datum(o, 'van', f) ?? '';
  const tot = datum(o, 'tot', f) ?? '';
  if (van && tot && tot < van) f.add('tot must not be before van');
  const budgetCenten = geheel(o, 'budgetCenten', 1, f);
  const versie = geheel(o, 'versie', 1, f, 1);
  const meetgrondslag = (o.meetgrondslag ?? 'realisatie') as BestedingsruimteInvoer['meetgrondslag'];
  if (meetgrondslag !== 'realisatie' && meetgrondslag !== 'verplichting') f.add('meetgrondslag must be realisatie or verplichting');
  const monitoring = (o.monitoring ?? 'gemeente') as BestedingsruimteInvoer['monitoring'];
  if (monitoring !== 'gemeente' && monitoring !== 'aanbieder') f.add('monitoring must be gemeente or aanbieder');
  return { van, tot, budgetCenten, versie, meetgrondslag, monitoring };
}

/** The contract's norms as PUT /api/contracten/:id/normen changes them: a field given replaces the stored one (null clears it), one left out stays. */
export interface NormenWijziging {
  wachttijdNormen?: Record<string, number> | null;
  inzetNorm?: InzetNorm | null;
}

export function valideerNormenWijziging(raw: unknown): { wijziging: NormenWijziging; fouten: string[] } {
  const f = new Fouten();
  const o = object(raw);
  if (!o) return { wijziging: {}, fouten: ['the body must be a JSON object'] };
  const onbekend = Object.keys(o).filter((k) => k !== 'wachttijdNormen' && k !== 'inzetNorm');
  if (onbekend.length > 0) f.add(`only wachttijdNormen and inzetNorm can be changed here, not ${onbekend.map((k) => k.slice(0, 40)).join(', ')}`);
  if (!('wachttijdNormen' in o) && !('inzetNorm' in o)) f.add('give wachttijdNormen, inzetNorm or both (null clears one)');
  const wijziging: NormenWijziging = {};
  if ('wachttijdNormen' in o) wijziging.wachttijdNormen = valideerWachttijdNormen(o.wachttijdNormen, f);
  if ('inzetNorm' in o) wijziging.inzetNorm = valideerInzetNorm(o.inzetNorm, f);
  return { wijziging, fouten: f.lijst };
}

/** A registered approval (TCW art. 1.7.2) that Wmo support under a toewijzing starts before the client's 18th birthday. */
export interface ToestemmingVoor18Invoer {
  /** One of the contract's gemeenten; null: the contract's only one. */
  gemeente: string | null;
  /** As the register stores it: digits, no leading zeros. */
  toewijzingNummer: string;
  datum: string;
}

export function valideerToestemmingVoor18(raw: unknown): { toestemming: ToestemmingVoor18Invoer; fouten: string[] } {
  const f = new Fouten();
  const o = object(raw);
  if (!o) return { toestemming: null as unknown as ToestemmingVoor18Invoer, fouten: ['the body must be a JSON object'] };
  const nummer = typeof o.toewijzingNummer === 'string' ? o.toewijzingNummer.trim() : '';
  if (!/^\d{1,16}$/.test(nummer)) f.add('toewijzingNummer must be the ToewijzingNummer of the 301: 1 to 16 digits');
  let gemeente: string | null = null;
  if (o.gemeente !== undefined && o.gemeente !== null) gemeente = tekst(o, 'gemeente', /^\d{4}$/, f, 'a 4-digit CBS gemeentecode');
  const datumGegeven = datum(o, 'datum', f) ?? '';
  return { toestemming: { gemeente, toewijzingNummer: nummer.replace(/^0+(?=\d)/, ''), datum: datumGegeven }, fouten: f.lijst };
}

/**
 * A new version (addendum to deel 2) or a new period for POST /api/contracten/:id/bestedingsruimtes:
 * the fields of a bestedingsruimte, `versie` optional (null: the next version of the period).
 */
export function valideerNieuweBestedingsruimte(raw: unknown): { invoer: Omit<BestedingsruimteInvoer, 'versie'> & { versie: number | null }; fouten: string[] } {
  const f = new Fouten();
  const o = object(raw);
  if (!o) return { invoer: null as unknown as ReturnType<typeof valideerNieuweBestedingsruimte>['invoer'], fouten: ['the body must be a JSON object'] };
  const b = valideerBestedingsruimte(o, f);
  return { invoer: { ...b, versie: o.versie === undefined || o.versie === null ? null : b.versie }, fouten: f.lijst };
}

/**
 * Rules across the parts of one contract: product validity periods of one code do not overlap; a
 * bestedingsruimte needs article 1.5 and is not for taakgericht contracts (TCW 1.5.1/1.5.2); one
 * version per period.
 */
export function valideerSamenhang(c: ContractInvoer, f: Fouten): void {
  const perCode = new Map<string, ProductInvoer[]>();
  for (const p of c.producten) perCode.set(p.productCode, [...(perCode.get(p.productCode) ?? []), p]);
  for (const [code, lijst] of perCode) {
    const s = [...lijst].sort((a, b) => a.geldigVan.localeCompare(b.geldigVan));
    for (let i = 1; i < s.length; i++) {
      const vorige = s[i - 1];
      if (vorige.geldigTot === null || vorige.geldigTot >= s[i].geldigVan) f.add(`product ${code}: validity periods overlap (${vorige.geldigVan} and ${s[i].geldigVan})`);
    }
  }
  if (c.bestedingsruimtes.length > 0) {
    if (!c.artikelen.includes('1.5')) f.add('a bestedingsruimte needs optional article 1.5 in artikelen');
    if (c.uitvoeringsvariant === 'taakgericht') f.add('a taakgericht contract has no bestedingsruimte (art. 1.5.1/1.5.2)');
  }
  const gezien = new Set<string>();
  for (const b of c.bestedingsruimtes) {
    const k = `${b.van}/${b.versie}`;
    if (gezien.has(k)) f.add(`bestedingsruimte ${b.van}: version ${b.versie} given twice`);
    gezien.add(k);
  }
}

/** A whole contract from JSON (POST /api/contracten). */
export function valideerContract(raw: unknown): { contract: ContractInvoer; fouten: string[] } {
  const f = new Fouten();
  const o = object(raw);
  if (!o) return { contract: null as unknown as ContractInvoer, fouten: ['the body must be a JSON object'] };
  const kop = valideerKop(o, f);
  const lijst = (veld: string): Obj[] => {
    const v = o[veld] ?? [];
    if (!Array.isArray(v)) {
      f.add(`${veld} must be a list`);
      return [];
    }
    return v.map((x, i) => {
      const xo = object(x);
      if (!xo) f.add(`${veld}[${i}] must be an object`);
      return xo ?? {};
    });
  };
  const producten = lijst('producten').map((p, i) => {
    const pf = new Fouten();
    const r = valideerProduct(p, pf);
    pf.lijst.forEach((m) => f.add(`producten[${i}].${m}`));
    return r;
  });
  const bestedingsruimtes = lijst('bestedingsruimtes').map((b, i) => {
    const bf = new Fouten();
    const r = valideerBestedingsruimte(b, bf);
    bf.lijst.forEach((m) => f.add(`bestedingsruimtes[${i}].${m}`));
    return r;
  });
  const contract: ContractInvoer = { ...kop, producten, bestedingsruimtes };
  if (f.lijst.length === 0) valideerSamenhang(contract, f);
  return { contract, fouten: f.lijst };
}
