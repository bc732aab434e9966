import type { ContractTarief } from '../../contracten/contracten.port';
import type { Domein, Prestatie } from '../../istandaarden';
import { isVerwijderd, normaliseerNummer, type ToewijzingVersie } from '../regels';
import {
  dagen, deelAfgerond, eersteVanMaand, isoWekenGeraakt, isZondag, laatsteVanMaand, laatsteZondagTot, maandenGeraakt, maxDatum, minDatum, zondagen,
} from './datum.util';

/**
 * The level 3/4 rules on a declaratie (323), one pure function per retourcode
 * (istandaarden-3.2.md §5.4, §6). Each returns true when the rule is broken. Integer maths only.
 */

/** What the register knows of an earlier prestatie (by its ReferentieNummer). */
export interface BekendePrestatie {
  referentienummer: string;
  debetCredit: 'D' | 'C';
  status: 'goedgekeurd' | 'afgewezen' | 'gecrediteerd';
  toewijzingNummer: string;
  /** TR389 key: toewijzing + ProductPeriode + categorie + code. */
  sleutel: string;
  /** Volume in the counter's base unit (minutes for an hours toewijzing), unsigned. */
  volumeBasis: number;
  /** Unsigned eurocents. */
  bedragCenten: number;
  contractId: string | null;
}

/** Which rule assigns each retourcode (WJ001, §4.4). */
export const REGEL_VAN_CODE: Readonly<Record<string, string>> = {
  '9333': 'TR333', '8214': 'TR318', '8187': 'TR304', '8021': 'TR314', '8017': 'TR323', '9389': 'TR389', '9390': 'TR390',
  '9319': 'TR319', '9338': 'TR338', '9384': 'TR384', '9339': 'TR339', '9340': 'TR340', '9341': 'TR341', '9307': 'TR307',
  '9308': 'TR308', '9387': 'TR387', '9388': 'TR388', '9321': 'TR321', '9322': 'TR322', '9369': 'TR369', '9346': 'TR346',
  '0611': 'TR418',
};

// ---- Declaratie class -------------------------------------------------------------------------

/** TR333 → 9333: DeclaratieNummer already used by this aanbieder in this domain (a declaratie that counted). */
export function regel9333DeclaratieNummerNietUniek(declaratieNummer: string, eerdereNummers: ReadonlySet<string>): boolean {
  return eerdereNummers.has(declaratieNummer);
}

/**
 * TR318 → 8214 (interpretation, §5.4): rejected when the DeclaratiePeriode lies before the last
 * period this aanbieder submitted; the same period again or a later one (gaps allowed) is fine.
 */
export function regel8214PeriodeVoorLaatste(periodeBegin: string, laatstePeriodeBegin: string | null): boolean {
  return laatstePeriodeBegin !== null && periodeBegin < laatstePeriodeBegin;
}

// ---- Client class -----------------------------------------------------------------------------

/** TR304 → 8187: the toewijzing (of this aanbieder) belongs to another BSN than the Client's. */
export function regel8187BsnNietVanToewijzing(bsn: string, t: ToewijzingVersie | null, aanbieder: string): boolean {
  return t !== null && t.aanbieder === aanbieder && t.bsn !== bsn;
}

// ---- Prestatie class --------------------------------------------------------------------------

/** TR314 → 8021: ReferentieNummer delivered before, in an earlier 323 or earlier in this one. */
export function regel8021ReferentieNummerHergebruikt(rn: string, inRegister: boolean, eerderInBericht: ReadonlySet<string>): boolean {
  return inRegister || eerderInBericht.has(rn);
}

/** TR323 → 8017: a credit that refers to no earlier approved debit (unknown, rejected, or itself a credit). */
export function regel8017CreditZonderGoedgekeurdDebet(p: Prestatie, debet: BekendePrestatie | undefined): boolean {
  if (p.ingediendBedrag.debetCredit !== 'C') return false;
  if (p.vorigReferentieNummer === null || !debet) return true;
  return debet.debetCredit !== 'D' || debet.status === 'afgewezen';
}

