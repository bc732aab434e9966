import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SIGNAAL_WRITER, type SignaalWriter } from '../signalen/signaal.port';
import { PostgresBestedingsruimteBoeker } from './bestedingsruimte.boeker';
import { BestedingsruimteService } from './bestedingsruimte.service';
import { ClientenstopService } from './clientenstop.service';
import { PostgresContractLezer } from './contract.lezer';
import { ContractRepository } from './contract.repository';
import { ContractenController } from './contracten.controller';
import { BESTEDINGSRUIMTE_BOEKER, CONTRACT_LEZER } from './contracten.port';
import { ContractenService } from './contracten.service';
import { ToestemmingService } from './toestemming.service';

/** Contract master data: the /api/contracten routes, CONTRACT_LEZER and BESTEDINGSRUIMTE_BOEKER (global). */
@Global()
@Module({
  controllers: [ContractenController],
  providers: [
    { provide: ContractRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ContractRepository(ds) },
    { provide: ContractenService, inject: [DataSource, ContractRepository], useFactory: (ds: DataSource, r: ContractRepository) => new ContractenService(ds, r) },
    { provide: ToestemmingService, inject: [DataSource, ContractRepository], useFactory: (ds: DataSource, r: ContractRepository) => new ToestemmingService(ds, r) },
    {
      provide: ClientenstopService,
      inject: [DataSource, ContractRepository, SIGNAAL_WRITER],
      useFactory: (ds: DataSource, r: ContractRepository, w: SignaalWriter) => new ClientenstopService(ds, r, w),
    },
    { provide: CONTRACT_LEZER, inject: [ContractRepository], useFactory: (r: ContractRepository) => new PostgresContractLezer(r) },
    { provide: PostgresBestedingsruimteBoeker, inject: [ContractRepository, SIGNAAL_WRITER], useFactory: (r: ContractRepository, w: SignaalWriter) => new PostgresBestedingsruimteBoeker(r, w) },
    { provide: BESTEDINGSRUIMTE_BOEKER, useExisting: PostgresBestedingsruimteBoeker },
    {
      provide: BestedingsruimteService,
      inject: [DataSource, ContractRepository, PostgresBestedingsruimteBoeker],
      useFactory: (ds: DataSource, r: ContractRepository, b: PostgresBestedingsruimteBoeker) => new BestedingsruimteService(ds, r, b),
    },
  ],
  exports: [CONTRACT_LEZER, BESTEDINGSRUIMTE_BOEKER, ContractRepository],
})
export class ContractenModule {}
