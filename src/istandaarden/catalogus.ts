/**
 * The 28 berichten of iWmo 3.2 and iJw 3.2: name, BerichtCode, direction and which bericht answers it.
 * Source: istandaarden-3.2.md §2.1 and COD002 (the iWmo retour codes come from COD002, see its README).
 */

export type Standaard = 'iwmo' | 'ijw';
export type Domein = 'wmo' | 'jeugd';
/** The three-digit number shared by iWmo and iJw, e.g. '323'. */
export type BerichtNummer =
  | '301' | '302' | '305' | '306' | '307' | '308' | '315' | '316'
  | '317' | '318' | '319' | '320' | '323' | '325';
export type Richting = 'gemeente-naar-aanbieder' | 'aanbieder-naar-gemeente';

export interface BerichtDefinitie {
  /** e.g. 'WMO323' or 'JW323'; also the XSD file name without extension. */
  readonly naam: string;
  readonly standaard: Standaard;
  readonly domein: Domein;
  readonly nummer: BerichtNummer;
  readonly berichtCode: string;
  readonly omschrijving: string;
  readonly richting: Richting;
  /** Message namespace of the root element. */
  readonly namespace: string;
  /** Namespace of the shared composite types (basisschema). */
  readonly basisNamespace: string;
  /** The technical retour (302/306/...) or, for 323, the declaratie-antwoord 325. */
  readonly beantwoordDoor: string | null;
  /** True for 302/306/308/316/318/320: a copy of the heenbericht with RetourCodes. */
  readonly isRetour: boolean;
}

interface Soort {
  nummer: BerichtNummer;
  omschrijving: string;
  richting: Richting;
  antwoord: BerichtNummer | null;
  codeWmo: string;
  codeJw: string;
}

const SOORTEN: readonly Soort[] = [
  { nummer: '301', omschrijving: 'Toewijzing', richting: 'gemeente-naar-aanbieder', antwoord: '302', codeWmo: '414', codeJw: '436' },
  { nummer: '302', omschrijving: 'Retour toewijzing', richting: 'aanbieder-naar-gemeente', antwoord: null, codeWmo: '415', codeJw: '437' },
  { nummer: '305', omschrijving: 'Start zorg', richting: 'aanbieder-naar-gemeente', antwoord: '306', codeWmo: '418', codeJw: '438' },
  { nummer: '306', omschrijving: 'Retour start zorg', richting: 'gemeente-naar-aanbieder', antwoord: null, codeWmo: '419', codeJw: '439' },
  { nummer: '307', omschrijving: 'Stop zorg', richting: 'aanbieder-naar-gemeente', antwoord: '308', codeWmo: '420', codeJw: '440' },
  { nummer: '308', omschrijving: 'Retour stop zorg', richting: 'gemeente-naar-aanbieder', antwoord: null, codeWmo: '421', codeJw: '441' },
  { nummer: '315', omschrijving: 'Verzoek om toewijzing', richting: 'aanbieder-naar-gemeente', antwoord: '316', codeWmo: '444', codeJw: '446' },
  { nummer: '316', omschrijving: 'Retour verzoek om toewijzing', richting: 'gemeente-naar-aanbieder', antwoord: null, codeWmo: '445', codeJw: '447' },
  { nummer: '317', omschrijving: 'Verzoek om wijziging', richting: 'aanbieder-naar-gemeente', antwoord: '318', codeWmo: '480', codeJw: '486' },
  { nummer: '318', omschrijving: 'Retour verzoek om wijziging', richting: 'gemeente-naar-aanbieder', antwoord: null, codeWmo: '481', codeJw: '487' },
  { nummer: '319', omschrijving: 'Antwoordbericht', richting: 'gemeente-naar-aanbieder', antwoord: '320', codeWmo: '482', codeJw: '488' },
  { nummer: '320', omschrijving: 'Retour antwoordbericht', richting: 'aanbieder-naar-gemeente', antwoord: null, codeWmo: '483', codeJw: '489' },
  { nummer: '323', omschrijving: 'Declaratie', richting: 'aanbieder-naar-gemeente', antwoord: '325', codeWmo: '484', codeJw: '490' },
  { nummer: '325', omschrijving: 'Declaratie-antwoord', richting: 'gemeente-naar-aanbieder', antwoord: null, codeWmo: '485', codeJw: '491' },
];

const RETOUREN = new Set<BerichtNummer>(['302', '306', '308', '316', '318', '320']);

function definitie(standaard: Standaard, soort: Soort): BerichtDefinitie {
  const wmo = standaard === 'iwmo';
  const prefix = wmo ? 'WMO' : 'JW';
  const lower = wmo ? 'wmo' : 'jw';
  return {
    naam: `${prefix}${soort.nummer}`,
    standaard,
    domein: wmo ? 'wmo' : 'jeugd',
    nummer: soort.nummer,
    berichtCode: wmo ? soort.codeWmo : soort.codeJw,
    omschrijving: soort.omschrijving,
    richting: soort.richting,
    namespace: `http://www.istandaarden.nl/${standaard}/3_2/${lower}${soort.nummer}/schema`,
    basisNamespace: `http://www.istandaarden.nl/${standaard}/3_2/basisschema/schema`,
    beantwoordDoor: soort.antwoord ? `${prefix}${soort.antwoord}` : null,
    isRetour: RETOUREN.has(soort.nummer),
  };
}

/** All 28 berichten, iWmo first. */
export const BERICHTEN: readonly BerichtDefinitie[] = (['iwmo', 'ijw'] as const).flatMap((s) =>
  SOORTEN.map((soort) => definitie(s, soort)),
);

const BY_NAAM = new Map(BERICHTEN.map((b) => [b.naam, b]));
const BY_NAMESPACE = new Map(BERICHTEN.map((b) => [b.namespace, b]));

/** Looks a bericht up by name ('WMO323', 'JW305'). */
export function berichtDefinitie(naam: string): BerichtDefinitie | undefined {
  return BY_NAAM.get(naam);
}

/** Looks a bericht up by the namespace of its root element. */
export function berichtVoorNamespace(namespace: string): BerichtDefinitie | undefined {
  return BY_NAMESPACE.get(namespace);
}
