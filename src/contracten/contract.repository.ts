import type { DataSource, EntityManager } from 'typeorm';
import type { ClientenstopInvoer } from './clientenstop-invoer';
import type { ContractInvoer, InzetNorm, NormenWijziging } from './contract-invoer';
import type { StopContract } from './clientenstop.signalen';
import type { DrempelStaat } from './drempels';
import { sql } from '../platform/database/sql';

export interface BestedingsruimteRij {
  id: string;
  contractId: string;
  periodeVan: string;
  periodeTot: string;
  versie: number;
  budgetCenten: string;
  besteedCenten: string;
  meetgrondslag: string;
  monitoring: string;
  drempelStaat: DrempelStaat;
}

export interface ClientenstopRij extends ClientenstopInvoer {
  id: string;
  geregistreerdOp: Date;
}

/** What booking and a new bestedingsruimte need of a contract. */
export interface ContractKop {
  id: string;
  domein: 'wmo' | 'jeugd';
  gemeente: string;
  gemeenten: string[];
  aanbieder: string;
  uitvoeringsvariant: string;
  artikelen: string[];
}

const BR_KOLOMMEN = `b.id, b.contract_id AS "contractId", to_char(b.periode_van, 'YYYY-MM-DD') AS "periodeVan",
  to_char(b.periode_tot, 'YYYY-MM-DD') AS "periodeTot", b.versie, b.budget_centen::text AS "budgetCenten",
  b.besteed_centen::text AS "besteedCenten", b.meetgrondslag, b.monitoring, b.drempel_staat AS "drempelStaat"`;

