export { ContractenModule } from './contracten.module';
export { CONTRACT_LEZER, BESTEDINGSRUIMTE_BOEKER, type ContractLezer, type BestedingsruimteBoeker, type ContractTarief, type Domein } from './contracten.port';
export { ContractRepository, type BestedingsruimteRij, type ClientenstopRij } from './contract.repository';
export { PostgresContractLezer } from './contract.lezer';
export { PostgresBestedingsruimteBoeker, ContractError, OVERLEG_DAGEN } from './bestedingsruimte.boeker';
export { ContractenService } from './contracten.service';
export { leesContractCsv, KOLOMMEN, type ImportFout } from './contract-csv';
export { valideerContract, type ContractInvoer } from './contract-invoer';
export { beoordeel, DREMPELS, type DrempelNaam, type DrempelStaat } from './drempels';
export { ClientenstopService, type ClientenstopOverzicht } from './clientenstop.service';
export { BestedingsruimteService, type NieuweBestedingsruimte } from './bestedingsruimte.service';
export { ToestemmingService } from './toestemming.service';
export { valideerClientenstop, CLIENTENSTOP_SOORTEN, type ClientenstopInvoer, type ClientenstopScope, type ClientenstopSoort } from './clientenstop-invoer';
export {
  CRISIS_CATEGORIEEN, MELDING_MINIMUM_DAGEN, CLIENTENSTOP_MELDING_TYPE, CLIENTENSTOP_CRISIS_TYPE, crisisSignaal, meldingSignaal, inScope, isCrisis, stopRegel, type StopContract,
} from './clientenstop.signalen';
