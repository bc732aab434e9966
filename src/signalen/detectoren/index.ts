export { DetectorenModule, DetectorenHost } from './detectoren.module';
export { DetectorenRunner, standaardDetectoren, type Detector, type DetectorInstellingen } from './detectoren.runner';
export { detecteerGeenLevering, GEEN_LEVERING_TYPE, type ContractActiviteit } from './geen-levering.detector';
export {
  detecteerOnvoldoendeInzet, INZET_OPZEGTERMIJN_MAANDEN, ONVOLDOENDE_INZET_TYPE, ONVOLDOENDE_INZET_VRIJGESTELD_TYPE, type ContractInzet, type InzetVenster,
} from './onvoldoende-inzet.detector';
export { detecteerVerlenging, VERLENGING_TYPE, type ContractLooptijd } from './verlenging.detector';
export { detecteerWachttijd, productgroep, WACHTTIJD_TYPE, type ToewijzingWachttijd, type WachttijdInstellingen } from './wachttijd.detector';
export {
  detecteerDeclaratieUitval, DECLARATIE_UITVAL_TYPE, TARIEF_AFWIJKING_TYPE, TARIEF_CODES, VOLUME_CODES, VOLUME_OVERSCHRIJDING_TYPE, type DeclaratieMaand,
} from './declaratie-uitval.detector';
export { detecteerWmoVoor18, WMO_VOOR_18_TYPE, type NieuweWmoToewijzing } from './wmo-voor-18.detector';
export { detecteerPlan165, PLAN_16_5_TYPE, type JeugdigeBijAanbieder } from './plan-16-5.detector';
export { detecteerTermijnen, termijnVan, TERMIJN_TYPE, type OpenTermijn, type TermijnInstellingen } from './termijn.detector';
export {
  detecteerTermijnAanbieder, START_STOP_TERMIJN_WERKDAGEN, TERMIJN_AANBIEDER_TYPE, werkdagenTeLaat, type StartStopMelding,
} from './termijn-aanbieder.detector';
export { detecteerRetourTermijnAanbieder, RETOUR_TERMIJN_WERKDAGEN, TERMIJN_AANBIEDER_RETOUR_TYPE, type VerzondenHeenbericht } from './termijn-aanbieder-retour.detector';
export { detecteerDreigendeOverschrijding, DREIGT_METEN_MAANDEN, DREIGT_TYPE, type LopendeBestedingsruimte } from './bestedingsruimte-dreigt.detector';
export { BESLUIT_TYPE, detecteerBestedingsruimteBesluit, ZIENSWIJZE_TYPE, type ContractBestedingsruimtes } from './bestedingsruimte-besluit.detector';
export { detecteerLooptijd, LOOPTIJD_TYPE, NORM_LOOPTIJD_MAANDEN, type GeregistreerdContract } from './looptijd-check.detector';
export { detecteerEindeLopendeZorg, EINDE_LOPENDE_ZORG_TYPE, EINDE_VOORLOOP_MAANDEN, type AflopendContract } from './einde-lopende-zorg.detector';
export { BERICHT_UITVAL_TYPE, detecteerBerichtUitval, type VerwerktHeenbericht } from './bericht-uitval.detector';
export { BEEINDIGING_AANBIEDER_TYPE, detecteerBeeindigingAanbieder, EENZIJDIG_DOOR_AANBIEDER, type EenzijdigeBeeindiging } from './beeindiging-aanbieder.detector';
export { detecteerClientenstopActief, CLIENTENSTOP_ACTIEF_TYPE, type ClientenstopDag } from './clientenstop-actief.detector';
export { detecteerStopOpheffen, CLIENTENSTOP_OPHEFFEN_TYPE, type BestedingsruimteStop } from './clientenstop-opheffen.detector';
export { isWerkdag, plusWerkdagen, werkdagenTussen } from './kalender';
export { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';
