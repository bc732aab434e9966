import type { EntityManager } from 'typeorm';
import type { GetypeerdBericht, RegelFinding } from '../../istandaarden';
import { beoordeelOverstijgend, type RegisterLezer, type RegisterVoorlading } from '../regels';
import { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';
import { PostgresRegister, registerSloten, vergrendel } from '../register';
import type { VerwerkingContext, VerwerkingStap } from '../verwerking.ports';

/** TR056 for a new envelope with a BerichtIdentificatie received before (ingest's duplicaat_van). */
export const TR056_DUPLICAAT: RegelFinding = { code: 'TR056', retourcode: '9056', locatie: ['/Bericht/Header/BerichtIdentificatie/Identificatie'] };

/** Seams for tests; the service uses the PostgreSQL register and advisory locks. */
export interface OverstijgendDeps {
  register?: (tx: EntityManager) => RegisterLezer;
  vergrendel?: (tx: EntityManager, sloten: readonly string[]) => Promise<void>;
  klok?: () => Date;
}

/**
 * Decides how a heenbericht is judged (istandaarden-3.2.md §4.1-4.2, IV028), in level order:
 * level 2 findings → Header 0001 only; a TR056 duplicate → Header 9056 only; otherwise the rules
 * across berichten (levels 3/4) against the register, under locks on the register parts the bericht
 * touches. Our own 301/319 are judged the same way before they are sent, but get no retour.
 * 323/325 are the declaratie work (DeclaratieStap); retourberichten are never judged here.
 */
export class OverstijgendeRegelsStap implements VerwerkingStap {
  readonly naam = 'regels-overstijgend';

  private readonly deps: Required<OverstijgendDeps>;

  constructor(deps: OverstijgendDeps = {}) {
    this.deps = { register: (tx) => new PostgresRegister(tx), vergrendel, klok: () => new Date(), ...deps };
  }

  async voerUit(ctx: VerwerkingContext): Promise<void> {
    const def = ctx.validated.definitie;
    if (!def) throw new Error('a schema-valid bericht without definitie');
    if (def.isRetour) return;
    const inkomend = def.richting === 'aanbieder-naar-gemeente';
    if (ctx.regels.length > 0) {
      if (inkomend && def.nummer !== '323') ctx.stand.retourOordeel = { soort: 'header', retourCodes: ['0001'] };
      return;
    }
    if (ctx.bericht.duplicaatVan) {
      ctx.regels.push(TR056_DUPLICAAT);
      if (inkomend && def.nummer !== '323') ctx.stand.retourOordeel = { soort: 'header', retourCodes: ['9056'] };
      return;
    }
    if (def.nummer === '323' || def.nummer === '325') return;
    const root = ctx.validated.root;
    if (!root) throw new Error('a schema-valid bericht without its tree');

    const getypeerd = ctx.getypeerd();
    await this.deps.vergrendel(ctx.tx, registerSloten(def, getypeerd));
    const register = this.deps.register(ctx.tx);
    await register.voorlaad?.(def.domein, voorlading(getypeerd));
    const { bevindingen, ...oordeel } = await beoordeelOverstijgend({ root, def, getypeerd }, register, { vandaag: vandaagInNederland(this.deps.klok()) });
    ctx.regels.push(...bevindingen);
    ctx.stand.goedgekeurd = oordeel.soort === 'goedgekeurd';
    if (inkomend) ctx.stand.retourOordeel = oordeel;
  }
}

/** What the rules will ask the register for this bericht: its TR056 key and, for a 305/307, the toewijzingen it names. */
function voorlading(b: GetypeerdBericht): RegisterVoorlading {
  const { header, inhoud } = b;
  const bericht = { berichtCode: header.berichtCode, afzender: header.afzender, identificatie: header.berichtIdentificatie.identificatie };
  if (inhoud.nummer !== '305' && inhoud.nummer !== '307') return { bericht, toewijzingen: null };
  const producten: ReadonlyArray<{ toewijzingNummer: string | null }> = 'startProducten' in inhoud ? inhoud.startProducten : inhoud.stopProducten;
  const nummers = producten.flatMap((p) => (p.toewijzingNummer === null ? [] : [p.toewijzingNummer]));
  return { bericht, toewijzingen: { gemeente: header.ontvanger, nummers } };
}
