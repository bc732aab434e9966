import type { EntityManager } from 'typeorm';
import type { BestedingsruimteBoeker, ContractLezer, ContractTarief, Domein } from '../../src/contracten/contracten.port';
import type { Signaal, SignaalWriter } from '../../src/signalen/signaal.port';
import { controleerSignaal } from '../../src/signalen/signaal.writer';
import { AANBIEDER, GEMEENTE } from './berichten';

/** One prestatie of a test 323 (istandaarden-3.2.md §2.2). */
export interface TestPrestatie {
  rn: string;
  vorig?: string;
  toewijzing: string;
  categorie?: string;
  code?: string;
  periode: [string, string];
  volume: number;
  eenheid?: string;
  tarief?: number | null;
  bedrag: number;
  dc?: 'D' | 'C';
}

export interface TestDeclaratie {
  identificatie: string;
  nummer: string;
  /** First day of the DeclaratiePeriode month, e.g. '2025-04-01'. */
  maand: string;
  dagtekening?: string;
  clienten: Array<{ bsn: string; prestaties: TestPrestatie[] }>;
}

function laatsteDag(maand: string): string {
  const [j, m] = maand.split('-').map(Number);
  return new Date(Date.UTC(j, m, 0)).toISOString().slice(0, 10);
}

/** A WMO323 from AANBIEDER to GEMEENTE; TotaalIngediendBedrag is the signed sum (TR358). */
export function wmo323(d: TestDeclaratie): string {
  const eind = laatsteDag(d.maand);
  const dagtekening = d.dagtekening ?? '2026-03-02';
  let totaal = 0;
  const parts: string[] = [];
  for (const c of d.clienten) {
    parts.push(`<wmo323:Client><wmo323:Bsn>${c.bsn}</wmo323:Bsn><wmo323:Prestaties>`);
    for (const p of c.prestaties) {
      const dc = p.dc ?? 'D';
      totaal += dc === 'C' ? -p.bedrag : p.bedrag;
      const tarief = p.tarief === undefined ? null : p.tarief;
      parts.push(
        `<wmo323:Prestatie><wmo323:ProductReferentie><iwmo:ReferentieNummer>${p.rn}</iwmo:ReferentieNummer>` +
          (p.vorig ? `<iwmo:VorigReferentieNummer>${p.vorig}</iwmo:VorigReferentieNummer>` : '') +
          `</wmo323:ProductReferentie><wmo323:ToewijzingNummer>${p.toewijzing}</wmo323:ToewijzingNummer>` +
          `<wmo323:ProductCategorie>${p.categorie ?? '01'}</wmo323:ProductCategorie><wmo323:ProductCode>${p.code ?? '01A11'}</wmo323:ProductCode>` +
          `<wmo323:ProductPeriode><iwmo:Begindatum>${p.periode[0]}</iwmo:Begindatum><iwmo:Einddatum>${p.periode[1]}</iwmo:Einddatum></wmo323:ProductPeriode>` +
          `<wmo323:GeleverdVolume>${p.volume}</wmo323:GeleverdVolume><wmo323:Eenheid>${p.eenheid ?? '04'}</wmo323:Eenheid>` +
          (tarief === null ? '' : `<wmo323:ProductTarief>${tarief}</wmo323:ProductTarief>`) +
          `<wmo323:IngediendBedrag><iwmo:Bedrag>${p.bedrag}</iwmo:Bedrag><iwmo:DebetCredit>${dc}</iwmo:DebetCredit></wmo323:IngediendBedrag></wmo323:Prestatie>`,
      );
    }
    parts.push('</wmo323:Prestaties></wmo323:Client>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<wmo323:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:wmo323="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema">
<wmo323:Header><wmo323:BerichtCode>484</wmo323:BerichtCode><wmo323:BerichtVersie>3</wmo323:BerichtVersie><wmo323:BerichtSubversie>2</wmo323:BerichtSubversie>
<wmo323:Afzender>${AANBIEDER}</wmo323:Afzender><wmo323:Ontvanger>${GEMEENTE}</wmo323:Ontvanger>
<wmo323:BerichtIdentificatie><iwmo:Identificatie>${d.identificatie}</iwmo:Identificatie><iwmo:Dagtekening>${dagtekening}</iwmo:Dagtekening></wmo323:BerichtIdentificatie>
<wmo323:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo323:XsdVersie></wmo323:Header>
<wmo323:Declaratie><wmo323:DeclaratieNummer>${d.nummer}</wmo323:DeclaratieNummer>
<wmo323:DeclaratiePeriode><iwmo:Begindatum>${d.maand}</iwmo:Begindatum><iwmo:Einddatum>${eind}</iwmo:Einddatum></wmo323:DeclaratiePeriode>
<wmo323:DeclaratieDagtekening>${dagtekening}</wmo323:DeclaratieDagtekening>
<wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${Math.abs(totaal)}</iwmo:TotaalBedrag><iwmo:DebetCredit>${totaal < 0 ? 'C' : 'D'}</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
<wmo323:Clienten>${parts.join('')}</wmo323:Clienten></wmo323:Declaratie></wmo323:Bericht>`;
}

/** ContractLezer test double: one tarief per product code (any date), counting its calls. */
export class VasteContracten implements ContractLezer {
  aanroepen = 0;
  constructor(private readonly tarieven: Record<string, { eenheid: string; tariefCenten: number }>) {}
  async tarief(_m: EntityManager, q: { domein: Domein; productCode: string }): Promise<ContractTarief | null> {
    this.aanroepen += 1;
    const t = this.tarieven[q.productCode];
    return t ? { contractId: `C-${q.domein}-${AANBIEDER}`, productCode: q.productCode, ...t } : null;
  }
}

/** BestedingsruimteBoeker test double: records every booking with the manager it came through. */
export class RecordingBoeker implements BestedingsruimteBoeker {
  readonly boekingen: Array<Parameters<BestedingsruimteBoeker['boek']>[1]> = [];
  async boek(_m: EntityManager, b: Parameters<BestedingsruimteBoeker['boek']>[1]): Promise<void> {
    this.boekingen.push(b);
  }
}

/** SignaalWriter test double. */
export class RecordingSignalen implements SignaalWriter {
  readonly signalen: Signaal[] = [];
  async schrijf(_m: EntityManager, s: Signaal): Promise<void> {
    // The real writer's checks, so a double cannot accept what production refuses.
    controleerSignaal(s);
    this.signalen.push(s);
  }
}

/** A toewijzing row for client_register_toewijzing, as our 301 would have left it. */
export interface TestToewijzing {
  nummer: string;
  bsn: string;
  categorie?: string | null;
  code?: string | null;
  ingang: string;
  eind: string | null;
  omvang?: { volume: number; eenheid: string; frequentie: string } | null;
  budget?: number | null;
  redenWijziging?: string | null;
  aanbieder?: string;
}

export function toewijzingInsert(t: TestToewijzing): { sql: string; params: unknown[] } {
  const product = t.categorie === null ? null : JSON.stringify({ categorie: t.categorie ?? '01', code: t.code === undefined ? '01A11' : t.code });
  return {
    sql: `INSERT INTO client_register_toewijzing (domein, gemeente, toewijzing_nummer, aanbieder, bsn, product, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, reden_wijziging, omvang, budget_centen)
          VALUES ('wmo', $1, $2, $3, $4, $5, '2025-03-20', '12:00:00', $6, $7, $8, $9, $10)`,
    params: [GEMEENTE, t.nummer, t.aanbieder ?? AANBIEDER, t.bsn, product, t.ingang, t.eind, t.redenWijziging ?? null,
      t.omvang === null ? null : JSON.stringify(t.omvang ?? { volume: 4, eenheid: '04', frequentie: '2' }), t.budget ?? null],
  };
}
