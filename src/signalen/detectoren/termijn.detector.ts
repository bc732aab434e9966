import type { Signaal } from '../signaal.port';
import { eersteWerkdagVanaf, plusDagen, plusWerkdagen, werkdagenTussen } from './kalender';

/**
 * Something the gemeente still owes an aanbieder (no client data: the BSN stays in the query).
 * - `heenbericht`: a 305/307/315/317/323 received over the GGK whose answer (retour, 325, or the
 *   Fo01 of a level-1 rejection) was not delivered: still being processed, uitval, or the envelope
 *   not sent or refused by the GGK.
 * - `verzoek`: the open verzoeken (AangevraagdProducten) of one 315, or one 317, without our 301/319.
 */
export interface OpenTermijn {
  soort: 'heenbericht' | 'verzoek';
  /** Id (uuid) of the received bericht: the backoffice opens it with GET /api/berichten/:id. */
  referentie: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  aanbieder: string;
  /** 'JW305', 'WMO323', ... */
  bericht: string;
  /** Dutch calendar date of receipt. */
  ontvangen: string;
  /** The bericht's Dagtekening (the 8 weeks of a verzoek in onderzoek count from it). */
  dagtekening: string | null;
  /** heenbericht: 'in-verwerking' | 'uitval' | 'niet-bezorgd'; verzoek: 'geen-antwoord' | 'in-onderzoek'. */
  oorzaak: string;
  /** Open verzoeken in the bericht; 1 for a heenbericht. */
  aantal: number;
}

export interface TermijnInstellingen {
  /** A waarschuwing once the deadline is this many werkdagen away or fewer. */
  waarschuwingWerkdagen: number;
  /** Deadlines passed longer ago than this many days are not signalled any more (old backlog is no news). */
  horizonDagen: number;
}

export const TERMIJN_TYPE = 'termijn.overschreden';

/** Our deadline for an open item (istandaarden-3.2.md §4.2, §4.3, §5.2); null when none applies. */
export function termijnVan(t: Pick<OpenTermijn, 'soort' | 'bericht' | 'ontvangen' | 'dagtekening' | 'oorzaak'>): { termijn: string; opCode: string; uiterlijk: string } | null {
  const nummer = t.bericht.slice(-3);
  if (t.soort === 'heenbericht') {
    if (nummer === '323') return { termijn: 'declaratie-antwoord', opCode: 'OP090x4', uiterlijk: plusWerkdagen(t.ontvangen, 10) };
    if (['305', '307', '315', '317'].includes(nummer)) return { termijn: 'retour', opCode: 'OP090', uiterlijk: plusWerkdagen(t.ontvangen, 3) };
    return null;
  }
  if (nummer !== '315' && nummer !== '317') return null;
  const opCode = nummer === '315' ? 'OP274' : 'OP346';
  if (t.oorzaak === 'in-onderzoek') {
    // 8 weeks are calendar weeks from the Dagtekening; a term ending on a free day runs to the next werkdag.
    return { termijn: 'verzoek-onderzoek', opCode, uiterlijk: eersteWerkdagVanaf(plusDagen(t.dagtekening ?? t.ontvangen, 56)) };
  }
  return { termijn: 'verzoek-antwoord', opCode, uiterlijk: plusWerkdagen(t.ontvangen, 5) };
}

/**
 * TERMIJN-GEMEENTE: per open item a signal when its deadline is near (`bijna`, waarschuwing: at
 * most `waarschuwingWerkdagen` werkdagen left, the deadline day included) and once it has passed
 * (`verlopen`, kritiek: the calendar day after the deadline). Each stage once per item; an item
 * first seen overdue gets only the second. Retour 3 werkdagen (OP090), 325 10 werkdagen
 * (OP090x4), 301/319 on a VOT/VOW 5 werkdagen (OP274, OP346) and 8 weeks after "in onderzoek",
 * counted from the day of receipt (that day itself not included).
 */
export function detecteerTermijnen(rijen: readonly OpenTermijn[], vandaag: string, inst: TermijnInstellingen, waargenomenOp: string): Signaal[] {
  const signalen: Signaal[] = [];
  const horizon = plusDagen(vandaag, -inst.horizonDagen);
  for (const t of rijen) {
    // A header the gateway could not read gives no valid signal envelope (the writer would refuse it).
    if (!/^\d{4}$/.test(t.gemeente) || !/^\d{8}$/.test(t.aanbieder)) continue;
    const k = termijnVan(t);
    if (k === null || k.uiterlijk < horizon) continue;
    const werkdagenOver = werkdagenTussen(vandaag, k.uiterlijk);
    const fase = vandaag > k.uiterlijk ? 'verlopen' : werkdagenOver <= inst.waarschuwingWerkdagen ? 'bijna' : null;
    if (fase === null) continue;
    signalen.push({
      type: TERMIJN_TYPE,
      version: 1,
      domein: t.domein,
      gemeente: t.gemeente,
      aanbieder: t.aanbieder,
      contractId: null,
      regel: k.opCode,
      periode: { van: t.ontvangen, tot: k.uiterlijk },
      cijfers: {
        termijn: k.termijn,
        opCode: k.opCode,
        bericht: t.bericht,
        ontvangen: t.ontvangen,
        uiterlijk: k.uiterlijk,
        werkdagenOver,
        oorzaak: t.oorzaak,
        aantal: t.aantal,
        referentie: t.referentie,
      },
      waargenomenOp,
      dedupKey: `termijn-overschreden:${k.termijn}:${t.referentie}:${fase}`,
      ernst: fase === 'verlopen' ? 'kritiek' : 'waarschuwing',
    });
  }
  return signalen;
}
