import type { ContractTarief } from '../../contracten/contracten.port';
import type { Declaratie, DeclaratieClient, Domein, Prestatie } from '../../istandaarden';
import type { ToewijzingVersie } from '../regels';
import {
  debetSleutel, nummerVan, regel0611TariefWijktAf, regel8017CreditZonderGoedgekeurdDebet, regel8021ReferentieNummerHergebruikt, regel8187BsnNietVanToewijzing,
  regel9307VoorIngangsdatum, regel9308NaEinddatum, regel9319PeriodeNaDeclaratiePeriode, regel9321BovenPeriodeMaximum, regel9322BovenToewijzingMaximum,
  regel9338GeenToewijzing, regel9339CategorieWijktAf, regel9340CodeWijktAf, regel9341EenheidPastNiet, regel9346BedragKloptNiet, regel9369BovenBudget,
  regel9384ToewijzingVerwijderd, regel9387BeginNietEersteDag, regel9388EindNietLaatsteDag, regel9389DebetNietGecrediteerd, regel9390AlGecrediteerd,
  volumeInBasis, type BekendePrestatie,
} from './declaratie.regels';

/** Running totals of approved debits minus their credits on one toewijzing (TR322, TR369). */
export interface Teller {
  volumeBasis: number;
  bedragCenten: number;
}

/** What the register holds for this declaratie, loaded in bulk before judging (O(1) per prestatie after). */
export interface DeclaratieStand {
  /** Actual versions by normalised ToewijzingNummer (this gemeente). */
  toewijzingen: ReadonlyMap<string, ToewijzingVersie>;
  /** Earlier prestaties of this aanbieder by ReferentieNummer: the message's RNs and VorigReferentieNummers. */
  prestaties: Map<string, BekendePrestatie>;
  /** TR389 keys with an approved, not credited debit. */
  openDebetSleutels: Set<string>;
  /** Row-locked counters by normalised ToewijzingNummer (missing = zero). */
  tellers: Map<string, Teller>;
}

export interface DeclaratieInvoer {
  domein: Domein;
  aanbieder: string;
  declaratie: Declaratie;
  /** Contract tarief by contractSleutel(productCode, ProductPeriode begin), fetched before judging. */
  tarieven: ReadonlyMap<string, ContractTarief | null>;
}

/** A prestatie row for client_register_prestatie. */
export interface NieuwePrestatie {
  referentienummer: string;
  vorigReferentienummer: string | null;
  toewijzingNummer: string;
  bsn: string;
  productCategorie: string;
  productCode: string;
  periodeBegin: string;
  periodeEind: string;
  volume: number;
  eenheid: string;
  volumeBasis: number;
  /** Signed eurocents (credit negative). */
  bedragCenten: number;
  debetCredit: 'D' | 'C';
  status: 'goedgekeurd' | 'afgewezen';
  contractId: string | null;
}

export interface Boeking {
  contractId: string;
  datum: string;
  centen: number;
}

export interface DeclaratieBeoordeling {
  /** Rejected prestaties by [client index, prestatie index] with their codes (empty = only through a Client code, 0233). */
  afgewezen: Array<{ client: number; prestatie: number; codes: string[] }>;
  clientCodes: Map<number, string[]>;
  nieuwePrestaties: NieuwePrestatie[];
  /** ReferentieNummers of debits credited by this declaratie. */
  gecrediteerd: string[];
  /** Final values of the counters that changed. */
  tellers: Map<string, Teller>;
  /** Approved amounts per contract and date, signed, for the bestedingsruimte. */
  boekingen: Boeking[];
  /** Per retourcode: number of prestaties and Σ IngediendBedrag (signed). */
  perCode: Map<string, { aantal: number; centen: number }>;
}

/** The debit prestaties of one answered 323: approved and rejected, by count and by amount (positive eurocents). */
export interface DebetTotalen {
  goedgekeurd: number;
  afgewezen: number;
  goedgekeurdCenten: number;
  afgewezenCenten: number;
}

