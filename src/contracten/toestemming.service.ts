import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppException } from '../platform/errors';
import { valideerToestemmingVoor18 } from './contract-invoer';
import type { ContractRepository } from './contract.repository';
import { bestaandContract, controleerContractId } from './contracten.service';

/**
 * Approvals the gemeente registers under a contract with article 1.7 (18-/18+): that Wmo support
 * under a toewijzing may start before the client's 18th birthday (TCW art. 1.7.2). The wmo.voor-18
 * detector counts the toewijzingen that start before it without one.
 */
export class ToestemmingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContractRepository,
  ) {}

  async registreerVoor18(contractId: string, body: unknown): Promise<{ id: string }> {
    controleerContractId(contractId);
    const { toestemming, fouten } = valideerToestemmingVoor18(body);
    if (fouten.length > 0) throw ongeldig(fouten);
    return this.dataSource.transaction(async (m) => {
      const contract = bestaandContract(await this.repository.contract(m, contractId));
      if (contract.domein !== 'wmo' || !contract.artikelen.includes('1.7')) throw ongeldig(['an approval before 18 belongs to a Wmo contract with optional article 1.7']);
      const gemeente = toestemming.gemeente ?? (contract.gemeenten.length === 1 ? contract.gemeenten[0] : null);
      if (gemeente === null) throw ongeldig([`gemeente is required: the contract covers ${contract.gemeenten.join(', ')}`]);
      if (!contract.gemeenten.includes(gemeente)) throw ongeldig([`gemeente ${gemeente} is not covered by the contract`]);
      const id = await this.repository.insertToestemmingVoor18(m, contractId, { ...toestemming, gemeente });
      if (id === null) throw new AppException('CONTRACT.TOESTEMMING_DUPLICATE', 'this toewijzing has an approval under this contract already', HttpStatus.CONFLICT);
      return { id };
    });
  }
}

function ongeldig(fouten: string[]): AppException {
  return new AppException('CONTRACT.TOESTEMMING_INVALID', fouten.join('; ').slice(0, 2000), HttpStatus.BAD_REQUEST);
}
