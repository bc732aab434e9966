/**
 * Typed views of the berichten the gateway acts on. Money is integer eurocents, dates are ISO
 * dates without time zone (as in the standard). Client data (BSN, names) stays in these objects
 * and the register tables only; signals and logs take figures, never these objects whole.
 */

export interface BerichtIdentificatie {
  identificatie: string;
  dagtekening: string;
}

export interface Header {
  berichtCode: string;
  berichtVersie: string;
  berichtSubversie: string;
  afzender: string;
  ontvanger: string;
  berichtIdentificatie: BerichtIdentificatie;
  xsdVersie: { basisschema: string; bericht: string };
  /** Retourberichten and 325 only. */
  retourCodes: string[];
}

export interface Product {
  categorie: string | null;
  code: string | null;
}

export interface Omvang {
  volume: number;
  eenheid: string;
  frequentie: string;
}

export interface Bedrag {
  /** Integer eurocents, always >= 0; the sign is in debetCredit. */
  centen: number;
  debetCredit: 'D' | 'C';
}

export interface ToegewezenProduct {
  toewijzingNummer: string;
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

export interface StartProduct {
  toewijzingNummer: string | null;
  product: Product | null;
  toewijzingIngangsdatum: string | null;
  begindatum: string;
  statusAanlevering: string;
}

export interface StopProduct extends StartProduct {
  redenBeeindiging: string;
  einddatum: string;
}

export interface AangevraagdProduct {
  referentieAanbieder: string;
  product: Product | null;
  toewijzingIngangsdatum: string;
  toewijzingEinddatum: string | null;
  omvang: Omvang | null;
  budgetCenten: number | null;
}

export interface Verzoek {
  referentieAanbieder: string;
  redenVerzoek: string;
  ongewijzigd: string[];
  teWijzigen: Array<{ toewijzingNummer: string; gewensteIngangsdatum: string; einddatum: string | null; omvang: Omvang | null; budgetCenten: number | null }>;
  nieuw: Array<{ product: Product | null; gewensteIngangsdatum: string; einddatum: string | null; omvang: Omvang | null; budgetCenten: number | null }>;
}

export interface Antwoord {
  referentieAanbieder: string;
  verzoekAntwoord: string;
  redenAfwijzingVerzoek: string | null;
  woonplaatsbeginselGemeente: string | null;
}

export interface Prestatie {
  referentieNummer: string;
  vorigReferentieNummer: string | null;
  toewijzingNummer: string;
  productCategorie: string;
  productCode: string;
  productPeriode: { begindatum: string; einddatum: string };
  geleverdVolume: number;
  eenheid: string;
  productTariefCenten: number | null;
  ingediendBedrag: Bedrag;
}

export interface DeclaratieClient {
  bsn: string;
  prestaties: Prestatie[];
}

export interface Declaratie {
  declaratieNummer: string;
  declaratiePeriode: { begindatum: string; einddatum: string };
  declaratieDagtekening: string;
  totaalIngediendBedrag: Bedrag;
  clienten: DeclaratieClient[];
}

/** Client/Geboortedatum (LDT_GeboorteDatum): DatumGebruik 1/2/3 says which part of Datum is unknown (COD170). */
export interface Geboortedatum {
  datum: string;
  datumGebruik: string | null;
}

/** The body of a bericht, by message number. Retourberichten carry the heenbericht's body. */
export type BerichtInhoud =
  | { nummer: '301' | '302'; bsn: string; geboortedatum: Geboortedatum | null; toegewezenProducten: ToegewezenProduct[] }
  | { nummer: '305' | '306'; bsn: string | null; startProducten: StartProduct[] }
  | { nummer: '307' | '308'; bsn: string | null; stopProducten: StopProduct[] }
  | { nummer: '315' | '316'; bsn: string | null; aangevraagdeProducten: AangevraagdProduct[] }
  | { nummer: '317' | '318'; bsn: string | null; verzoek: Verzoek | null }
  | { nummer: '319' | '320'; antwoord: Antwoord | null }
  | { nummer: '323'; declaratie: Declaratie }
  | { nummer: '325'; declaratieNummer: string | null };

export interface GetypeerdBericht {
  header: Header;
  inhoud: BerichtInhoud;
}
