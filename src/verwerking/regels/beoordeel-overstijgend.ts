import { parseBericht, type BerichtDefinitie, type GetypeerdBericht, type XmlElement } from '../../istandaarden';
import { beoordeelAntwoord } from './antwoord.regels';
import { Bevindingen, type Beoordeling, type OverstijgendContext, type OverstijgendOordeel } from './bevindingen';
import { beoordeelHeader } from './header.regels';
import type { RegisterLezer } from './register';
import { beoordeelRegie } from './regie.regels';
import { beoordeelToewijzing } from './toewijzing.regels';
import { beoordeelVerzoek } from './verzoek.regels';

/** A schema-valid heenbericht that passed the rules inside the bericht (level 2). */
export interface TeBeoordelenBericht {
  root: XmlElement;
  def: BerichtDefinitie;
  /** parseBericht(root, def), when the caller has it already (the pipeline parses a bericht once). */
  getypeerd?: GetypeerdBericht;
}

/**
 * Judges a heenbericht against the register (controleniveau 3 berichtoverstijgend and 4 externe
 * bron, istandaarden-3.2.md §4.1): 305/307/315/317 as received, our own 301/319 before sending.
 * Header rules first (TR056, TR135, TR378); a Header error is returned alone, as the retour then
 * holds only the Header. Otherwise the class rules of the bericht run and any code rejects it whole.
 * For 323/325 only the Header rules run here; their own rules belong to the declaratie work.
 * Reads the register only; what an approved bericht changes comes from mutatiesVoor.
 * The caller answers a transport redelivery (same key, same content) from its store before this.
 */
export async function beoordeelOverstijgend(bericht: TeBeoordelenBericht, register: RegisterLezer, context: OverstijgendContext): Promise<OverstijgendOordeel> {
  const { root, def } = bericht;
  if (def.isRetour) throw new Error(`${def.naam} is a retourbericht: the rules across berichten judge heenberichten`);
  const b: Beoordeling = { root, def, bericht: bericht.getypeerd ?? parseBericht(root, def), domein: def.domein, register, context, bevindingen: new Bevindingen() };
  await beoordeelHeader(b);
  if (b.bevindingen.header.length > 0) return b.bevindingen.oordeel();
  switch (def.nummer) {
    case '301':
      await beoordeelToewijzing(b);
      break;
    case '305':
    case '307':
      await beoordeelRegie(b);
      break;
    case '315':
    case '317':
      await beoordeelVerzoek(b);
      break;
    case '319':
      await beoordeelAntwoord(b);
      break;
    default:
      break;
  }
  return b.bevindingen.oordeel();
}
