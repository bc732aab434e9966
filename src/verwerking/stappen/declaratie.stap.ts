import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BestedingsruimteBoeker, ContractLezer, ContractTarief } from '../../contracten/contracten.port';
import { buildDu01 } from '../../ggk/envelop';
import { GATEWAY_APPLICATIE, uitgaandeParameters } from '../../ggk/gateway-applicatie';
import {
  berichtDefinitie, buildDeclaratieAntwoord, validateBericht, type BerichtDefinitie, type Declaratie, type DeclaratieOordeel, type Domein,
  type GetypeerdBericht, type RegelFinding, type SchemaSet, type XmlElement,
} from '../../istandaarden';
import type { SignaalWriter } from '../../signalen/signaal.port';
import type { OutboxWriter } from '../../uitgaand/outbox.port';
import { ggkEnvelopVan } from '../antwoord/ggk-envelop.util';
import { retourcodesVan } from '../antwoord/retourcodes.util';
import { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';
import { beoordeelPrestatiesStapsgewijs, contractSleutel, debetTotalen, GEEN_DEBETTOTALEN, type DeclaratieBeoordeling, type DeclaratieInvoer, type DeclaratieStand } from '../declaratie/beoordeel-declaratie';
import { alBeantwoord, eerdereDeclaraties, laadStand, markeerBeantwoord, PrestatieStroom, schrijfDeclaratie, werkTellersBij, type DeclaratieSleutel } from '../declaratie/declaratie.register';
import { REGEL_VAN_CODE, regel8214PeriodeVoorLaatste, regel9333DeclaratieNummerNietUniek } from '../declaratie/declaratie.regels';
import { vergrendel as advisoryLocks } from '../register';
import type { TeVerwerkenBericht } from '../../ingest';
import type { VerwerkingContext, VerwerkingStap, VooruitContext } from '../verwerking.ports';
import { UITVAL } from './antwoord.stap';
import { TR056_DUPLICAAT } from './overstijgend.stap';

export const DECLARATIE_UITVAL = {
  /** This 323 (same BerichtIdentificatie) was answered before: never a second 325. */
  AL_BEANTWOORD: 'VERWERKING.DECLARATIE_AL_BEANTWOORD',
} as const;

export interface DeclaratieDeps {
  schemas: SchemaSet;
  outbox: OutboxWriter;
  contracten: ContractLezer;
  bestedingsruimte: BestedingsruimteBoeker;
  signalen: SignaalWriter;
  klok?: () => Date;
  vergrendel?: (tx: EntityManager, sloten: readonly string[]) => Promise<void>;
}

/**
 * What vooruit read for a 323 under its lock, as far as it got: whether it was answered before, the
 * earlier declaraties (9333/8214) and, when those let it through, the register and the tarieven.
 */
interface Voorbereiding {
  alBeantwoord: boolean;
  eerder?: Awaited<ReturnType<typeof eerdereDeclaraties>>;
  geladen?: Geladen;
}

interface Geladen {
  stand: DeclaratieStand;
  tarieven: Map<string, ContractTarief | null>;
}

/**
 * A 323 in, one 325 out (istandaarden-3.2.md §4.3, §5.4, §6), all in the bericht's transaction:
 * level 2 → Header 0001 only; a TR056 duplicate → Header 9056 only; 9333/8214 → the Declaratie
 * class; otherwise each prestatie against the register and the contracts. The 325 is built
 * (buildDeclaratieAntwoord: TR342 by construction), checked against its XSD and rules, written in a
 * Du01 (crossRefnummer = the Di01's referentienummer) through the outbox; then the prestatie
 * register, the counters and the bestedingsruimte are updated and the declaratie marked answered.
 * For a large 323, vooruit takes the lock and reads the register while the schema is checked.
 */
export class DeclaratieStap implements VerwerkingStap {
  readonly naam = 'declaratie';
  private readonly klok: () => Date;
  private readonly vergrendel: (tx: EntityManager, sloten: readonly string[]) => Promise<void>;
  /** vooruit's reads per bericht, taken by its voerUit (the same transaction, the lock still held). */
  private readonly voorbereid = new WeakMap<TeVerwerkenBericht, Voorbereiding>();

  constructor(private readonly deps: DeclaratieDeps) {
    this.klok = deps.klok ?? (() => new Date());
    this.vergrendel = deps.vergrendel ?? advisoryLocks;
  }

  /**
   * A large 323 while libxml2 checks its schema and the rules run: takes the aanbieder's lock and
   * reads what voerUit will need (the declaratie rules' state, the register, the tarieven). Not for
   * a TR056 duplicate, which is answered 9056 without them.
   */
  async vooruit(ctx: VooruitContext): Promise<void> {
    if (ctx.definitie.nummer !== '323' || ctx.bericht.duplicaatVan) return;
    const { s, declaratie, identificatie, dagtekening } = sleutelVan(ctx.definitie, ctx.getypeerd());
    await this.vergrendel(ctx.tx, [declaratieSlot(s)]);
    const v: Voorbereiding = { alBeantwoord: await alBeantwoord(ctx.tx, s, identificatie, dagtekening) };
    if (!v.alBeantwoord) {
      v.eerder = await eerdereDeclaraties(ctx.tx, s, declaratie.declaratieNummer);
      if (declaratieCodes(declaratie, v.eerder).length === 0) v.geladen = await this.laad(ctx.tx, s, declaratie);
    }
    this.voorbereid.set(ctx.bericht, v);
  }

  async voerUit(ctx: VerwerkingContext): Promise<void> {
    const def = ctx.validated.definitie;
    if (def?.nummer !== '323' || !ctx.validated.root) return;
    // Phase times for the '325 written' line: where a large declaratie spends its time.
    const fasen = new Fasen();
    const { s, declaratie, identificatie, dagtekening } = sleutelVan(def, ctx.getypeerd());
    fasen.klaar('parse');
    const vooraf = this.voorbereid.get(ctx.bericht);
    this.voorbereid.delete(ctx.bericht);
    // One 323 of an aanbieder at a time: TR314/TR318/TR333 read what the previous one wrote.
    if (!vooraf) await this.vergrendel(ctx.tx, [declaratieSlot(s)]);
    if (vooraf?.alBeantwoord ?? (await alBeantwoord(ctx.tx, s, identificatie, dagtekening))) {
      ctx.stand.uitval = { code: DECLARATIE_UITVAL.AL_BEANTWOORD, message: 'this 323 was answered before; a second 325 is never sent' };
      ctx.log.warn('323 answered before: no second 325');
      return;
    }
    const beantwoord = await this.beoordeelEnBeantwoord(ctx, def, s, declaratie, fasen, vooraf);
    if (!beantwoord) return;
    // What follows (prestaties, counters, signals, the register step) reads the typed declaratie only.
    // The tree was only ever a local of beoordeelEnBeantwoord, so nothing here keeps it alive.
    ctx.laatBoomLos();
    const { oordeel, beoordeling, bestaandeTellers, antwoord, declaratieId, outboxId, perRetourcode } = beantwoord;
    if (beoordeling) {
      await werkTellersBij(ctx.tx, s, beoordeling.gecrediteerd, beoordeling.tellers, bestaandeTellers);
      fasen.klaar('tellers');
      for (const bk of beoordeling.boekingen) {
        await this.deps.bestedingsruimte.boek(ctx.tx, { ...s, contractId: bk.contractId, datum: bk.datum, centen: bk.centen, correlationId: ctx.bericht.correlationId });
      }
      // Processed (partly approved): the 323's TR056 key enters the register (RegisterStap).
      ctx.stand.goedgekeurd = true;
    }
    await markeerBeantwoord(ctx.tx, declaratieId, outboxId);
    await this.signaleer(ctx.tx, s, declaratie, identificatie, dagtekening, perRetourcode);
    fasen.klaar('boeken');
    ctx.log.info(
      { outboxId, oordeel: oordeel.soort, afgewezen: antwoord.afgewezenPrestaties, ingediend: antwoord.totaalIngediendCenten, toegekend: antwoord.totaalToegekendCenten, ms: fasen.ms },
      '325 written',
    );
  }

  /**
   * Judges the declaratie and writes its 325 (and the declaratie row); null when the built 325 is
   * not valid (uitval, nothing sent). The only part that needs the element tree.
   */
  private async beoordeelEnBeantwoord(ctx: VerwerkingContext, def: BerichtDefinitie, s: DeclaratieSleutel, declaratie: Declaratie, fasen: Fasen, vooraf?: Voorbereiding) {
    const root = ctx.validated.root;
    if (!root) throw new Error('the tree of a 323 was let go of before its 325 was built');
    const { identificatie, dagtekening } = ctx.getypeerd().header.berichtIdentificatie;
    let oordeel: DeclaratieOordeel;
    let beoordeling: DeclaratieBeoordeling | null = null;
    // The counters laadStand found and locked (judging leaves them as they are): schrijfPrestaties updates these, creates the others.
    let bestaandeTellers: DeclaratieStand['tellers'] = new Map();
    // The judged prestaties, stored while they are judged (taken back if the 325 cannot be sent).
    let prestaties: PrestatieStroom | null = null;
    const niveau2 = ctx.regels.filter((r) => r !== TR056_DUPLICAAT);
    if (niveau2.length > 0) oordeel = { soort: 'header', retourCodes: ['0001'] };
    else if (ctx.regels.includes(TR056_DUPLICAAT)) oordeel = { soort: 'header', retourCodes: ['9056'] };
    else {
      const eerder = vooraf?.eerder ?? (await eerdereDeclaraties(ctx.tx, s, declaratie.declaratieNummer));
      const codes = declaratieCodes(declaratie, eerder);
      if (codes.length > 0) {
        oordeel = { soort: 'declaratie', retourCodes: codes };
        ctx.regels.push(...codes.map((c) => finding(c, ['/Bericht/Declaratie'])));
      } else {
        const { stand, tarieven } = vooraf?.geladen ?? (await this.laad(ctx.tx, s, declaratie));
        bestaandeTellers = stand.tellers;
        fasen.klaar('laden');
        prestaties = await PrestatieStroom.open(ctx.tx, s);
        beoordeling = await beoordeelEnBewaar(prestaties, { domein: s.domein, aanbieder: s.aanbieder, declaratie, tarieven }, stand);
        oordeel = alsOordeel(root, beoordeling);
        ctx.regels.push(...findings(root, beoordeling));
        fasen.klaar('beoordelen');
        await prestaties.opgeslagen();
        fasen.klaar('prestatiesSchrijven');
      }
    }

    const antwoordDef = berichtDefinitie(def.beantwoordDoor ?? '');
    if (!antwoordDef) throw new Error(`${def.naam} has no antwoordbericht`);
    const [{ n }] = (await ctx.tx.query(`SELECT nextval('retour_identificatie_seq')::text AS n`)) as Array<{ n: string }>;
    const antwoord = buildDeclaratieAntwoord(root, def, oordeel, {
      identificatie: `R${n}`,
      dagtekening: vandaagInNederland(this.klok()),
      gemeente: s.gemeente,
      xsdVersie: this.deps.schemas.xsdVersie(antwoordDef),
    });
    const eigen = validateBericht(Buffer.from(antwoord.xml, 'utf8'), this.deps.schemas);
    fasen.klaar('antwoord');
    if (!eigen.valid || !eigen.root) {
      const wat = eigen.xsd.length > 0 ? `its XSD (${eigen.xsd[0].message})` : `rules ${eigen.regels.map((r) => r.code).join(', ')}`;
      ctx.stand.uitval = { code: UITVAL.RETOUR_ONGELDIG, message: `the ${antwoordDef.naam} built for this bericht fails ${wat}; not sent` };
      ctx.stand.goedgekeurd = false;
      ctx.log.error({ retour: antwoordDef.naam, xsd: eigen.xsd.length, regels: eigen.regels.map((r) => r.code) }, 'built 325 is not valid: uitval, nothing sent');
      await prestaties?.trekIn(new Error('the 325 is not valid'));
      return null;
    }

    const perRetourcode = retourcodeCijfers(declaratie, oordeel, beoordeling, antwoord.totaalIngediendCenten);
    const declaratieId = await schrijfDeclaratie(ctx.tx, {
      ...s, declaratieNummer: declaratie.declaratieNummer, periode: declaratie.declaratiePeriode, identificatie, dagtekening, oordeel: oordeel.soort,
      retourcodes: oordeel.soort === 'prestaties' ? [...(beoordeling?.perCode.keys() ?? [])].sort() : oordeel.retourCodes,
      totaalIngediendCenten: antwoord.totaalIngediendCenten, totaalToegekendCenten: antwoord.totaalToegekendCenten, inboundId: ctx.bericht.id,
      debet: beoordeling ? debetTotalen(declaratie, beoordeling) : GEEN_DEBETTOTALEN, perRetourcode, id: prestaties?.declaratieId,
    });
    const outboxId = await this.verstuur(ctx, root, antwoordDef, antwoord.xml, retourcodesVan(eigen.root));
    fasen.klaar('antwoordSchrijven');
    // The per-prestatie oordeel maps tree elements: only its kind leaves, so the tree can go.
    const uitkomst: OordeelSoort = oordeel.soort === 'prestaties' ? { soort: 'prestaties' } : oordeel;
    return { oordeel: uitkomst, beoordeling, bestaandeTellers, antwoord, declaratieId, outboxId, perRetourcode };
  }

  /** The register as the prestatie rules need it (counters locked) and the contract tarieven. */
  private async laad(tx: EntityManager, s: DeclaratieSleutel, declaratie: Declaratie): Promise<Geladen> {
    const stand = await laadStand(tx, s, declaratie);
    return { stand, tarieven: await this.tarieven(tx, s, declaratie) };
  }

  /** Contract tarieven per (ProductCode, ProductPeriode begin): one lookup per distinct pair. */
  private async tarieven(tx: EntityManager, s: DeclaratieSleutel, d: Declaratie): Promise<Map<string, ContractTarief | null>> {
    // By code, then date: no key string per prestatie (100,000 of them, a handful of pairs).
    const paren = new Map<string, Set<string>>();
    for (const c of d.clienten) {
      for (const p of c.prestaties) {
        const datums = paren.get(p.productCode) ?? new Set<string>();
        if (datums.size === 0) paren.set(p.productCode, datums);
        datums.add(p.productPeriode.begindatum);
      }
    }
    const uit = new Map<string, ContractTarief | null>();
    for (const [productCode, datums] of paren) {
      for (const datum of datums) {
        uit.set(contractSleutel(productCode, datum), await this.deps.contracten.tarief(tx, { domein: s.domein, gemeente: s.gemeente, aanbieder: s.aanbieder, productCode, datum }));
      }
    }
    return uit;
  }

  private async verstuur(ctx: VerwerkingContext, root: XmlElement, antwoordDef: BerichtDefinitie, xml: string, retourcodes: ReturnType<typeof retourcodesVan>): Promise<string | null> {
    const envelop = ggkEnvelopVan(ctx.bericht);
    if (!envelop) {
      ctx.stand.antwoord = {
        envelop: null, functie: antwoordDef.naam, referentienummer: null, crossRefnummer: null, outboxId: null, retourcodes,
        toelichting: 'received over REST: there is no GGK envelope to answer; the 325 was built and checked, not sent',
      };
      return null;
    }
    const sg = envelop.stuurgegevens;
    // The 325 is an answer to the 323: a Du01 with crossRefnummer = the Di01's referentienummer (src/ggk/README.md).
    const du01 = buildDu01({
      zender: { organisatie: sg.ontvanger.organisatie, applicatie: GATEWAY_APPLICATIE },
      ontvanger: sg.zender.organisatie,
      functie: antwoordDef.naam,
      parameters: uitgaandeParameters(root.textAt('Header', 'BerichtVersie') ?? '', root.textAt('Header', 'BerichtSubversie') ?? ''),
      bericht: xml,
      crossRefnummer: sg.referentienummer,
    });
    const outboxId = await this.deps.outbox.schrijf(ctx.tx, {
      soort: 'Du01', functie: antwoordDef.naam, referentienummer: du01.referentienummer, crossRefnummer: sg.referentienummer,
      envelop: du01.xml, inboundId: ctx.bericht.id, correlationId: ctx.bericht.correlationId,
    });
    ctx.stand.antwoord = { envelop: 'Du01', functie: antwoordDef.naam, referentienummer: du01.referentienummer, crossRefnummer: sg.referentienummer, outboxId, retourcodes };
    return outboxId;
  }

  /** declaratie.uitval: counts and amounts per retourcode when anything was rejected. Figures only, never a BSN. */
  private async signaleer(
    tx: EntityManager, s: DeclaratieSleutel, d: Declaratie, identificatie: string, dagtekening: string, perRetourcode: PerRetourcode,
  ): Promise<void> {
    const cijfers: Record<string, number> = {};
    for (const [c, v] of Object.entries(perRetourcode)) Object.assign(cijfers, { [`aantal.${c}`]: v.aantal, [`centen.${c}`]: v.centen });
    if (Object.keys(cijfers).length === 0) return;
    await this.deps.signalen.schrijf(tx, {
      type: 'declaratie.uitval', version: 1, domein: s.domein as Domein, gemeente: s.gemeente, aanbieder: s.aanbieder, contractId: null,
      regel: 'IV087', periode: { van: d.declaratiePeriode.begindatum, tot: d.declaratiePeriode.einddatum }, cijfers,
      waargenomenOp: this.klok().toISOString(), dedupKey: uitvalDedupKey(s.domein, s.aanbieder, identificatie, dagtekening), ernst: 'waarschuwing',
    });
  }
}

/**
 * One declaratie.uitval signal per answered 323. The Identificatie may hold any characters, so it
 * enters the key (which is the AMQP message_id) as a hash, written in the letters a-p, never digits:
 * a hex hash holds a 9-digit run that passes the 11-proef about once in 200, and the signal guard
 * would then refuse the key as a BSN and with it the whole declaratie's answer.
 */
export function uitvalDedupKey(domein: string, aanbieder: string, identificatie: string, dagtekening: string): string {
  const hash = createHash('sha256').update(`${identificatie}\n${dagtekening}`).digest('hex').slice(0, 32);
  return `declaratie.uitval:${domein}:${aanbieder}:${hash.replace(/[0-9a-f]/g, (c) => LETTERS[parseInt(c, 16)])}`;
}

const LETTERS = 'abcdefghijklmnop';

function sleutelVan(def: BerichtDefinitie, b: GetypeerdBericht) {
  if (b.inhoud.nummer !== '323') throw new Error('a 323 without a Declaratie');
  const s: DeclaratieSleutel = { domein: def.domein, gemeente: b.header.ontvanger, aanbieder: b.header.afzender };
  return { s, declaratie: b.inhoud.declaratie, ...b.header.berichtIdentificatie };
}

function declaratieSlot(s: DeclaratieSleutel): string {
  return `declaratie|${s.domein}|${s.aanbieder}`;
}

/** 9333 and 8214: the retourcodes on the Declaratie class, against the declaraties before it. */
function declaratieCodes(d: Declaratie, eerder: Awaited<ReturnType<typeof eerdereDeclaraties>>): string[] {
  const codes: string[] = [];
  if (regel9333DeclaratieNummerNietUniek(d.declaratieNummer, eerder.nummers)) codes.push('9333');
  if (regel8214PeriodeVoorLaatste(d.declaratiePeriode.begindatum, eerder.laatstePeriodeBegin)) codes.push('8214');
  return codes;
}

type PerRetourcode = Record<string, { aantal: number; centen: number }>;

/**
 * Per retourcode of the 325: how many prestaties it rejected and Σ IngediendBedrag (signed). A 323
 * rejected whole (header or Declaratie class) rejects all its prestaties under each of its codes.
 */
function retourcodeCijfers(d: Declaratie, oordeel: DeclaratieOordeel, beoordeling: DeclaratieBeoordeling | null, ingediend: number): PerRetourcode {
  const uit: PerRetourcode = {};
  if (oordeel.soort !== 'prestaties') {
    const aantal = d.clienten.reduce((n, c) => n + c.prestaties.length, 0);
    for (const c of oordeel.retourCodes) uit[c] = { aantal, centen: ingediend };
  } else for (const [c, v] of beoordeling?.perCode ?? []) uit[c] = { aantal: v.aantal, centen: v.centen };
  return uit;
}

/** How the 325 judged the 323, without the per-prestatie part (which refers to the element tree). */
type OordeelSoort = Exclude<DeclaratieOordeel, { soort: 'prestaties' }> | { soort: 'prestaties' };

/** Milliseconds per phase, each from the end of the previous one. */
class Fasen {
  readonly ms: Record<string, number> = {};
  private vorige = performance.now();
  klaar(fase: string): void {
    const nu = performance.now();
    this.ms[fase] = Math.round(nu - this.vorige);
    this.vorige = nu;
  }
}

function finding(code: string, locatie: string[]): RegelFinding {
  return { code: REGEL_VAN_CODE[code] ?? code, retourcode: code, locatie };
}

/** The judged prestaties as buildDeclaratieAntwoord takes them (XmlElements in document order). */
function alsOordeel(root: XmlElement, b: DeclaratieBeoordeling): DeclaratieOordeel {
  const clienten = root.child('Declaratie')?.child('Clienten')?.children ?? [];
  const prestatie = (ci: number, pi: number) => clienten[ci].child('Prestaties')?.children[pi] as XmlElement;
  const afgewezen = new Map<XmlElement, string[]>();
  for (const a of b.afgewezen) if (a.codes.length > 0) afgewezen.set(prestatie(a.client, a.prestatie), a.codes);
  const clientCodes = new Map<XmlElement, string[]>([...b.clientCodes].map(([ci, codes]) => [clienten[ci], codes]));
  return { soort: 'prestaties', afgewezen, clientCodes };
}

/**
 * Judges the prestaties step by step and hands each step's rows to the database, which stores them
 * while the next step is judged; closes the stream when all are judged. A failure cancels it.
 */
async function beoordeelEnBewaar(prestaties: PrestatieStroom, invoer: DeclaratieInvoer, stand: DeclaratieStand): Promise<DeclaratieBeoordeling> {
  try {
    const stappen = beoordeelPrestatiesStapsgewijs(invoer, stand);
    for (;;) {
      const stap = stappen.next();
      if (stap.done) {
        prestaties.sluit();
        return stap.value;
      }
      // Yield to the event loop as well, so the socket takes the rows while the next step is judged.
      await (prestaties.schrijf(stap.value) ?? new Promise((r) => setImmediate(r)));
    }
  } catch (e) {
    await prestaties.trekIn(e as Error);
    throw e;
  }
}

/** One finding per retourcode (the verdict), with at most 50 locations. */
function findings(root: XmlElement, b: DeclaratieBeoordeling): RegelFinding[] {
  const clienten = root.child('Declaratie')?.child('Clienten')?.children ?? [];
  const perCode = new Map<string, string[]>();
  const voeg = (code: string, locatie: string) => {
    const l = perCode.get(code) ?? [];
    if (l.length < 50) l.push(locatie);
    perCode.set(code, l);
  };
  for (const [ci, codes] of b.clientCodes) for (const c of codes) voeg(c, clienten[ci].locatie());
  for (const a of b.afgewezen) for (const c of a.codes) voeg(c, clienten[a.client].child('Prestaties')?.children[a.prestatie]?.locatie() ?? '/Bericht/Declaratie');
  return [...perCode].map(([c, l]) => finding(c, l));
}