export const GEEN_DEBETTOTALEN: Readonly<DebetTotalen> = Object.freeze({ goedgekeurd: 0, afgewezen: 0, goedgekeurdCenten: 0, afgewezenCenten: 0 });

/**
 * What the monthly uitval figure (HR §16) counts of a judged declaratie: its debit prestaties,
 * approved (the rows stored as goedgekeurd) and rejected (every rejected one, also a reused
 * ReferentieNummer, 8021, which cannot be stored as a row of its own).
 */
export function debetTotalen(declaratie: Declaratie, b: Pick<DeclaratieBeoordeling, 'nieuwePrestaties' | 'afgewezen'>): DebetTotalen {
  const t = { ...GEEN_DEBETTOTALEN };
  for (const r of b.nieuwePrestaties) {
    if (r.debetCredit !== 'D' || r.status !== 'goedgekeurd') continue;
    t.goedgekeurd += 1;
    t.goedgekeurdCenten += Math.abs(r.bedragCenten);
  }
  for (const a of b.afgewezen) {
    const p = declaratie.clienten[a.client].prestaties[a.prestatie];
    if (p.ingediendBedrag.debetCredit !== 'D') continue;
    t.afgewezen += 1;
    t.afgewezenCenten += p.ingediendBedrag.centen;
  }
  return t;
}

export function contractSleutel(productCode: string, datum: string): string {
  return `${productCode}|${datum}`;
}

const NUL_TELLER: Teller = Object.freeze({ volumeBasis: 0, bedragCenten: 0 });

const gesigneerd = (p: Prestatie): number => (p.ingediendBedrag.debetCredit === 'C' ? -p.ingediendBedrag.centen : p.ingediendBedrag.centen);

/**
 * Judges every prestatie of a declaratie that passed the Declaratie-class rules (istandaarden-3.2.md
 * §5.4): Client codes (8187) first, then all credits (OP366; only rejected for technical reasons,
 * IV085), then the debits. Mutates `stand` as approved prestaties would change the register, so later
 * prestaties in the same message see earlier ones (TR314, TR322, TR369, TR389, TR390).
 */
export function beoordeelPrestaties(invoer: DeclaratieInvoer, stand: DeclaratieStand): DeclaratieBeoordeling {
  const stappen = beoordeelPrestatiesStapsgewijs(invoer, stand);
  for (;;) {
    const r = stappen.next();
    if (r.done) return r.value;
  }
}

/** Prestaties judged between two yields of beoordeelPrestatiesStapsgewijs. */
const PRESTATIES_PER_STAP = 2000;

/**
 * beoordeelPrestaties in steps: every `perStap` prestaties it yields the rows judged since the
 * previous yield (final: a row's status never changes afterwards), so a caller can store them while
 * the rest is judged; it returns the whole judgement, whose nieuwePrestaties holds every row.
 */
