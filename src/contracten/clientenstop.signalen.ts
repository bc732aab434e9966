import type { Signaal } from '../signalen/signaal.port';
import type { ClientenstopInvoer, ClientenstopScope, ClientenstopSoort } from './clientenstop-invoer';
import type { Domein } from './contracten.port';

/**
 * Product categories that count as crisis or acute support, to which a cliëntenstop never applies
 * (TCW art. 3.6). The sources leave the mapping to master data; our reading
 * (contractstandaard-signals.md CS-CRISIS): iJw JZ020 46 "Jeugdhulp crisis", iWmo WMO020 17 "Spoedopvang".
 */
export const CRISIS_CATEGORIEEN: Readonly<Record<Domein, readonly string[]>> = { jeugd: ['46'], wmo: ['17'] };

/** Calendar days the aanbieder's written melding must precede the stop (art. 3.6). */
export const MELDING_MINIMUM_DAGEN = 14;

export const CLIENTENSTOP_MELDING_TYPE = 'clientenstop.melding';
export const CLIENTENSTOP_CRISIS_TYPE = 'clientenstop.crisis';

/**
 * The categorie of a product code. The national product code lists (iJw, iWmo) start every code
 * with its categorie (45A01, 07A01); a gemeente's own codes that do not must be scoped by categorie.
 */
export function categorieVanCode(code: string): string {
  return code.slice(0, 2);
}

/** Whether a product (categorie and/or code, as a 301 carries it) is in the scope; an empty scope covers all. */
export function inScope(scope: ClientenstopScope, categorie: string | null, code: string | null): boolean {
  if (scope.categorieen.length === 0 && scope.productCodes.length === 0) return true;
  return (categorie !== null && scope.categorieen.includes(categorie)) || (code !== null && scope.productCodes.includes(code));
}

export function isCrisis(domein: Domein, categorie: string | null, code: string | null): boolean {
  const crisis = CRISIS_CATEGORIEEN[domein];
  return (categorie !== null && crisis.includes(categorie)) || (code !== null && crisis.includes(categorieVanCode(code)));
}

/** The rule a stop of this soort rests on, per standard (the Jeugd article numbers are not in the sources). */
export function stopRegel(domein: Domein, soort: ClientenstopSoort): string {
  const artikel = soort === 'aanbieder' ? '3.6' : soort === 'bestedingsruimte' ? '1.5.9' : '3.5';
  return domein === 'wmo' ? `CS Wmo art. ${artikel}` : `contractstandaard Jeugd, cliëntenstop (Wmo art. ${artikel}; Jeugd article not in the sources)`;
}

/** The contract a stop is registered on: what the signals need. */
export interface StopContract {
  contractId: string;
  domein: Domein;
  gemeente: string;
  aanbieder: string;
  /** Codes of the contract's products (any validity period). */
  productCodes: readonly string[];
}

function dagenTussen(van: string, tot: string): number {
  return Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000);
}

const janee = (b: boolean): string => (b ? 'ja' : 'nee');

function periode(stop: ClientenstopInvoer): Signaal['periode'] {
  return stop.einddatum === null ? null : { van: stop.begindatum, tot: stop.einddatum };
}

/**
 * CS-MELDING (TCW art. 3.6): on registration of an aanbieder's stop, a signal when the melding came
 * less than 14 calendar days before the start, when reasons or proposals for solutions are missing,
 * or when there was no written consent on the start date (art. 3.5/3.6: consent beforehand). Once
 * per stop. Art. 3.6 binds the aanbieder: a stop the parties decide under art. 1.5.9 or the
 * gemeente's own decision (art. 3.5) has no melding to judge.
 */
export function meldingSignaal(stopId: string, stop: ClientenstopInvoer, c: StopContract, waargenomenOp: string): Signaal | null {
  if (stop.soort !== 'aanbieder') return null;
  const dagenVooraf = dagenTussen(stop.meldingDatum, stop.begindatum);
  const teLaat = dagenVooraf < MELDING_MINIMUM_DAGEN;
  const toestemmingOntbreekt = stop.toestemmingDatum === null || stop.toestemmingDatum > stop.begindatum;
  if (!teLaat && stop.redenenGegeven && stop.voorstellenGegeven && !toestemmingOntbreekt) return null;
  return stopSignaal(CLIENTENSTOP_MELDING_TYPE, `clientenstop-melding:${stopId}`, 'waarschuwing', stop, c, waargenomenOp, {
    soort: stop.soort,
    meldingDatum: stop.meldingDatum,
    begindatum: stop.begindatum,
    dagenVooraf,
    minimumDagenVooraf: MELDING_MINIMUM_DAGEN,
    teLaat: janee(teLaat),
    redenenOntbreken: janee(!stop.redenenGegeven),
    voorstellenOntbreken: janee(!stop.voorstellenGegeven),
    toestemmingOntbreekt: janee(toestemmingOntbreekt),
  });
}

/**
 * CS-CRISIS (TCW art. 3.6): a cliëntenstop never applies to crisis or acute support. A signal when
 * the scope names a crisis categorie or a crisis product code, or covers the whole contract while
 * the contract has crisis products. Once per stop.
 */
export function crisisSignaal(stopId: string, stop: ClientenstopInvoer, c: StopContract, waargenomenOp: string): Signaal | null {
  const heelContract = stop.scope.categorieen.length === 0 && stop.scope.productCodes.length === 0;
  const crisisCodes = heelContract
    ? [...new Set(c.productCodes.filter((p) => isCrisis(c.domein, null, p)))]
    : stop.scope.productCodes.filter((p) => isCrisis(c.domein, null, p));
  const crisisCategorieen = heelContract ? [] : stop.scope.categorieen.filter((k) => isCrisis(c.domein, k, null));
  if (crisisCodes.length === 0 && crisisCategorieen.length === 0) return null;
  return stopSignaal(CLIENTENSTOP_CRISIS_TYPE, `clientenstop-crisis:${stopId}`, 'kritiek', stop, c, waargenomenOp, {
    soort: stop.soort,
    begindatum: stop.begindatum,
    heelContract: janee(heelContract),
    crisisCategorieen: crisisCategorieen.join(','),
    crisisProductCodes: [...crisisCodes].sort().join(','),
    crisisCategorieenMapping: CRISIS_CATEGORIEEN[c.domein].join(','),
  });
}

/** The parts both registration signals share: the contract, art. 3.6 and the stop's period. */
function stopSignaal(
  type: string,
  dedupKey: string,
  ernst: Signaal['ernst'],
  stop: ClientenstopInvoer,
  c: StopContract,
  waargenomenOp: string,
  cijfers: Signaal['cijfers'],
): Signaal {
  return {
    type, version: 1, domein: c.domein, gemeente: c.gemeente, aanbieder: c.aanbieder, contractId: c.contractId,
    regel: stopRegel(c.domein, 'aanbieder'), periode: periode(stop), cijfers, waargenomenOp, dedupKey, ernst,
  };
}
