import type { Domein } from '../../istandaarden';
import type { RegisterMutatie } from './mutaties';
import {
  isLater, normaliseerNummer, type BerichtSleutel, type ClientBijAanbieder, type Levering, type LeveringScope, type RegisterLezer,
  type ToewijzingVersie, type VerzoekStand,
} from './register';

const k = (...delen: Array<string | null>): string => JSON.stringify(delen);

/**
 * The register in memory, for unit tests of the rules and of the service. Applies
 * RegisterMutatie exactly as the service's persistence must.
 */
export class InMemoryRegister implements RegisterLezer {
  /** All versions per (domein, gemeente, ToewijzingNummer). */
  private readonly toewijzingen = new Map<string, ToewijzingVersie[]>();
  private readonly leveringLijst: Array<{ domein: Domein; levering: Levering }> = [];
  private readonly verzoeken = new Map<string, VerzoekStand>();
  private readonly berichten = new Set<string>();
  private readonly prestaties = new Map<string, number>();

  async toewijzing(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<ToewijzingVersie | null> {
    return this.laatste(domein, gemeente, normaliseerNummer(toewijzingNummer));
  }

  async toewijzingenVanClient(domein: Domein, client: ClientBijAanbieder): Promise<ToewijzingVersie[]> {
    const uit: ToewijzingVersie[] = [];
    for (const [key] of this.toewijzingen) {
      const [d, gemeente, nummer] = JSON.parse(key) as [Domein, string, string];
      if (d !== domein || gemeente !== client.gemeente) continue;
      const t = this.laatste(domein, gemeente, nummer);
      if (t && t.aanbieder === client.aanbieder && t.bsn === client.bsn) uit.push({ ...t });
    }
    return uit;
  }

  async leveringen(domein: Domein, scope: LeveringScope): Promise<Levering[]> {
    return this.leveringLijst.filter((r) => r.domein === domein && inScope(r.levering, scope)).map((r) => ({ ...r.levering }));
  }

  async verzoek(domein: Domein, aanbieder: string, referentieAanbieder: string): Promise<VerzoekStand | null> {
    const v = this.verzoeken.get(k(domein, aanbieder, referentieAanbieder));
    return v ? { ...v } : null;
  }

  async heeftOpenVerzoek(domein: Domein, client: ClientBijAanbieder): Promise<boolean> {
    for (const [key, v] of this.verzoeken) {
      if ((JSON.parse(key) as string[])[0] !== domein) continue;
      if (v.status === 'open' && v.gemeente === client.gemeente && v.aanbieder === client.aanbieder && v.bsn === client.bsn) return true;
    }
    return false;
  }

  async berichtBekend(domein: Domein, s: BerichtSleutel): Promise<boolean> {
    return this.berichten.has(k(domein, s.berichtCode, s.afzender, s.identificatie));
  }

  async goedgekeurdeOngecrediteerdePrestaties(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<number> {
    return this.prestaties.get(k(domein, gemeente, normaliseerNummer(toewijzingNummer))) ?? 0;
  }

  /** Test seam until the declaratie work records prestaties (TR385). */
  zetGoedgekeurdePrestaties(domein: Domein, gemeente: string, toewijzingNummer: string, aantal: number): void {
    this.prestaties.set(k(domein, gemeente, normaliseerNummer(toewijzingNummer)), aantal);
  }

  /** Applies the mutations of one approved bericht, in order. */
  pasToe(mutaties: readonly RegisterMutatie[]): void {
    for (const m of mutaties) this.pasEenToe(m);
  }

  private pasEenToe(m: RegisterMutatie): void {
    switch (m.soort) {
      case 'bericht-geregistreerd':
        this.berichten.add(k(m.domein, m.berichtCode, m.afzender, m.identificatie));
        return;
      case 'toewijzing-versie': {
        const key = k(m.domein, m.versie.gemeente, m.versie.toewijzingNummer);
        const versies = (this.toewijzingen.get(key) ?? []).filter((v) => v.toewijzingsdatum !== m.versie.toewijzingsdatum || v.toewijzingstijd !== m.versie.toewijzingstijd);
        this.toewijzingen.set(key, [...versies, { ...m.versie }]);
        return;
      }
      case 'levering-aangeleverd':
        this.leveringLijst.push({ domein: m.domein, levering: { ...m.levering, status: 'actueel' } });
        return;
      case 'levering-verwijderd': {
        const r = this.leveringLijst.find((x) => x.domein === m.domein && inScope(x.levering, m.scope) && x.levering.soort === m.leveringSoort && x.levering.sleutel === m.sleutel && x.levering.status === 'actueel');
        if (r) r.levering = { ...r.levering, status: 'verwijderd' };
        return;
      }
      case 'verzoek-geopend':
        this.verzoeken.set(k(m.domein, m.verzoek.aanbieder, m.verzoek.referentieAanbieder), { ...m.verzoek });
        return;
      case 'verzoek-beantwoord': {
        const v = this.verzoeken.get(k(m.domein, m.aanbieder, m.referentieAanbieder));
        if (!v) return;
        if (m.antwoord === 'in-onderzoek') v.inOnderzoek = true;
        else v.status = m.antwoord;
        return;
      }
    }
  }

  private laatste(domein: Domein, gemeente: string, nummer: string): ToewijzingVersie | null {
    const versies = this.toewijzingen.get(k(domein, gemeente, nummer));
    if (!versies || versies.length === 0) return null;
    return { ...versies.reduce((a, b) => (isLater(b, a) ? b : a)) };
  }
}

function inScope(l: Levering, scope: LeveringScope): boolean {
  if (l.gemeente !== scope.gemeente) return false;
  if (scope.toewijzingNummer !== null) return l.toewijzingNummer === scope.toewijzingNummer;
  return l.toewijzingNummer === null && l.aanbieder === scope.aanbieder && l.bsn === scope.bsn;
}
