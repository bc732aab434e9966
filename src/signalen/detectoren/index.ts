export { DetectorenModule, DetectorenHost } from './detectoren.module';
export { DetectorenRunner, standaardDetectoren, type Detector } from './detectoren.runner';
export { detecteerGeenLevering, GEEN_LEVERING_TYPE, type ContractActiviteit } from './geen-levering.detector';
export { detecteerVerlenging, VERLENGING_TYPE, type ContractLooptijd } from './verlenging.detector';
export { detecteerWachttijd, productgroep, WACHTTIJD_TYPE, type ToewijzingWachttijd, type WachttijdInstellingen } from './wachttijd.detector';
export { detecteerDeclaratieUitval, DECLARATIE_UITVAL_TYPE, type DeclaratieMaand } from './declaratie-uitval.detector';
export { vandaagInNederland } from './kalender';
