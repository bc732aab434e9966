import { createHash } from 'node:crypto';
import type { BerichtDefinitie, GetypeerdBericht } from '../../istandaarden';
import { normaliseerNummer } from '../regels';

/**
 * The parts of the register one bericht reads or changes, as lock names. Two berichten that share
 * one are judged one after the other (the second sees the first's changes), so two workers cannot
 * both approve, say, a start on the same toewijzing (TR326) or the same ReferentieAanbieder (TR347).
 * - toewijzing: (domein, gemeente, ToewijzingNummer): 301 versions, 305/307 keys, TR019, VOW lists;
 * - client: (domein, gemeente, aanbieder, BSN): toewijzingen of a client (VOW), open verzoeken
 *   (TR374), start/stop without toewijzing (IV096);
 * - verzoek: (domein, aanbieder, ReferentieAanbieder): TR347, TR355-TR365, TR379;
 * - bericht: the TR056 key.
 */
export function registerSloten(def: BerichtDefinitie, b: GetypeerdBericht): string[] {
  const d = def.domein;
  const h = b.header;
  const naarAanbieder = def.richting === 'gemeente-naar-aanbieder';
  const gemeente = naarAanbieder ? h.afzender : h.ontvanger;
  const aanbieder = naarAanbieder ? h.ontvanger : h.afzender;
  const sloten = [`bericht|${d}|${h.berichtCode}|${h.afzender}|${h.berichtIdentificatie.identificatie}`];
  const toewijzing = (nummer: string) => sloten.push(`toewijzing|${d}|${gemeente}|${normaliseerNummer(nummer)}`);
  const client = (bsn: string | null) => sloten.push(`client|${d}|${gemeente}|${aanbieder}|${bsn ?? ''}`);
  const verzoek = (ref: string) => sloten.push(`verzoek|${d}|${aanbieder}|${ref}`);
  const i = b.inhoud;
  switch (i.nummer) {
    case '301':
    case '302':
      client(i.bsn);
      for (const tp of i.toegewezenProducten) {
        toewijzing(tp.toewijzingNummer);
        if (tp.referentieAanbieder !== null) verzoek(tp.referentieAanbieder);
      }
      break;
    case '305':
    case '306':
    case '307':
    case '308': {
      client(i.bsn);
      const regels = 'startProducten' in i ? i.startProducten : i.stopProducten;
      for (const p of regels) if (p.toewijzingNummer !== null) toewijzing(p.toewijzingNummer);
      break;
    }
    case '315':
    case '316':
      client(i.bsn);
      for (const ap of i.aangevraagdeProducten) verzoek(ap.referentieAanbieder);
      break;
    case '317':
    case '318':
      client(i.bsn);
      if (i.verzoek) {
        verzoek(i.verzoek.referentieAanbieder);
        for (const n of [...i.verzoek.ongewijzigd, ...i.verzoek.teWijzigen.map((t) => t.toewijzingNummer)]) toewijzing(n);
      }
      break;
    case '319':
    case '320':
      if (i.antwoord) verzoek(i.antwoord.referentieAanbieder);
      break;
    default:
      break;
  }
  return [...new Set(sloten)];
}

/**
 * The advisory lock numbers of these names, distinct and ascending: every transaction takes its locks
 * in the same global order, so two berichten never wait for each other in a cycle.
 */
export function slotNummers(sloten: readonly string[]): bigint[] {
  const nummers = new Set(sloten.map((s) => createHash('sha256').update(s, 'utf8').digest().readBigInt64BE(0)));
  return [...nummers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
