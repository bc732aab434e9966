export { ContractenModule } from './contracten.module';
export { CONTRACT_LEZER, BESTEDINGSRUIMTE_BOEKER, type ContractLezer, type BestedingsruimteBoeker, type ContractTarief, type Domein } from './contracten.port';
export { ContractRepository, type BestedingsruimteRij } from './contract.repository';
export { PostgresContractLezer } from './contract.lezer';
export { PostgresBestedingsruimteBoeker, ContractError, OVERLEG_DAGEN } from './bestedingsruimte.boeker';
export { ContractenService } from './contracten.service';
export { leesContractCsv, KOLOMMEN, type ImportFout } from './contract-csv';
export { valideerContract, type ContractInvoer } from './contract-invoer';
export { beoordeel, DREMPELS, type DrempelNaam, type DrempelStaat } from './drempels';
