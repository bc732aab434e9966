import {
  Fouten, valideerBestedingsruimte, valideerInzetNorm, valideerKop, valideerLooptijdMotivatie, valideerProduct, valideerSamenhang, valideerWachttijdNormen, type ContractInvoer,
  type InzetNorm,
} from './contract-invoer';

/** One problem of a CSV import, by line number (1-based). */
export interface ImportFout {
  regel: number;
  melding: string;
}

/**
 * The CSV accepted by POST /api/contracten/import (docs/signalen.md has an example). Comma separated,
 * RFC 4180 quoting ("a,b" and "" for a quote) within one line, lists inside a field separated by |.
 * Empty lines and lines starting with # are skipped. The first field says what the line is:
 *
 *   contract,kenmerk,domein,gemeente,gemeenten,agb,aanbiedernaam,uitvoeringsvariant,looptijdVan,looptijdTot,verlengoptiesMaanden,besluitdatum,artikelen
 *   product,kenmerk,productCode,eenheid,tariefCenten,geldigVan,geldigTot
 *   bestedingsruimte,kenmerk,van,tot,budgetCenten,versie,meetgrondslag,monitoring
 *   wachttijdnorm,kenmerk,productgroep,weken
 *   inzetnorm,kenmerk,soort,waarde,gepubliceerdOp,schaars,uniek,ktoScore
 *   looptijdmotivatie,kenmerk,motivatie
 *
 * The other lines belong to the contract line with the same kenmerk in the file: any number of
 * products and bestedingsruimtes, one wachttijdnorm per product group, at most one inzetnorm (the
 * art. 1.6 norm: the contract needs article 1.6; schaars and uniek ja/nee, empty = nee; ktoScore
 * with a decimal point or comma, empty = not measured), at most one looptijdmotivatie (HR §14: why the
 * term is not 4 years).
 */
export const KOLOMMEN = {
  contract: ['kenmerk', 'domein', 'gemeente', 'gemeenten', 'agb', 'aanbiedernaam', 'uitvoeringsvariant', 'looptijdVan', 'looptijdTot', 'verlengopties', 'besluitdatum', 'artikelen'],
  product: ['kenmerk', 'productCode', 'eenheid', 'tariefCenten', 'geldigVan', 'geldigTot'],
  bestedingsruimte: ['kenmerk', 'van', 'tot', 'budgetCenten', 'versie', 'meetgrondslag', 'monitoring'],
  wachttijdnorm: ['kenmerk', 'productgroep', 'weken'],
  inzetnorm: ['kenmerk', 'soort', 'waarde', 'gepubliceerdOp', 'schaars', 'uniek', 'ktoScore'],
  looptijdmotivatie: ['kenmerk', 'motivatie'],
} as const;

type Soort = keyof typeof KOLOMMEN;