/** TR390 → 9390: the debit was credited already (OP360: one credit per debit). */
export function regel9390AlGecrediteerd(p: Prestatie, debet: BekendePrestatie | undefined): boolean {
  return p.ingediendBedrag.debetCredit === 'C' && debet?.status === 'gecrediteerd';
}

/** TR389 → 9389: a new debit while an approved debit with the same key is not credited. */
export function regel9389DebetNietGecrediteerd(p: Prestatie, openDebetSleutels: ReadonlySet<string>, sleutel = debetSleutel(p)): boolean {
  return p.ingediendBedrag.debetCredit === 'D' && openDebetSleutels.has(sleutel);
}

/** TR319 → 9319: ProductPeriode not in the current or an earlier DeclaratiePeriode. */
export function regel9319PeriodeNaDeclaratiePeriode(p: Prestatie, declaratiePeriodeEind: string): boolean {
  return p.productPeriode.begindatum > declaratiePeriodeEind;
}

/** TR338 → 9338: no toegewezen product with this number for this aanbieder (interpretation: another AGB's is "none"). */
export function regel9338GeenToewijzing(t: ToewijzingVersie | null, aanbieder: string): boolean {
  return t === null || t.aanbieder !== aanbieder;
}

/** TR384 → 9384: the toewijzing was deleted (RedenWijziging 13). */
export function regel9384ToewijzingVerwijderd(t: ToewijzingVersie): boolean {
  return isVerwijderd(t);
}

/** TR339 → 9339: ProductCategorie differs from the toewijzing's (when filled there). */
export function regel9339CategorieWijktAf(p: Prestatie, t: ToewijzingVersie): boolean {
  const c = t.product?.categorie ?? null;
  return c !== null && c !== p.productCategorie;
}

/** TR340 → 9340: ProductCode differs from the toewijzing's (when filled there). */
export function regel9340CodeWijktAf(p: Prestatie, t: ToewijzingVersie): boolean {
  const c = t.product?.code ?? null;
  return c !== null && c !== p.productCode;
}

/** TR307 → 9307: ProductPeriode begins before the toewijzing's Ingangsdatum. */
export function regel9307VoorIngangsdatum(p: Prestatie, t: ToewijzingVersie): boolean {
  return p.productPeriode.begindatum < t.ingangsdatum;
}

/** TR308 → 9308: ProductPeriode ends after the toewijzing's Einddatum. */
export function regel9308NaEinddatum(p: Prestatie, t: ToewijzingVersie): boolean {
  return t.einddatum !== null && p.productPeriode.einddatum > t.einddatum;
}

/** TR387 → 9387: ProductPeriode does not begin on the 1st, or on the Ingangsdatum when that is later in the same month. */
export function regel9387BeginNietEersteDag(p: Prestatie, t: ToewijzingVersie): boolean {
  const begin = p.productPeriode.begindatum;
  const eerste = eersteVanMaand(begin);
  const verwacht = t.ingangsdatum.slice(0, 7) === begin.slice(0, 7) ? maxDatum(eerste, t.ingangsdatum) : eerste;
  return begin !== verwacht;
}

/** TR388 → 9388: ProductPeriode does not end on the last day, or on the Einddatum when that is earlier in the same month. */
export function regel9388EindNietLaatsteDag(p: Prestatie, t: ToewijzingVersie): boolean {
  const eind = p.productPeriode.einddatum;
  const laatste = laatsteVanMaand(eind);
  const verwacht = t.einddatum !== null && t.einddatum.slice(0, 7) === eind.slice(0, 7) ? minDatum(laatste, t.einddatum) : laatste;
  return eind !== verwacht;
}

/**
 * TR341 → 9341: Eenheid differs from the toewijzing's (uur may be declared in minuut); without
 * an Omvang (aspecifiek, generiek) from the contract's unit. No contract: 0611 says it.
 */
