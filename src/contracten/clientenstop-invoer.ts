import { isDatum } from './contract-invoer';

/**
 * Who stops taking new clients, and under which article: the aanbieder with the gemeente's written
 * consent (TCW art. 3.6), both parties when the bestedingsruimte is used up (art. 1.5.9), or the
 * gemeente itself (art. 3.5, cliëntenstop door opdrachtgever).
 */
export type ClientenstopSoort = 'aanbieder' | 'bestedingsruimte' | 'opdrachtgever';
export const CLIENTENSTOP_SOORTEN: readonly ClientenstopSoort[] = ['aanbieder', 'bestedingsruimte', 'opdrachtgever'];

/** Products a stop covers: product categories and/or product codes; both empty = the whole contract. */
export interface ClientenstopScope {
  categorieen: string[];
  productCodes: string[];
}

/** A registered cliëntenstop as POST /api/contracten/:id/clientenstops delivers it, after validation. */
export interface ClientenstopInvoer {
  soort: ClientenstopSoort;
  meldingDatum: string;
  begindatum: string;
  einddatum: string | null;
  scope: ClientenstopScope;
  /** Date of the gemeente's written consent, if given. */
  toestemmingDatum: string | null;
  redenenGegeven: boolean;
  voorstellenGegeven: boolean;
}

type Obj = Record<string, unknown>;

function lijst(o: Obj, veld: string, re: RegExp, uitleg: string, fouten: string[]): string[] {
  const v = o[veld];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && re.test(x))) {
    fouten.push(`scope.${veld} must be a list of ${uitleg}`);
    return [];
  }
  return [...new Set(v as string[])].sort();
}

/**
 * Checks the JSON of one cliëntenstop; one message per problem, naming the field and the rule.
 * A melding after the start is accepted: it is a late melding, which CS-MELDING reports.
 */
export function valideerClientenstop(raw: unknown): { stop: ClientenstopInvoer; fouten: string[] } {
  const fouten: string[] = [];
  const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Obj) : null;
  if (!o) return { stop: null as unknown as ClientenstopInvoer, fouten: ['the body must be a JSON object'] };

  const soort = o.soort as ClientenstopSoort;
  if (!CLIENTENSTOP_SOORTEN.includes(soort)) fouten.push(`soort must be one of ${CLIENTENSTOP_SOORTEN.join(', ')}`);
  const datum = (veld: string, optioneel: boolean): string | null => {
    const v = o[veld];
    if (optioneel && (v === undefined || v === null || v === '')) return null;
    if (!isDatum(v)) {
      fouten.push(`${veld} must be a date YYYY-MM-DD`);
      return null;
    }
    return v;
  };
  const meldingDatum = datum('meldingDatum', false) ?? '';
  const begindatum = datum('begindatum', false) ?? '';
  const einddatum = datum('einddatum', true);
  const toestemmingDatum = datum('toestemmingDatum', true);
  if (begindatum && einddatum && einddatum < begindatum) fouten.push('einddatum must not be before begindatum');
  const vlag = (veld: string): boolean => {
    if (typeof o[veld] !== 'boolean') fouten.push(`${veld} must be true or false`);
    return o[veld] === true;
  };
  const redenenGegeven = vlag('redenenGegeven');
  const voorstellenGegeven = vlag('voorstellenGegeven');

  let scope: ClientenstopScope = { categorieen: [], productCodes: [] };
  if (o.scope !== undefined && o.scope !== null) {
    const s = typeof o.scope === 'object' && !Array.isArray(o.scope) ? (o.scope as Obj) : null;
    if (!s) fouten.push('scope must be an object with categorieen and/or productCodes');
    else
      scope = {
        categorieen: lijst(s, 'categorieen', /^\d{2}$/, '2-digit product categories (WMO020/JZ020)', fouten),
        productCodes: lijst(s, 'productCodes', /^[0-9A-Za-z]{1,8}$/, 'product codes of 1 to 8 letters or digits', fouten),
      };
  }
  return { stop: { soort, meldingDatum, begindatum, einddatum, scope, toestemmingDatum, redenenGegeven, voorstellenGegeven }, fouten };
}
