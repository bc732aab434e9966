import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppException } from '../platform/errors';
import type { PostgresBestedingsruimteBoeker } from './bestedingsruimte.boeker';
import { valideerNieuweBestedingsruimte } from './contract-invoer';
import type { ContractRepository } from './contract.repository';
import { bestaandContract, controleerContractId } from './contracten.service';

export interface NieuweBestedingsruimte {
  id: string;
  periode: { van: string; tot: string };
  versie: number;
  budgetCenten: number;
  besteedCenten: number;
}

/**
 * New bestedingsruimtes after a contract is registered (TCW 1.5.1-1.5.7): an addendum to deel 2
 * (a new version of a period: the amount changes, the running total carries over, the thresholds
 * start afresh for the new version), or a new period (its total = what the approved prestaties of
 * the contract dated in it were booked for, so a period registered late still counts them).
 */
export class BestedingsruimteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContractRepository,
    private readonly boeker: PostgresBestedingsruimteBoeker,
  ) {}

  async voegToe(contractId: string, body: unknown): Promise<NieuweBestedingsruimte> {
    controleerContractId(contractId);
    const { invoer, fouten } = valideerNieuweBestedingsruimte(body);
    if (fouten.length > 0) throw ongeldig(fouten);
    return this.dataSource.transaction(async (m) => {
      const contract = bestaandContract(await this.repository.contract(m, contractId));
      if (!contract.artikelen.includes('1.5')) throw ongeldig(['a bestedingsruimte needs optional article 1.5 in the contract']);
      if (contract.uitvoeringsvariant === 'taakgericht') throw ongeldig(['a taakgericht contract has no bestedingsruimte (art. 1.5.1/1.5.2)']);
      // Bookings of this contract wait from here until the commit: the total copied stays the total.
      await this.repository.vergrendelBestedingsruimte(m, contractId);
      const vorige = await this.repository.bestedingsruimteVersie(m, contractId, invoer.van);
      if (vorige && vorige.periodeTot !== invoer.tot) {
        throw ongeldig([`an addendum keeps the period: the bestedingsruimte from ${invoer.van} runs to ${vorige.periodeTot}`]);
      }
      if (!vorige) {
        const overlap = await this.repository.overlappendePeriode(m, contractId, invoer.van, invoer.tot);
        if (overlap) throw ongeldig([`the period overlaps the bestedingsruimte ${overlap.van}..${overlap.tot}`]);
      }
      const versie = (vorige?.versie ?? 0) + 1;
      if (invoer.versie !== null && invoer.versie !== versie) {
        throw new AppException('CONTRACT.BESTEDINGSRUIMTE_CONFLICT', `version ${invoer.versie} cannot be added: the next version of this period is ${versie}`, HttpStatus.CONFLICT);
      }
      const besteed = vorige ? BigInt(vorige.besteedCenten) : await this.repository.vulMaanden(m, contractId, invoer.van, invoer.tot);
      const rij = await this.repository.insertBestedingsruimte(m, contractId, { ...invoer, versie, besteedCenten: besteed });
      await this.boeker.beoordeelDrempels(m, contract, rij);
      return { id: rij.id, periode: { van: rij.periodeVan, tot: rij.periodeTot }, versie, budgetCenten: Number(rij.budgetCenten), besteedCenten: Number(rij.besteedCenten) };
    });
  }
}

function ongeldig(fouten: string[]): AppException {
  return new AppException('CONTRACT.BESTEDINGSRUIMTE_INVALID', fouten.join('; ').slice(0, 2000), HttpStatus.BAD_REQUEST);
}