export function regel9341EenheidPastNiet(p: Prestatie, t: ToewijzingVersie, contract: ContractTarief | null): boolean {
  const verwacht = t.omvang?.eenheid ?? contract?.eenheid ?? null;
  return verwacht !== null && !eenheidPast(p.eenheid, verwacht);
}

/** TR321 → 9321: GeleverdVolume above the maximum for its ProductPeriode (§6.2). */
export function regel9321BovenPeriodeMaximum(p: Prestatie, t: ToewijzingVersie, domein: Domein): boolean {
  const max = maxPerPeriode(t, domein, p.productPeriode);
  return max !== null && volumeInBasis(p, t) > max;
}

/** TR322 → 9322: Σ approved volume on the toewijzing (debits − credits, this one included) above the toewijzing maximum. */
export function regel9322BovenToewijzingMaximum(p: Prestatie, t: ToewijzingVersie, totaalVoorheen: number): boolean {
  const max = maxOverToewijzing(t);
  return max !== null && totaalVoorheen + volumeInBasis(p, t) > max;
}

/**
 * TR369 → 9369: Σ over the toewijzing above its Budget. ⚠ (interpretation, §6.2) counted in
 * IngediendBedrag (eurocents) for every unit, which equals GeleverdVolume for Eenheid 83.
 */
export function regel9369BovenBudget(p: Prestatie, t: ToewijzingVersie, bedragVoorheen: number): boolean {
  return t.budgetCenten !== null && bedragVoorheen + p.ingediendBedrag.centen > t.budgetCenten;
}

/** TR346 → 9346: IngediendBedrag ≠ GeleverdVolume × ProductTarief (Eenheid ≠ 83), minute rule of IV081 (§6.4). */
export function regel9346BedragKloptNiet(p: Prestatie, contract: ContractTarief | null): boolean {
  if (p.eenheid === '83' || p.productTariefCenten === null) return false;
  return BigInt(p.ingediendBedrag.centen) !== verwachtBedrag(p, contract);
}

/**
 * TR418 → 0611: ProductTarief ≠ the contractual tarief valid on the ProductPeriode (uurtarief / 60
 * rounded half-up for minutes); no contractual tarief for the code at all is 0611 too (§8, generiek).
 */
export function regel0611TariefWijktAf(p: Prestatie, contract: ContractTarief | null): boolean {
  if (contract === null) return true;
  if (p.productTariefCenten === null) return false;
  return p.productTariefCenten !== contractueelTarief(p, contract);
}

// ---- helpers ----------------------------------------------------------------------------------

/** Same unit, or hours assigned and minutes declared (TR341). */
export function eenheidPast(gedeclareerd: string, toegewezen: string): boolean {
  return gedeclareerd === toegewezen || (toegewezen === '04' && gedeclareerd === '01');
}

/** True for a contract tarief per uur while the prestatie is in minuten (IV081). */
function minutenOpUurtarief(p: Prestatie, contract: ContractTarief | null): boolean {
  return contract !== null && contract.eenheid === '04' && p.eenheid === '01';
}

export function contractueelTarief(p: Prestatie, contract: ContractTarief): number {
  return minutenOpUurtarief(p, contract) ? Number(deelAfgerond(BigInt(contract.tariefCenten), 60n)) : contract.tariefCenten;
}

export function verwachtBedrag(p: Prestatie, contract: ContractTarief | null): bigint {
  if (contract !== null && minutenOpUurtarief(p, contract)) return deelAfgerond(BigInt(contract.tariefCenten) * BigInt(p.geleverdVolume), 60n);
  return BigInt(p.geleverdVolume) * BigInt(p.productTariefCenten ?? 0);
}

