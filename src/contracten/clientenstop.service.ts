import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppException } from '../platform/errors';
import type { SignaalWriter } from '../signalen/signaal.port';
import { valideerClientenstop, type ClientenstopInvoer } from './clientenstop-invoer';
import { crisisSignaal, meldingSignaal, type StopContract } from './clientenstop.signalen';
import type { ClientenstopRij, ContractRepository } from './contract.repository';
import { bestaandContract, controleerContractId } from './contracten.service';

export interface ClientenstopOverzicht {
  contractId: string;
  clientenstops: (Omit<ClientenstopRij, 'geregistreerdOp'> & { geregistreerdOp: string })[];
}

/** Registered cliëntenstops (contractstandaard-signals.md §1, §3) and their CS-MELDING and CS-CRISIS signals. */
export class ClientenstopService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContractRepository,
    private readonly signalen: SignaalWriter,
    private readonly klok: () => Date = () => new Date(),
  ) {}

  /** Stores the stop and its signals in one transaction: a stop without its signals is never seen. */
  async registreer(contractId: string, body: unknown): Promise<{ id: string }> {
    controleerContractId(contractId);
    const { stop, fouten } = valideerClientenstop(body);
    if (fouten.length > 0) throw ongeldig(fouten);
    return this.dataSource.transaction(async (m) => {
      const contract = bestaandContract(await this.repository.stopContract(m, contractId));
      const samenhang = controleerTegenContract(stop, contract);
      if (samenhang.length > 0) throw ongeldig(samenhang);
      const id = await this.repository.insertStop(m, contractId, stop);
      const nu = this.klok().toISOString();
      for (const s of [meldingSignaal(id, stop, contract, nu), crisisSignaal(id, stop, contract, nu)]) if (s) await this.signalen.schrijf(m, s);
      return { id };
    });
  }

  async lijst(contractId: string): Promise<ClientenstopOverzicht> {
    controleerContractId(contractId);
    bestaandContract(await this.repository.stopContract(this.dataSource.manager, contractId));
    const rijen = await this.repository.stops(contractId);
    return { contractId, clientenstops: rijen.map((r) => ({ ...r, geregistreerdOp: new Date(r.geregistreerdOp).toISOString() })) };
  }
}

/** Scoped product codes must be products of this contract; a typo would silently watch nothing. */
export function controleerTegenContract(stop: ClientenstopInvoer, c: StopContract): string[] {
  return stop.scope.productCodes.filter((p) => !c.productCodes.includes(p)).map((p) => `scope.productCodes: ${p} is not a product of this contract`);
}

function ongeldig(fouten: string[]): AppException {
  return new AppException('CLIENTENSTOP.INVALID', fouten.join('; ').slice(0, 2000), HttpStatus.BAD_REQUEST);
}
