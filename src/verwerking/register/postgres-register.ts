import type { EntityManager } from 'typeorm';
import { sql } from '../../platform/database/sql';
import type { Domein } from '../../istandaarden';
import {
  isLater, normaliseerNummer, type BerichtSleutel, type ClientBijAanbieder, type Levering, type LeveringScope, type RegisterLezer,
  type RegisterVoorlading, type ToewijzingVersie, type VerzoekStand,
} from '../regels';
import { RegisterLevering, RegisterToewijzing, RegisterVerzoek } from './register.entities';

/**
 * RegisterLezer on the register tables, inside the bericht's transaction (its EntityManager), so the
 * rules see what earlier committed berichten changed and nothing of berichten still in flight.
 * Answers exactly as InMemoryRegister does for the same mutations (test/integration/verwerking).
 */
export class PostgresRegister implements RegisterLezer {
  /** What voorlaad read, by key; only for this bericht's transaction (the register is made per bericht). */
  private readonly voorgeladen = { toewijzingen: new Map<string, ToewijzingRij[]>(), bericht: new Map<string, boolean>() };

  constructor(private readonly m: EntityManager) {}

  /** TR056's key and the toewijzingen in one statement instead of one round trip each. */
  async voorlaad(domein: Domein, v: RegisterVoorlading): Promise<void> {
    const nummers = [...new Set((v.toewijzingen?.nummers ?? []).map(normaliseerNummer))];
    const r = await sql<{ bekend: boolean; toewijzingen: ToewijzingRij[] }>(
      this.m,
      `SELECT EXISTS (SELECT 1 FROM register_bericht_identificatie
                       WHERE domein = $1 AND berichtcode = $2 AND afzender = $3 AND identificatie = $4) AS bekend,
              (SELECT coalesce(json_agg(t), '[]'::json) FROM (
                 SELECT ${TOEWIJZING_KOLOMMEN} FROM client_register_toewijzing
                  WHERE domein = $1 AND gemeente = $5 AND toewijzing_nummer = ANY($6::text[])) t) AS toewijzingen`,
      [domein, v.bericht.berichtCode, v.bericht.afzender, v.bericht.identificatie, v.toewijzingen?.gemeente ?? '', nummers],
    );
    const { bekend, toewijzingen } = r.rows[0];
    this.voorgeladen.bericht.set(berichtSleutel(domein, v.bericht), bekend);
    if (!v.toewijzingen) return;
    for (const n of nummers) this.voorgeladen.toewijzingen.set(toewijzingSleutel(domein, v.toewijzingen.gemeente, n), []);
    for (const t of toewijzingen) this.voorgeladen.toewijzingen.get(toewijzingSleutel(domein, t.gemeente, t.toewijzingNummer))?.push(t);
  }

