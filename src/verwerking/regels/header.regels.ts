import type { BerichtInhoud } from '../../istandaarden';
import { klasse, type Beoordeling, type CbsGemeentecodes } from './bevindingen';

/** TR056 → 9056: Identificatie unique per berichtsoort per sender (the Dagtekening is not part of the key). */
export async function tr056IdentificatieNietUniek(b: Beoordeling): Promise<boolean> {
  const h = b.bericht.header;
  return b.register.berichtBekend(b.domein, { berichtCode: h.berichtCode, afzender: h.afzender, identificatie: h.berichtIdentificatie.identificatie });
}

/** TR135 → 8848: the Dagtekening may not be after the receiver's system date. */
export function tr135DagtekeningNaSysteemdatum(dagtekening: string, vandaag: string): boolean {
  return dagtekening > vandaag;
}

/**
 * TR378 → S300: the gemeentecode must be in the CBS list valid on the relevant date.
 * (interpretation) After a herindeling an older list is allowed, so a code passes when it is in
 * the list valid on the Dagtekening or on any of the bericht's Ingangsdatum (301) /
 * ToewijzingIngangsdatum (315) dates.
 */
export async function tr378GemeentecodeOnbekend(lijst: CbsGemeentecodes, code: string, peildata: readonly string[]): Promise<boolean> {
  for (const datum of peildata) if (await lijst.bestaatOp(code, datum)) return false;
  return true;
}

/** The gemeente in the Header: Afzender of what the gemeente sends, Ontvanger of what it receives. */
export function headerGemeente(b: Beoordeling): string {
  const h = b.bericht.header;
  return b.def.richting === 'gemeente-naar-aanbieder' ? h.afzender : h.ontvanger;
}

function peildata(dagtekening: string, inhoud: BerichtInhoud): string[] {
  const data = [dagtekening];
  if (inhoud.nummer === '301') for (const tp of inhoud.toegewezenProducten) data.push(tp.ingangsdatum);
  if (inhoud.nummer === '315') for (const ap of inhoud.aangevraagdeProducten) data.push(ap.toewijzingIngangsdatum);
  return [...new Set(data)];
}

/** Header rules (TR056, TR135, TR378); each puts its code on the Header only. */
export async function beoordeelHeader(b: Beoordeling): Promise<void> {
  const header = klasse(b.root, 'Header');
  const id = klasse(b.root, 'Header', 'BerichtIdentificatie');
  const dagtekening = b.bericht.header.berichtIdentificatie.dagtekening;
  if (await tr056IdentificatieNietUniek(b)) b.bevindingen.headerFout('TR056', '9056', id);
  if (tr135DagtekeningNaSysteemdatum(dagtekening, b.context.vandaag)) b.bevindingen.headerFout('TR135', '8848', id);
  const lijst = b.context.gemeenteCodes;
  if (lijst) {
    const veld = b.def.richting === 'gemeente-naar-aanbieder' ? 'Afzender' : 'Ontvanger';
    if (await tr378GemeentecodeOnbekend(lijst, headerGemeente(b), peildata(dagtekening, b.bericht.inhoud))) {
      b.bevindingen.headerFout('TR378', 'S300', header.child(veld) ?? header);
    }
  }
}
