import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppException } from '../platform/errors';
import { leesContractCsv, type ImportFout } from './contract-csv';
import { valideerContract, valideerNormenWijziging, type ContractInvoer, type InzetNorm } from './contract-invoer';
import type { ContractRepository } from './contract.repository';
import { percentage } from './drempels';

export interface BestedingsruimteOverzicht {
  contractId: string;
  bestedingsruimtes: {
    periode: { van: string; tot: string };
    versie: number;
    budgetCenten: number;
    besteedCenten: number;
    percentage: number;
    meetgrondslag: string;
  }[];
}

export type ImportResultaat = { soort: 'geimporteerd'; contracten: { kenmerk: string; id: string }[] } | { soort: 'afgekeurd'; fouten: ImportFout[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 400 CONTRACT.INVALID_ID unless the :id of a /api/contracten/:id route is a UUID. */
export function controleerContractId(id: string): void {
  if (!UUID.test(id)) throw new AppException('CONTRACT.INVALID_ID', 'the contract id must be a UUID', HttpStatus.BAD_REQUEST);
}

/** The contract a /api/contracten/:id route looked up; 404 CONTRACT.NOT_FOUND when there is none. */
export function bestaandContract<T>(contract: T | null | undefined): T {
  if (!contract) throw new AppException('CONTRACT.NOT_FOUND', 'no contract with this id', HttpStatus.NOT_FOUND);
  return contract;
}

/** Creating and importing contract master data, and the bestedingsruimte overview. */
export class ContractenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContractRepository,
  ) {}

  async maak(body: unknown): Promise<{ id: string }> {
    const { contract, fouten } = valideerContract(body);
    if (fouten.length > 0) throw new AppException('CONTRACT.INVALID', fouten.join('; ').slice(0, 2000), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (m) => {
      if ((await this.repository.bestaandeKenmerken(m, [contract])).size > 0) {
        throw new AppException('CONTRACT.DUPLICATE', `a ${contract.domein} contract with kenmerk ${contract.kenmerk} exists for gemeente ${contract.gemeente}`, HttpStatus.CONFLICT);
      }
      return { id: await this.repository.insert(m, contract) };
    });
  }

  /** All or nothing: every line is checked first; one transaction inserts all contracts. */
  async importeer(csv: string): Promise<ImportResultaat> {
    const { contracten, fouten } = leesContractCsv(csv);
    if (fouten.length > 0) return { soort: 'afgekeurd', fouten };
    return this.dataSource.transaction(async (m) => {
      const bestaand = await this.repository.bestaandeKenmerken(m, contracten.map((c) => c.contract));
      const dubbel = contracten.filter((c) => bestaand.has(sleutel(c.contract)));
      if (dubbel.length > 0) {
        return { soort: 'afgekeurd' as const, fouten: dubbel.map((c) => ({ regel: c.regel, melding: `contract ${c.contract.kenmerk} exists already` })) };
      }
      const ids: { kenmerk: string; id: string }[] = [];
      for (const c of contracten) ids.push({ kenmerk: c.contract.kenmerk, id: await this.repository.insert(m, c.contract) });
      return { soort: 'geimporteerd' as const, contracten: ids };
    });
  }

  /**
   * Changes the wachttijd norms or the art. 1.6 norm of a registered contract (a new KTO score, an
   * exemption granted or lapsed, a norm announced for the next period). The detectors read the
   * norms as stored at their next run.
   */
  async zetNormen(id: string, body: unknown): Promise<{ contractId: string; wachttijdNormen: Record<string, number> | null; inzetNorm: InzetNorm | null }> {
    controleerContractId(id);
    const { wijziging, fouten } = valideerNormenWijziging(body);
    if (fouten.length > 0) throw new AppException('CONTRACT.INVALID', fouten.join('; ').slice(0, 2000), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (m) => {
      const contract = bestaandContract(await this.repository.contract(m, id));
      // Art. 1.6 binds only when the contract includes it (contractstandaard-signals.md §0).
      if (wijziging.inzetNorm && !contract.artikelen.includes('1.6')) {
        throw new AppException('CONTRACT.INVALID', 'an inzetNorm needs optional article 1.6 in the artikelen of the contract', HttpStatus.BAD_REQUEST);
      }
      return { contractId: id, ...(await this.repository.zetNormen(m, id, wijziging)) };
    });
  }

  async bestedingsruimte(id: string): Promise<BestedingsruimteOverzicht> {
    controleerContractId(id);
    bestaandContract(await this.repository.contract(this.dataSource.manager, id));
    const rijen = await this.repository.bestedingsruimtes(id);
    return {
      contractId: id,
      bestedingsruimtes: rijen.map((r) => ({
        periode: { van: r.periodeVan, tot: r.periodeTot },
        versie: r.versie,
        budgetCenten: Number(r.budgetCenten),
        besteedCenten: Number(r.besteedCenten),
        percentage: percentage(BigInt(r.besteedCenten), BigInt(r.budgetCenten)),
        meetgrondslag: r.meetgrondslag,
      })),
    };
  }
}

function sleutel(c: ContractInvoer): string {
  return `${c.domein}/${c.gemeente}/${c.kenmerk}`;
}
