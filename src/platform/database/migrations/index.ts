import { CreateClientInboundBericht1795400000000 } from './1795400000000-create-client-inbound-bericht';
import { CreateClientOutboundBericht1795500000000 } from './1795500000000-create-client-outbound-bericht';
import { GgkIngestEnAntwoord1795600000000 } from './1795600000000-ggk-ingest-en-antwoord';
import { CreateRegister1795700000000 } from './1795700000000-create-register';
import { CreateDeclaratieRegister1795800000000 } from './1795800000000-create-declaratie-register';
import { CreateContracten1795900000000 } from './1795900000000-create-contracten';
import { CreateSignaalOutbox1795910000000 } from './1795910000000-create-signaal-outbox';
import { ToewijzingGeboortedatum1795920000000 } from './1795920000000-toewijzing-geboortedatum';
import { CreateContractClientenstop1795930000000 } from './1795930000000-create-contract-clientenstop';
import { ContractWachttijdNormen1795940000000 } from './1795940000000-contract-wachttijd-normen';
import { ContractInzetNorm1795950000000 } from './1795950000000-contract-inzet-norm';
import { InboundLz4Compressie1795960000000 } from './1795960000000-inbound-lz4';
import { PrestatieNatuurlijkeSleutel1795970000000 } from './1795970000000-prestatie-natuurlijke-sleutel';
import { DeclaratieDebetTotalen1795980000000 } from './1795980000000-declaratie-debet-totalen';
import { ContractLooptijdMotivatie1795990000000 } from './1795990000000-contract-looptijd-motivatie';
import { BestedingsruimteMaand1796000000000 } from './1796000000000-bestedingsruimte-maand';
import { ContractToestemmingVoor181796010000000 } from './1796010000000-contract-toestemming-voor-18';

/**
 * Every migration, oldest first. Listed explicitly (no glob) so the same list works from the
 * TypeScript sources (tests) and from dist/ (npm start, migration:run). Never edit one once merged.
 */
export const MIGRATIONS = [
  CreateClientInboundBericht1795400000000,
  CreateClientOutboundBericht1795500000000,
  GgkIngestEnAntwoord1795600000000,
  CreateRegister1795700000000,
  CreateDeclaratieRegister1795800000000,
  CreateContracten1795900000000,
  CreateSignaalOutbox1795910000000,
  ToewijzingGeboortedatum1795920000000,
  CreateContractClientenstop1795930000000,
  ContractWachttijdNormen1795940000000,
  ContractInzetNorm1795950000000,
  InboundLz4Compressie1795960000000,
  PrestatieNatuurlijkeSleutel1795970000000,
  DeclaratieDebetTotalen1795980000000,
  ContractLooptijdMotivatie1795990000000,
  BestedingsruimteMaand1796000000000,
  ContractToestemmingVoor181796010000000,
];
