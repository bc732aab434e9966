import type { Domein, Omvang, Product } from '../../istandaarden';

/**
 * What the rules across berichten (controleniveau 3/4) read from the register, per wettelijk
 * domein (never shared between 'wmo' and 'jeugd'). Plain data; the service backs it with its
 * tables, the tests with InMemoryRegister.
 */

/** One version of a toewijzing as the gemeente sent it in a 301 (IV013: versions by Toewijzingsdatum + Toewijzingstijd). */
export interface ToewijzingVersie {
  /** CBS code of the gemeente that assigned it (the 301's Afzender). */
  gemeente: string;
  /** Normalised (no leading zeros), see normaliseerNummer. */
  toewijzingNummer: string;
  /** AGB of the aanbieder it was assigned to (the 301's Ontvanger). */
  aanbieder: string;
  bsn: string;
  referentieAanbieder: string | null;
  product: Product | null;
  toewijzingsdatum: string;
  toewijzingstijd: string;
  ingangsdatum: string;
  einddatum: string | null;
  redenWijziging: string | null;
  omvang: Omvang | null;
  budgetCenten: number | null;
}

/** A client at an aanbieder, as seen by one gemeente. */
export interface ClientBijAanbieder {
  gemeente: string;
  aanbieder: string;
  bsn: string;
}

/**
 * Where start/stop keys live. With a ToewijzingNummer the key space is (domein, gemeente,
 * ToewijzingNummer); without one (taakgericht, IV096) it is (domein, gemeente, aanbieder, bsn).
 */
export interface LeveringScope extends ClientBijAanbieder {
  toewijzingNummer: string | null;
}

/** A start (305) or stop (307) delivery with its IV008 logical key. */
export interface Levering extends LeveringScope {
  soort: 'start' | 'stop';
  /** IV008: start = (ToewijzingNummer, Product, Begindatum); stop = that + (RedenBeeindiging, Einddatum). */
  sleutel: string;
  /** The key of the start this delivery belongs to; for a start its own key. */
  startSleutel: string;
  product: Product | null;
  toewijzingIngangsdatum: string | null;
  begindatum: string;
  redenBeeindiging: string | null;
  einddatum: string | null;
  /** 'verwijderd' after an approved StatusAanlevering 3 with the same key. */
  status: 'actueel' | 'verwijderd';
}

/**
 * A verzoek (315 per AangevraagdProduct, 317 per Verzoek) by its ReferentieAanbieder. Open from
 * its clean retour until a 319 'afgewezen' or a 301 with that ReferentieAanbieder (OP350).
 */
export interface VerzoekStand extends ClientBijAanbieder {
  referentieAanbieder: string;
  berichtNummer: '315' | '317';
  status: 'open' | 'afgewezen' | 'toegewezen';
  /** A 319 with VerzoekAntwoord 2 (in onderzoek) was sent (TR360). */
  inOnderzoek: boolean;
}

/** The TR056 key of a bericht; the Dagtekening is not part of it. */
export interface BerichtSleutel {
  berichtCode: string;
  afzender: string;
  identificatie: string;
}

export interface RegisterLezer {
  /**
   * Optional hint: what the rules of one bericht are about to ask (its TR056 key, the toewijzingen
   * it names), read at once. Answers never change by it; a register may ignore it.
   */
  voorlaad?(domein: Domein, vragen: RegisterVoorlading): Promise<void>;
  /** The actual (latest, IV013) version of a toewijzing, whoever it was assigned to; null when unknown. */
  toewijzing(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<ToewijzingVersie | null>;
  /** The actual version of every toewijzing of this client at this aanbieder, deleted and ended ones included. */
  toewijzingenVanClient(domein: Domein, client: ClientBijAanbieder): Promise<ToewijzingVersie[]>;
  /** Every start and stop (actual and deleted) in this key space, in arrival order. */
  leveringen(domein: Domein, scope: LeveringScope): Promise<Levering[]>;
  /** The verzoek with this ReferentieAanbieder of this aanbieder (TR347 key), any gemeente. */
  verzoek(domein: Domein, aanbieder: string, referentieAanbieder: string): Promise<VerzoekStand | null>;
  /** True when this client has an open verzoek at this gemeente from this aanbieder (TR374). */
  heeftOpenVerzoek(domein: Domein, client: ClientBijAanbieder): Promise<boolean>;
  /** True when an approved bericht with this TR056 key was registered. */
  berichtBekend(domein: Domein, sleutel: BerichtSleutel): Promise<boolean>;
  /**
   * Number of approved, not credited prestaties on this toewijzing (TR385). Optional: the
   * declaratie work fills it; until then the rules treat it as none.
   */
  goedgekeurdeOngecrediteerdePrestaties?(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<number>;
}

/** LDT_Nummer is an xs:integer: '000300201' and '300201' are the same ToewijzingNummer. */
export function normaliseerNummer(nummer: string): string {
  const n = nummer.trim().replace(/^\+/, '').replace(/^0+(?=\d)/, '');
  return n;
}

export function productGelijk(a: Product | null, b: Product | null): boolean {
  return (a?.categorie ?? null) === (b?.categorie ?? null) && (a?.code ?? null) === (b?.code ?? null);
}

interface StartVelden {
  toewijzingNummer: string | null;
  product: Product | null;
  begindatum: string;
}

/** IV008 key of a StartProduct, and of the start a StopProduct refers to. */
export function startSleutel(p: StartVelden): string {
  const nummer = p.toewijzingNummer === null ? '' : normaliseerNummer(p.toewijzingNummer);
  return JSON.stringify([nummer, p.product?.categorie ?? '', p.product?.code ?? '', p.begindatum]);
}

/** IV008 key of a StopProduct. */
export function stopSleutel(p: StartVelden & { redenBeeindiging: string; einddatum: string }): string {
  return JSON.stringify([startSleutel(p), p.redenBeeindiging, p.einddatum]);
}

/** Deleted: Einddatum = Ingangsdatum with RedenWijziging 13 (or the old 01), OP087/CS336. */
export function isVerwijderd(t: ToewijzingVersie): boolean {
  return (t.redenWijziging === '13' || t.redenWijziging === '01') && t.einddatum === t.ingangsdatum;
}

/** Actual on a date: not deleted and its Einddatum not passed (OP087). */
export function isActueel(t: ToewijzingVersie, peildatum: string): boolean {
  return !isVerwijderd(t) && (t.einddatum === null || t.einddatum >= peildatum);
}

/** IV013: the latest decision wins; a resend keeps Toewijzingsdatum and -tijd. */
export function isLater(a: ToewijzingVersie, b: ToewijzingVersie): boolean {
  return a.toewijzingsdatum !== b.toewijzingsdatum ? a.toewijzingsdatum > b.toewijzingsdatum : a.toewijzingstijd > b.toewijzingstijd;
}

/** What a register may read ahead for one bericht (RegisterLezer.voorlaad). */
export interface RegisterVoorlading {
  bericht: BerichtSleutel;
  /** Toewijzingen of one gemeente, by ToewijzingNummer. */
  toewijzingen: { gemeente: string; nummers: readonly string[] } | null;
}