/** Splits one CSV line; null when its quotes do not close. */
export function splitsRegel(regel: string): string[] | null {
  const velden: string[] = [];
  let i = 0;
  for (;;) {
    let veld = '';
    if (regel[i] === '"') {
      i++;
      for (;;) {
        if (i >= regel.length) return null;
        if (regel[i] === '"') {
          if (regel[i + 1] === '"') {
            veld += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        veld += regel[i++];
      }
      if (i < regel.length && regel[i] !== ',') return null;
    } else {
      const komma = regel.indexOf(',', i);
      veld = regel.slice(i, komma === -1 ? regel.length : komma);
      i = komma === -1 ? regel.length : komma;
    }
    velden.push(veld.trim());
    if (i >= regel.length) return velden;
    i++; // the comma
  }
}

const lijst = (v: string): string[] => (v === '' ? [] : v.split('|').map((x) => x.trim()));
const leegNull = (v: string): string | null => (v === '' ? null : v);
const getal = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);
/** ja/true and nee/false; empty is absent; anything else is passed on for the validator to name. */
const janee = (v: string): boolean | string | undefined => {
  const k = v.toLowerCase();
  return k === '' ? undefined : k === 'ja' || k === 'true' ? true : k === 'nee' || k === 'false' ? false : v;
};
const decimaal = (v: string): number | string | null => (v === '' ? null : /^\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : v);

type Onderdeel =
  | { soort: 'product'; waarde: ContractInvoer['producten'][number] }
  | { soort: 'bestedingsruimte'; waarde: ContractInvoer['bestedingsruimtes'][number] }
  | { soort: 'wachttijdnorm'; groep: string; weken: number }
  | { soort: 'inzetnorm'; waarde: InzetNorm }
  | { soort: 'looptijdmotivatie'; waarde: string };

/** Parses and validates the whole file; contracts only when there is no problem at all. */
export function leesContractCsv(tekst: string): { contracten: { regel: number; contract: ContractInvoer }[]; fouten: ImportFout[] } {
  const fouten: ImportFout[] = [];
  const contracten = new Map<string, { regel: number; contract: ContractInvoer }>();
  const onderdelen: Array<{ regel: number; kenmerk: string } & Onderdeel> = [];
  const regels = tekst.replace(/^\uFEFF/, '').split(/\r?\n/);
  regels.forEach((r, index) => {
    const nr = index + 1;
    if (r.trim() === '' || r.trimStart().startsWith('#')) return;
    const velden = splitsRegel(r);
    if (!velden) return fouten.push({ regel: nr, melding: 'unbalanced quotes' });
    const soort = velden[0] as Soort;
    if (!(soort in KOLOMMEN)) return fouten.push({ regel: nr, melding: `the first field must be one of ${Object.keys(KOLOMMEN).join(', ')}` });
    const namen = KOLOMMEN[soort];
    if (velden.length - 1 !== namen.length) {
      return fouten.push({ regel: nr, melding: `a ${soort} line has ${namen.length + 1} fields (${soort},${namen.join(',')}), this one ${velden.length}` });
    }
    const v = Object.fromEntries(namen.map((n, i) => [n, velden[i + 1]])) as Record<string, string>;
    const f = new Fouten();
    if (soort === 'contract') {
      const kop = valideerKop(
        {
          kenmerk: v.kenmerk,
          domein: v.domein,
          gemeente: v.gemeente,
          gemeenten: v.gemeenten === '' ? undefined : lijst(v.gemeenten),
          aanbieder: { agb: v.agb, naam: leegNull(v.aanbiedernaam) },
          uitvoeringsvariant: v.uitvoeringsvariant,
          looptijd: { van: v.looptijdVan, tot: leegNull(v.looptijdTot) },
          verlengopties: lijst(v.verlengopties).map((m) => ({ maanden: getal(m) })),
          besluitdatum: leegNull(v.besluitdatum),
          artikelen: lijst(v.artikelen),
        },
        f,
      );
      if (f.lijst.length === 0 && contracten.has(kop.kenmerk)) f.add(`kenmerk ${kop.kenmerk} is on line ${contracten.get(kop.kenmerk)?.regel} already`);
      if (f.lijst.length === 0) contracten.set(kop.kenmerk, { regel: nr, contract: { ...kop, producten: [], bestedingsruimtes: [] } });
    } else if (soort === 'product') {
      const p = valideerProduct({ ...v, tariefCenten: getal(v.tariefCenten), geldigTot: leegNull(v.geldigTot) }, f);
      if (f.lijst.length === 0) onderdelen.push({ regel: nr, soort, kenmerk: v.kenmerk, waarde: p });
    } else if (soort === 'bestedingsruimte') {
      const b = valideerBestedingsruimte(
        { ...v, budgetCenten: getal(v.budgetCenten), versie: v.versie === '' ? undefined : getal(v.versie), meetgrondslag: leegNull(v.meetgrondslag) ?? undefined, monitoring: leegNull(v.monitoring) ?? undefined },
        f,
      );
      if (f.lijst.length === 0) onderdelen.push({ regel: nr, soort, kenmerk: v.kenmerk, waarde: b });
    } else if (soort === 'wachttijdnorm') {
      const normen = valideerWachttijdNormen({ [v.productgroep]: getal(v.weken) }, f);
      if (f.lijst.length === 0 && normen) onderdelen.push({ regel: nr, soort, kenmerk: v.kenmerk, groep: v.productgroep, weken: normen[v.productgroep] });
    } else if (soort === 'looptijdmotivatie') {
      const motivatie = valideerLooptijdMotivatie(v.motivatie, f);
      if (f.lijst.length === 0 && motivatie === null) f.add('looptijdMotivatie must not be empty');
      if (f.lijst.length === 0 && motivatie !== null) onderdelen.push({ regel: nr, soort, kenmerk: v.kenmerk, waarde: motivatie });
    } else {
      const norm = valideerInzetNorm(
        { soort: v.soort, waarde: getal(v.waarde), gepubliceerdOp: v.gepubliceerdOp, vrijstelling: { schaars: janee(v.schaars), uniek: janee(v.uniek) }, ktoScore: decimaal(v.ktoScore) },
        f,
      );
      if (f.lijst.length === 0 && norm) onderdelen.push({ regel: nr, soort, kenmerk: v.kenmerk, waarde: norm });
    }
    f.lijst.forEach((melding) => fouten.push({ regel: nr, melding }));
  });
  for (const o of onderdelen) {
    const c = contracten.get(o.kenmerk)?.contract;
    if (!c) fouten.push({ regel: o.regel, melding: `no contract line with kenmerk ${o.kenmerk.slice(0, 64)} in this file` });
    else if (o.soort === 'product') c.producten.push(o.waarde);
    else if (o.soort === 'bestedingsruimte') c.bestedingsruimtes.push(o.waarde);
    else if (o.soort === 'wachttijdnorm') {
      if (c.wachttijdNormen?.[o.groep] !== undefined) fouten.push({ regel: o.regel, melding: `contract ${c.kenmerk} has a wachttijdnorm for ${o.groep} already` });
      else c.wachttijdNormen = { ...c.wachttijdNormen, [o.groep]: o.weken };
    } else if (o.soort === 'looptijdmotivatie') {
      if (c.looptijdMotivatie !== null) fouten.push({ regel: o.regel, melding: `contract ${c.kenmerk} has a looptijdmotivatie already` });
      else c.looptijdMotivatie = o.waarde;
    } else if (c.inzetNorm) fouten.push({ regel: o.regel, melding: `contract ${c.kenmerk} has an inzetnorm already` });
    // Art. 1.6 binds only when the contract includes it (contractstandaard-signals.md §0).
    else if (!c.artikelen.includes('1.6')) fouten.push({ regel: o.regel, melding: `an inzetnorm needs optional article 1.6 in the artikelen of contract ${c.kenmerk}` });
    else c.inzetNorm = o.waarde;
  }
  for (const c of contracten.values()) {
    const f = new Fouten();
    valideerSamenhang(c.contract, f);
    f.lijst.forEach((melding) => fouten.push({ regel: c.regel, melding: `contract ${c.contract.kenmerk}: ${melding}` }));
  }
  if (contracten.size === 0 && fouten.length === 0) fouten.push({ regel: 0, melding: 'the file holds no contract line' });
  fouten.sort((a, b) => a.regel - b.regel);
  return { contracten: fouten.length === 0 ? [...contracten.values()] : [], fouten };
}