export function* beoordeelPrestatiesStapsgewijs(
  invoer: DeclaratieInvoer,
  stand: DeclaratieStand,
  perStap = PRESTATIES_PER_STAP,
): Generator<readonly NieuwePrestatie[], DeclaratieBeoordeling, void> {
  const { declaratie, aanbieder, domein } = invoer;
  const uit: DeclaratieBeoordeling = { afgewezen: [], clientCodes: new Map(), nieuwePrestaties: [], gecrediteerd: [], tellers: new Map(), boekingen: [], perCode: new Map() };
  const boekingen = new Map<string, Boeking>();
  const gezien = new Set<string>();
  const toewijzing = (nummer: string) => stand.toewijzingen.get(nummer) ?? null;
  // By code, then date: no key string to build per prestatie.
  const perCode = new Map<string, Map<string, ContractTarief | null>>();
  for (const [k, t] of invoer.tarieven) {
    const i = k.lastIndexOf('|');
    const code = k.slice(0, i);
    const m = perCode.get(code) ?? new Map<string, ContractTarief | null>();
    m.set(k.slice(i + 1), t);
    perCode.set(code, m);
  }
  const tarief = (p: Prestatie) => perCode.get(p.productCode)?.get(p.productPeriode.begindatum) ?? null;
  const teller = (nummer: string): Teller => uit.tellers.get(nummer) ?? stand.tellers.get(nummer) ?? NUL_TELLER;
  const boek = (contractId: string | null, datum: string, centen: number) => {
    if (contractId === null || centen === 0) return;
    const k = `${contractId}|${datum}`;
    const b = boekingen.get(k) ?? { contractId, datum, centen: 0 };
    b.centen += centen;
    boekingen.set(k, b);
  };

  // TR304 → 8187 on the Client: all its prestaties return (0233 unless they carry a code of their own).
  declaratie.clienten.forEach((c, ci) => {
    if (c.prestaties.some((p) => regel8187BsnNietVanToewijzing(c.bsn, toewijzing(nummerVan(p.toewijzingNummer)), aanbieder))) uit.clientCodes.set(ci, ['8187']);
  });

  const rij = (c: { bsn: string }, p: Prestatie, status: NieuwePrestatie['status'], volumeBasis: number, contractId: string | null): NieuwePrestatie => ({
    referentienummer: p.referentieNummer, vorigReferentienummer: p.vorigReferentieNummer, toewijzingNummer: nummerVan(p.toewijzingNummer), bsn: c.bsn,
    productCategorie: p.productCategorie, productCode: p.productCode, periodeBegin: p.productPeriode.begindatum, periodeEind: p.productPeriode.einddatum,
    volume: p.geleverdVolume, eenheid: p.eenheid, volumeBasis, bedragCenten: gesigneerd(p), debetCredit: p.ingediendBedrag.debetCredit, status, contractId,
  });

  const afwijzen = (ci: number, pi: number, c: { bsn: string }, p: Prestatie, codes: string[], dubbel: boolean) => {
    uit.afgewezen.push({ client: ci, prestatie: pi, codes });
    for (const code of codes.length > 0 ? codes : (uit.clientCodes.get(ci) ?? [])) {
      const s = uit.perCode.get(code) ?? { aantal: 0, centen: 0 };
      s.aantal += 1;
      s.centen += gesigneerd(p);
      uit.perCode.set(code, s);
    }
    // A reused ReferentieNummer cannot be stored again; every other rejection is kept (TR323: "a rejected debit").
    if (!dubbel) uit.nieuwePrestaties.push(rij(c, p, 'afgewezen', p.geleverdVolume, tarief(p)?.contractId ?? null));
  };

  const beoordeel = (ci: number, pi: number, c: DeclaratieClient, p: Prestatie): void => {
    const codes: string[] = [];
    const dubbel = regel8021ReferentieNummerHergebruikt(p.referentieNummer, stand.prestaties.has(p.referentieNummer), gezien);
    if (dubbel) codes.push('8021');
    gezien.add(p.referentieNummer);
    if (uit.clientCodes.has(ci)) {
      afwijzen(ci, pi, c, p, codes, dubbel);
      return;
    }

    if (p.ingediendBedrag.debetCredit === 'C') {
      const debet = p.vorigReferentieNummer === null ? undefined : stand.prestaties.get(p.vorigReferentieNummer);
      if (regel9390AlGecrediteerd(p, debet)) codes.push('9390');
      else if (regel8017CreditZonderGoedgekeurdDebet(p, debet)) codes.push('8017');
      if (codes.length > 0 || !debet) {
        afwijzen(ci, pi, c, p, codes, dubbel);
        return;
      }
      debet.status = 'gecrediteerd';
      stand.openDebetSleutels.delete(debet.sleutel);
      uit.gecrediteerd.push(debet.referentienummer);
      const t = teller(debet.toewijzingNummer);
      uit.tellers.set(debet.toewijzingNummer, { volumeBasis: t.volumeBasis - debet.volumeBasis, bedragCenten: t.bedragCenten - debet.bedragCenten });
      const contractId = debet.contractId ?? tarief(p)?.contractId ?? null;
      boek(contractId, p.productPeriode.begindatum, gesigneerd(p));
      uit.nieuwePrestaties.push(rij(c, p, 'goedgekeurd', debet.volumeBasis, contractId));
      return;
    }

    const nummer = nummerVan(p.toewijzingNummer);
    const tw = toewijzing(nummer);
    if (regel9338GeenToewijzing(tw, aanbieder) || tw === null) {
      codes.push('9338');
      afwijzen(ci, pi, c, p, codes, dubbel);
      return;
    }
    if (regel9384ToewijzingVerwijderd(tw)) {
      codes.push('9384');
      afwijzen(ci, pi, c, p, codes, dubbel);
      return;
    }
    const contract = tarief(p);
    const sleutel = debetSleutel(p);
    if (regel9389DebetNietGecrediteerd(p, stand.openDebetSleutels, sleutel)) codes.push('9389');
    if (regel9319PeriodeNaDeclaratiePeriode(p, declaratie.declaratiePeriode.einddatum)) codes.push('9319');
    if (regel9339CategorieWijktAf(p, tw)) codes.push('9339');
    if (regel9340CodeWijktAf(p, tw)) codes.push('9340');
    if (regel9307VoorIngangsdatum(p, tw)) codes.push('9307');
    if (regel9308NaEinddatum(p, tw)) codes.push('9308');
    if (regel9387BeginNietEersteDag(p, tw)) codes.push('9387');
    if (regel9388EindNietLaatsteDag(p, tw)) codes.push('9388');
    const eenheidFout = regel9341EenheidPastNiet(p, tw, contract);
    if (eenheidFout) codes.push('9341');
    const t = teller(nummer);
    if (!eenheidFout && regel9321BovenPeriodeMaximum(p, tw, domein)) codes.push('9321');
    if (!eenheidFout && regel9322BovenToewijzingMaximum(p, tw, t.volumeBasis)) codes.push('9322');
    if (regel9369BovenBudget(p, tw, t.bedragCenten)) codes.push('9369');
    if (regel9346BedragKloptNiet(p, contract)) codes.push('9346');
    if (regel0611TariefWijktAf(p, contract)) codes.push('0611');
    if (codes.length > 0) {
      afwijzen(ci, pi, c, p, codes, dubbel);
      return;
    }
    const vb = volumeInBasis(p, tw);
    uit.tellers.set(nummer, { volumeBasis: t.volumeBasis + vb, bedragCenten: t.bedragCenten + p.ingediendBedrag.centen });
    stand.openDebetSleutels.add(sleutel);
    boek(contract?.contractId ?? null, p.productPeriode.begindatum, gesigneerd(p));
    uit.nieuwePrestaties.push(rij(c, p, 'goedgekeurd', vb, contract?.contractId ?? null));
  };

  // Credits first, then debits, each in document order.
  let gemeld = 0;
  let sindsStap = 0;
  for (const soort of ['C', 'D'] as const) {
    for (let ci = 0; ci < declaratie.clienten.length; ci++) {
      const c = declaratie.clienten[ci];
      for (let pi = 0; pi < c.prestaties.length; pi++) {
        const p = c.prestaties[pi];
        if (p.ingediendBedrag.debetCredit !== soort) continue;
        beoordeel(ci, pi, c, p);
        if (++sindsStap === perStap) {
          sindsStap = 0;
          yield uit.nieuwePrestaties.slice(gemeld);
          gemeld = uit.nieuwePrestaties.length;
        }
      }
    }
  }
  if (gemeld < uit.nieuwePrestaties.length) yield uit.nieuwePrestaties.slice(gemeld);
  uit.boekingen = [...boekingen.values()];
  return uit;
}