/** All SQL on the contract tables. Writes and the booking take the caller's EntityManager. */
export class ContractRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Kenmerken of these contracts that are stored already (per domein and gemeente). */
  async bestaandeKenmerken(m: EntityManager, contracten: readonly ContractInvoer[]): Promise<Set<string>> {
    if (contracten.length === 0) return new Set();
    const rows = await run<{ k: string }>(
      m,
      `SELECT domein || '/' || gemeente || '/' || kenmerk AS k FROM contract
        WHERE (domein, gemeente, kenmerk) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      [contracten.map((c) => c.domein), contracten.map((c) => c.gemeente), contracten.map((c) => c.kenmerk)],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** Inserts one contract with its products and bestedingsruimtes; returns its id. */
  async insert(m: EntityManager, c: ContractInvoer): Promise<string> {
    await run(m, `INSERT INTO contract_aanbieder (agb, naam) VALUES ($1, $2) ON CONFLICT (agb) DO UPDATE SET naam = COALESCE(EXCLUDED.naam, contract_aanbieder.naam)`, [
      c.aanbieder.agb,
      c.aanbieder.naam,
    ]);
    const [{ id }] = await run<{ id: string }>(
      m,
      `INSERT INTO contract (kenmerk, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, looptijd_van, looptijd_tot, verlengopties, besluitdatum, artikelen, wachttijd_normen, inzet_norm,
                             looptijd_motivatie)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        c.kenmerk, c.domein, c.gemeente, c.gemeenten, c.aanbieder.agb, c.uitvoeringsvariant, c.looptijd.van, c.looptijd.tot, JSON.stringify(c.verlengopties), c.besluitdatum, c.artikelen,
        c.wachttijdNormen === null ? null : JSON.stringify(c.wachttijdNormen), c.inzetNorm === null ? null : JSON.stringify(c.inzetNorm), c.looptijdMotivatie,
      ],
    );
    for (const p of c.producten) {
      await run(m, `INSERT INTO contract_product (contract_id, product_code, eenheid, tarief_centen, geldig_van, geldig_tot) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        p.productCode,
        p.eenheid,
        p.tariefCenten,
        p.geldigVan,
        p.geldigTot,
      ]);
    }
    for (const b of c.bestedingsruimtes) {
      await run(m, `INSERT INTO bestedingsruimte (contract_id, periode_van, periode_tot, versie, budget_centen, meetgrondslag, monitoring) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        b.van,
        b.tot,
        b.versie,
        b.budgetCenten,
        b.meetgrondslag,
        b.monitoring,
      ]);
    }
    return id;
  }

  /** The tarief valid on `datum` within the contract's looptijd, for a gemeente the contract covers. */
  async tarief(
    m: EntityManager,
    q: { domein: string; gemeente: string; aanbieder: string; productCode: string; datum: string },
  ): Promise<{ contractId: string; productCode: string; eenheid: string; tariefCenten: string } | null> {
    const rows = await run<{ contractId: string; productCode: string; eenheid: string; tariefCenten: string }>(
      m,
      `SELECT c.id AS "contractId", p.product_code AS "productCode", p.eenheid, p.tarief_centen::text AS "tariefCenten"
         FROM contract c JOIN contract_product p ON p.contract_id = c.id
        WHERE c.domein = $1 AND $2 = ANY (c.gemeenten) AND c.aanbieder = $3 AND p.product_code = $4
          AND c.looptijd_van <= $5::date AND (c.looptijd_tot IS NULL OR c.looptijd_tot >= $5::date)
          AND p.geldig_van <= $5::date AND (p.geldig_tot IS NULL OR p.geldig_tot >= $5::date)
        ORDER BY p.geldig_van DESC, c.looptijd_van DESC
        LIMIT 1`,
      [q.domein, q.gemeente, q.aanbieder, q.productCode, q.datum],
    );
    return rows[0] ?? null;
  }

  /**
   * Adds `centen` to the running total of the newest version of the bestedingsruimte whose period
   * holds `datum`: one UPDATE, which takes the row lock until the caller's transaction ends, so
   * concurrent bookings on the same contract queue up and every one sees the total before it.
   */
  async boek(m: EntityManager, contractId: string, datum: string, centen: number): Promise<BestedingsruimteRij | null> {
    // An addendum (a new version) copies the running total under this lock: no booking between.
    await this.vergrendelBestedingsruimte(m, contractId);
    // The month's total of the period (BR-DREIGT's run-rate) in the same statement.
    const rows = await run<BestedingsruimteRij>(
      m,
      `WITH b AS (
         UPDATE bestedingsruimte b SET besteed_centen = b.besteed_centen + $3::bigint, updated_at = now()
          WHERE b.id = (SELECT id FROM bestedingsruimte
                         WHERE contract_id = $1 AND periode_van <= $2::date AND periode_tot >= $2::date
                         ORDER BY versie DESC LIMIT 1)
          RETURNING ${BR_KOLOMMEN}),
       maand AS (
         INSERT INTO bestedingsruimte_maand AS t (contract_id, periode_van, maand, centen)
         SELECT b."contractId", b."periodeVan"::date, date_trunc('month', $2::date)::date, $3::bigint FROM b
         ON CONFLICT (contract_id, periode_van, maand) DO UPDATE SET centen = t.centen + EXCLUDED.centen)
       SELECT * FROM b`,
      [contractId, datum, centen],
    );
    return rows[0] ?? null;
  }

  /**
   * The contract's bestedingsruimte lock (transaction-scoped): every booking and every new version
   * or period takes it first, so a new version copies a total no booking is about to change.
   */
  async vergrendelBestedingsruimte(m: EntityManager, contractId: string): Promise<void> {
    await run(m, `SELECT pg_advisory_xact_lock(hashtextextended('bestedingsruimte|' || $1, 0))`, [contractId]);
  }

  /** The newest version of the period of this contract that starts on `van`, if any. */
  async bestedingsruimteVersie(m: EntityManager, contractId: string, van: string): Promise<BestedingsruimteRij | null> {
    const rows = await run<BestedingsruimteRij>(
      m,
      `SELECT ${BR_KOLOMMEN} FROM bestedingsruimte b WHERE b.contract_id = $1 AND b.periode_van = $2::date ORDER BY b.versie DESC LIMIT 1`,
      [contractId, van],
    );
    return rows[0] ?? null;
  }

  /** Another period of this contract (another start date) that shares a day with van..tot. */
  async overlappendePeriode(m: EntityManager, contractId: string, van: string, tot: string): Promise<{ van: string; tot: string } | null> {
    const rows = await run<{ van: string; tot: string }>(
      m,
      `SELECT to_char(periode_van, 'YYYY-MM-DD') AS van, to_char(periode_tot, 'YYYY-MM-DD') AS tot FROM bestedingsruimte
        WHERE contract_id = $1 AND periode_van <> $2::date AND periode_van <= $3::date AND periode_tot >= $2::date
        ORDER BY periode_van LIMIT 1`,
      [contractId, van, tot],
    );
    return rows[0] ?? null;
  }

  /**
   * A new period registered after declaraties for it were answered: what the bookings of the
   * approved prestaties of this contract dated van..tot (ProductPeriode begin) would have added up
   * to, per month (bestedingsruimte_maand) and in all: debits plus their credits (a credited debit
   * and its credit cancel), signed. Scans the contract's prestaties.
   */
  async vulMaanden(m: EntityManager, contractId: string, van: string, tot: string): Promise<bigint> {
    const [r] = await run<{ centen: string }>(
      m,
      `WITH maanden AS (
         INSERT INTO bestedingsruimte_maand (contract_id, periode_van, maand, centen)
         SELECT $1::uuid, $2::date, date_trunc('month', periode_begin)::date, sum(bedrag_centen) FROM client_register_prestatie
          WHERE contract_id = $1::text AND status IN ('goedgekeurd', 'gecrediteerd') AND periode_begin BETWEEN $2::date AND $3::date
          GROUP BY 3
         RETURNING centen)
       SELECT COALESCE(sum(centen), 0)::text AS centen FROM maanden`,
      [contractId, van, tot],
    );
    return BigInt(r.centen);
  }

  /** A new version or period with its running total; returns the row as boek does. */
  async insertBestedingsruimte(
    m: EntityManager,
    contractId: string,
    b: { van: string; tot: string; versie: number; budgetCenten: number; besteedCenten: bigint; meetgrondslag: string; monitoring: string },
  ): Promise<BestedingsruimteRij> {
    const [rij] = await run<BestedingsruimteRij>(
      m,
      `INSERT INTO bestedingsruimte AS b (contract_id, periode_van, periode_tot, versie, budget_centen, besteed_centen, meetgrondslag, monitoring)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${BR_KOLOMMEN}`,
      [contractId, b.van, b.tot, b.versie, b.budgetCenten, b.besteedCenten.toString(), b.meetgrondslag, b.monitoring],
    );
    return rij;
  }

  /** Replaces the norms given (null clears one), under the contract row's lock; the norms as stored now. */
  async zetNormen(m: EntityManager, id: string, w: NormenWijziging): Promise<{ wachttijdNormen: Record<string, number> | null; inzetNorm: InzetNorm | null }> {
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    const [r] = await run<{ wachttijdNormen: Record<string, number> | null; inzetNorm: InzetNorm | null }>(
      m,
      `UPDATE contract SET wachttijd_normen = CASE WHEN $2 THEN $3::jsonb ELSE wachttijd_normen END,
                           inzet_norm = CASE WHEN $4 THEN $5::jsonb ELSE inzet_norm END
        WHERE id = $1 RETURNING wachttijd_normen AS "wachttijdNormen", inzet_norm AS "inzetNorm"`,
      [id, 'wachttijdNormen' in w, json(w.wachttijdNormen), 'inzetNorm' in w, json(w.inzetNorm)],
    );
    return r;
  }

  /** Registers an approval (art. 1.7.2); null when this toewijzing of the contract has one already. */
  async insertToestemmingVoor18(m: EntityManager, contractId: string, t: { gemeente: string; toewijzingNummer: string; datum: string }): Promise<string | null> {
    const rows = await run<{ id: string }>(
      m,
      `INSERT INTO contract_toestemming_voor_18 (contract_id, gemeente, toewijzing_nummer, datum) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract_id, gemeente, toewijzing_nummer) DO NOTHING RETURNING id::text AS id`,
      [contractId, t.gemeente, t.toewijzingNummer, t.datum],
    );
    return rows[0]?.id ?? null;
  }

  /** Stores the new crossing state of a row the caller has locked (after boek). */
  async zetDrempelStaat(m: EntityManager, id: string, staat: DrempelStaat): Promise<void> {
    await run(m, `UPDATE bestedingsruimte SET drempel_staat = $2 WHERE id = $1`, [id, JSON.stringify(staat)]);
  }

  async contract(m: EntityManager, id: string): Promise<ContractKop | null> {
    const rows = await run<ContractKop>(
      m,
      `SELECT id, domein, gemeente, gemeenten, aanbieder, uitvoeringsvariant, artikelen FROM contract WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The contract a cliëntenstop is registered on, with the codes of all its products. */
  async stopContract(m: EntityManager, id: string): Promise<StopContract | null> {
    const rows = await run<StopContract>(
      m,
      `SELECT c.id::text AS "contractId", c.domein, c.gemeente, c.aanbieder,
              COALESCE(array_agg(DISTINCT p.product_code) FILTER (WHERE p.product_code IS NOT NULL), '{}') AS "productCodes"
         FROM contract c LEFT JOIN contract_product p ON p.contract_id = c.id
        WHERE c.id = $1 GROUP BY c.id`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertStop(m: EntityManager, contractId: string, s: ClientenstopInvoer): Promise<string> {
    const [{ id }] = await run<{ id: string }>(
      m,
      `INSERT INTO contract_clientenstop (contract_id, soort, melding_datum, begindatum, einddatum, scope_categorieen, scope_product_codes,
                                          toestemming_datum, redenen_gegeven, voorstellen_gegeven)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
      [contractId, s.soort, s.meldingDatum, s.begindatum, s.einddatum, s.scope.categorieen, s.scope.productCodes, s.toestemmingDatum, s.redenenGegeven, s.voorstellenGegeven],
    );
    return id;
  }

  /** The cliëntenstops of a contract, oldest start first. */
  async stops(contractId: string): Promise<ClientenstopRij[]> {
    return run<ClientenstopRij>(
      this.dataSource.manager,
      `SELECT id::text AS id, soort, to_char(melding_datum, 'YYYY-MM-DD') AS "meldingDatum", to_char(begindatum, 'YYYY-MM-DD') AS begindatum,
              to_char(einddatum, 'YYYY-MM-DD') AS einddatum, json_build_object('categorieen', scope_categorieen, 'productCodes', scope_product_codes) AS scope,
              to_char(toestemming_datum, 'YYYY-MM-DD') AS "toestemmingDatum", redenen_gegeven AS "redenenGegeven", voorstellen_gegeven AS "voorstellenGegeven",
              created_at AS "geregistreerdOp"
         FROM contract_clientenstop WHERE contract_id = $1 ORDER BY begindatum, created_at, id`,
      [contractId],
    );
  }

  /** The newest version of every bestedingsruimte period of a contract. */
  async bestedingsruimtes(contractId: string): Promise<BestedingsruimteRij[]> {
    return run<BestedingsruimteRij>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (b.periode_van) ${BR_KOLOMMEN} FROM bestedingsruimte b
        WHERE b.contract_id = $1 ORDER BY b.periode_van, b.versie DESC`,
      [contractId],
    );
  }
}

/** Rows only; the statements run prepared through the shared helper. */
async function run<T>(m: EntityManager, tekst: string, params: unknown[]): Promise<T[]> {
  return (await sql<T>(m, tekst, params)).rows;
}
