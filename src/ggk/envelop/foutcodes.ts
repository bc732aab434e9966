/**
 * Error codes the envelope layer answers with. Source: foutcodes-isd-keten-2.1.04-r3 (ISD-keten list)
 * where a code fits; StUF058 (server error) comes from the StUF 03.01 standard, which the list builds on.
 * `omschrijving` is the list's Foutbeschrijving; it goes, with detail, into body.omschrijving (spec §3.1).
 */
export const GGK_FOUTCODES = {
  /** Berichtbody is niet conform schema in sectormodel; the only code the list gives gemeenten (§2.3). */
  StUF055: { omschrijving: 'Berichtbody is niet conform schema in sectormodel', plek: 'client' },
  /** Bericht is te groot (> 25 MB including base64, spec §3.2/§3.3). */
  IB007: { omschrijving: 'Bericht is te groot', plek: 'client' },
  /** Opgegeven (cross)referentienummer is geen geldig UUID (versie 4, spec §2.4). */
  IB009: { omschrijving: 'Opgegeven (cross)referentienummer is geen geldig UUID', plek: 'client' },
  /** Geen routering bekend voor combinatie organisatie en berichttype: functie is no iWmo/iJw bericht. */
  IB102: { omschrijving: 'Geen routering bekend voor combinatie organisatie en berichttype', plek: 'client' },
  /** Ontvangende organisatie onbekend: not a gemeente this gateway serves. */
  IB210: { omschrijving: 'Ontvangende organisatie onbekend', plek: 'client' },
  /** Combinatie zender en referentienummer niet uniek (list, "NOG CHECK BIJ IB": client, Fo01). */
  IB216: { omschrijving: 'Combinatie zender en referentienummer niet uniek', plek: 'client' },
  /** Combinatie berichtcode en functie is niet toegestaan: a retour in a Di01 or a heenbericht in a Du01. */
  IB240: { omschrijving: 'Combinatie berichtcode en functie is niet toegestaan', plek: 'client' },
  /** StUF 03.01: Proces voor afhandelen bericht geeft fout. Our own failure, never the sender's. */
  StUF058: { omschrijving: 'Proces voor afhandelen bericht geeft fout', plek: 'server' },
} as const satisfies Record<string, { omschrijving: string; plek: GgkPlek }>;

export type GgkFoutcode = keyof typeof GGK_FOUTCODES;
/** body.plek of a StUF foutbericht: where the error lies (spec §3.1). */
export type GgkPlek = 'client' | 'server';