  // The lookups every heenbericht makes are prepared plain SQL: TypeORM's query building cost more
  // CPU per bericht than PostgreSQL's work for them (bench/e2e.bench.ts).
  async toewijzing(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<ToewijzingVersie | null> {
    const vooraf = this.voorgeladen.toewijzingen.get(toewijzingSleutel(domein, gemeente, normaliseerNummer(toewijzingNummer)));
    if (vooraf) return laatste(vooraf);
    const versies = await sql<ToewijzingRij>(
      this.m,
      `SELECT ${TOEWIJZING_KOLOMMEN} FROM client_register_toewijzing WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = $3`,
      [domein, gemeente, normaliseerNummer(toewijzingNummer)],
    );
    return laatste(versies.rows);
  }

  async toewijzingenVanClient(domein: Domein, client: ClientBijAanbieder): Promise<ToewijzingVersie[]> {
    // Every toewijzing that ever had a version for this client; then its latest version decides.
    const versies = await this.m
      .getRepository(RegisterToewijzing)
      .createQueryBuilder('t')
      .where('t.domein = :domein AND t.gemeente = :gemeente', { domein, gemeente: client.gemeente })
      .andWhere(
        `t.toewijzing_nummer IN (SELECT c.toewijzing_nummer FROM client_register_toewijzing c
          WHERE c.domein = :domein AND c.gemeente = :gemeente AND c.aanbieder = :aanbieder AND c.bsn = :bsn)`,
        { aanbieder: client.aanbieder, bsn: client.bsn },
      )
      .orderBy('t.id')
      .getMany();
    const perNummer = new Map<string, RegisterToewijzing[]>();
    for (const v of versies) perNummer.set(v.toewijzingNummer, [...(perNummer.get(v.toewijzingNummer) ?? []), v]);
    const uit: ToewijzingVersie[] = [];
    for (const lijst of perNummer.values()) {
      const t = laatste(lijst);
      if (t && t.aanbieder === client.aanbieder && t.bsn === client.bsn) uit.push(t);
    }
    return uit;
  }

  async leveringen(domein: Domein, scope: LeveringScope): Promise<Levering[]> {
    const q = this.m.getRepository(RegisterLevering).createQueryBuilder('l').where('l.domein = :domein AND l.gemeente = :gemeente', { domein, gemeente: scope.gemeente });
    if (scope.toewijzingNummer !== null) q.andWhere('l.toewijzing_nummer = :nummer', { nummer: scope.toewijzingNummer });
    else q.andWhere('l.toewijzing_nummer IS NULL AND l.aanbieder = :aanbieder AND l.bsn = :bsn', { aanbieder: scope.aanbieder, bsn: scope.bsn });
    const rows = await q.orderBy('l.id').getMany();
    return rows.map(alsLevering);
  }

  async verzoek(domein: Domein, aanbieder: string, referentieAanbieder: string): Promise<VerzoekStand | null> {
    const v = await this.m.getRepository(RegisterVerzoek).findOne({ where: { domein, aanbieder, referentieAanbieder } });
    return v ? alsVerzoek(v) : null;
  }

  async heeftOpenVerzoek(domein: Domein, client: ClientBijAanbieder): Promise<boolean> {
    return this.bestaat(
      `SELECT 1 FROM client_register_verzoek WHERE domein = $1 AND gemeente = $2 AND aanbieder = $3 AND bsn = $4 AND status = 'open' LIMIT 1`,
      [domein, client.gemeente, client.aanbieder, client.bsn],
    );
  }

  /** TR385: approved, not credited debits on this toewijzing (client_register_prestatie). */
  async goedgekeurdeOngecrediteerdePrestaties(domein: Domein, gemeente: string, toewijzingNummer: string): Promise<number> {
    const [r] = (await this.m.query(
      `SELECT count(*)::int AS n FROM client_register_prestatie
        WHERE domein = $1 AND gemeente = $2 AND toewijzing_nummer = $3 AND status = 'goedgekeurd' AND debet_credit = 'D'`,
      [domein, gemeente, normaliseerNummer(toewijzingNummer)],
    )) as Array<{ n: number }>;
    return r.n;
  }

  async berichtBekend(domein: Domein, s: BerichtSleutel): Promise<boolean> {
    const vooraf = this.voorgeladen.bericht.get(berichtSleutel(domein, s));
    if (vooraf !== undefined) return vooraf;
    return this.bestaat(
      `SELECT 1 FROM register_bericht_identificatie
        WHERE domein = $1 AND berichtcode = $2 AND afzender = $3 AND identificatie = $4 LIMIT 1`,
      [domein, s.berichtCode, s.afzender, s.identificatie],
    );
  }

  private async bestaat(tekst: string, parameters: unknown[]): Promise<boolean> {
    return (await sql(this.m, tekst, parameters)).rows.length > 0;
  }
}

const TOEWIJZING_KOLOMMEN = `gemeente, toewijzing_nummer AS "toewijzingNummer", aanbieder, bsn, referentie_aanbieder AS "referentieAanbieder",
  product, toewijzingsdatum::text AS toewijzingsdatum, toewijzingstijd, ingangsdatum::text AS ingangsdatum, einddatum::text AS einddatum,
  reden_wijziging AS "redenWijziging", omvang, budget_centen::float8 AS "budgetCenten"`;

const toewijzingSleutel = (domein: Domein, gemeente: string, nummer: string): string => `${domein}\u0000${gemeente}\u0000${nummer}`;
const berichtSleutel = (domein: Domein, s: BerichtSleutel): string => `${domein}\u0000${s.berichtCode}\u0000${s.afzender}\u0000${s.identificatie}`;

/** A row as TOEWIJZING_KOLOMMEN reads it: the fields of RegisterToewijzing that make a version. */
type ToewijzingRij = Omit<RegisterToewijzing, 'id' | 'domein' | 'inboundId' | 'geboortedatum' | 'geboortedatumGebruik'>;

/** IV013: the version with the latest Toewijzingsdatum + Toewijzingstijd. */
function laatste(versies: readonly ToewijzingRij[]): ToewijzingVersie | null {
  if (versies.length === 0) return null;
  return versies.map(alsVersie).reduce((a, b) => (isLater(b, a) ? b : a));
}

function alsVersie(t: ToewijzingRij): ToewijzingVersie {
  return {
    gemeente: t.gemeente,
    toewijzingNummer: t.toewijzingNummer,
    aanbieder: t.aanbieder,
    bsn: t.bsn,
    referentieAanbieder: t.referentieAanbieder,
    product: t.product,
    toewijzingsdatum: t.toewijzingsdatum,
    toewijzingstijd: t.toewijzingstijd,
    ingangsdatum: t.ingangsdatum,
    einddatum: t.einddatum,
    redenWijziging: t.redenWijziging,
    omvang: t.omvang,
    budgetCenten: t.budgetCenten,
  };
}

function alsLevering(l: RegisterLevering): Levering {
  return {
    gemeente: l.gemeente,
    aanbieder: l.aanbieder,
    bsn: l.bsn,
    toewijzingNummer: l.toewijzingNummer,
    soort: l.soort,
    sleutel: l.sleutel,
    startSleutel: l.startSleutel,
    product: l.product,
    toewijzingIngangsdatum: l.toewijzingIngangsdatum,
    begindatum: l.begindatum,
    redenBeeindiging: l.redenBeeindiging,
    einddatum: l.einddatum,
    status: l.status,
  };
}

function alsVerzoek(v: RegisterVerzoek): VerzoekStand {
  return {
    gemeente: v.gemeente,
    aanbieder: v.aanbieder,
    bsn: v.bsn,
    referentieAanbieder: v.referentieAanbieder,
    berichtNummer: v.berichtNummer,
    status: v.status,
    inOnderzoek: v.inOnderzoek,
  };
}