/** The counter's base unit: minutes for an hours toewijzing (so minutes and hours add up), else the unit itself. */
export function volumeInBasis(p: Pick<Prestatie, 'eenheid' | 'geleverdVolume'>, t: ToewijzingVersie): number {
  return t.omvang?.eenheid === '04' && p.eenheid === '04' ? p.geleverdVolume * 60 : p.geleverdVolume;
}

function basisFactor(t: ToewijzingVersie): number {
  return t.omvang?.eenheid === '04' ? 60 : 1;
}

function outputgericht(t: ToewijzingVersie): boolean {
  return t.omvang?.eenheid === '82' || t.omvang?.eenheid === '83';
}

/** TR321 maximum (in base units) for a ProductPeriode, §6.2; null when the toewijzing has no Omvang. */
export function maxPerPeriode(t: ToewijzingVersie, domein: Domein, periode: { begindatum: string; einddatum: string }): number | null {
  const o = t.omvang;
  if (!o) return null;
  const v = o.volume * basisFactor(t);
  const van = maxDatum(periode.begindatum, t.ingangsdatum);
  const tot = minDatum(periode.einddatum, t.einddatum);
  switch (o.frequentie) {
    case '6':
      return v;
    case '4':
      return v;
    case '1':
      return dagen(van, tot) * v;
    case '2': {
      if (domein === 'wmo' && t.product?.categorie === '01' && !outputgericht(t)) return 6 * v;
      if (!outputgericht(t)) return isoWekenGeraakt(van, tot) * v;
      let n = zondagen(van, tot);
      if (t.einddatum !== null && !isZondag(t.einddatum)) {
        const z = laatsteZondagTot(t.einddatum);
        if (z >= van && z <= tot) n += 1;
      }
      return n * v;
    }
    default:
      return null;
  }
}

/** TR322 maximum (in base units) over the whole toewijzing, §6.2; null when unbounded (no Einddatum) or no Omvang. */
export function maxOverToewijzing(t: ToewijzingVersie): number | null {
  const o = t.omvang;
  if (!o) return null;
  const v = o.volume * basisFactor(t);
  if (o.frequentie === '6') return v;
  if (t.einddatum === null) return null;
  const van = t.ingangsdatum;
  const tot = t.einddatum;
  switch (o.frequentie) {
    case '1':
      return dagen(van, tot) * v;
    case '2':
      // Outputgericht (interpretation): the sum of the per-period maxima = Sundays + 1 when the Einddatum is no Sunday.
      return (outputgericht(t) ? zondagen(van, tot) + (isZondag(tot) ? 0 : 1) : isoWekenGeraakt(van, tot)) * v;
    case '4':
      // Interpretation: V per month touched.
      return maandenGeraakt(van, tot) * v;
    default:
      return null;
  }
}

/** normaliseerNummer without its regular expressions for the usual number (1-9 first, a digit last: nothing to strip). */
export function nummerVan(toewijzingNummer: string): string {
  const eerste = toewijzingNummer.charCodeAt(0);
  const laatste = toewijzingNummer.charCodeAt(toewijzingNummer.length - 1);
  return eerste >= 49 && eerste <= 57 && laatste >= 48 && laatste <= 57 ? toewijzingNummer : normaliseerNummer(toewijzingNummer);
}

/**
 * TR389 key: ToewijzingNummer + ProductPeriode + ProductCategorie + ProductCode. Joined with NUL,
 * which neither XML nor PostgreSQL text can hold, so different tuples never share a key (as with
 * JSON.stringify, at a tenth of the cost: it is made for every debit of a declaratie).
 */
export function debetSleutel(p: Pick<Prestatie, 'toewijzingNummer' | 'productPeriode' | 'productCategorie' | 'productCode'>): string {
  const n = p.toewijzingNummer.charCodeAt(0) === 48 ? p.toewijzingNummer.replace(/^0+(?=\d)/, '') : p.toewijzingNummer;
  return `${n}\u0000${p.productPeriode.begindatum}\u0000${p.productPeriode.einddatum}\u0000${p.productCategorie}\u0000${p.productCode}`;
}
