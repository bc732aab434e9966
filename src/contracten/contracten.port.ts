import type { EntityManager } from 'typeorm';

export type Domein = 'wmo' | 'jeugd';

/** The contractual tarief of a product for an aanbieder on a date (TR418, istandaarden-3.2.md §6.4). */
export interface ContractTarief {
  contractId: string;
  productCode: string;
  eenheid: string;
  /** Integer eurocents per eenheid. */
  tariefCenten: number;
}

/** Read side of the contract master data, used while a declaratie is checked. */
export interface ContractLezer {
  /** Tarief valid on `datum` (the ProductPeriode's begindatum), or null when not contracted. */
  tarief(manager: EntityManager, q: { domein: Domein; gemeente: string; aanbieder: string; productCode: string; datum: string }): Promise<ContractTarief | null>;
}

/** Books approved amounts on the bestedingsruimte, under a row lock, in the declaratie's transaction. */
export interface BestedingsruimteBoeker {
  /**
   * Adds `centen` (signed: credits negative) to the running total of the contract period that holds
   * `datum`, and writes any threshold crossing as a signal through the signal outbox.
   */
  boek(manager: EntityManager, b: { domein: Domein; gemeente: string; aanbieder: string; contractId: string; datum: string; centen: number; correlationId: string }): Promise<void>;
}

export const CONTRACT_LEZER = Symbol('CONTRACT_LEZER');
export const BESTEDINGSRUIMTE_BOEKER = Symbol('BESTEDINGSRUIMTE_BOEKER');
