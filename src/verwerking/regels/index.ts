/** Rules across berichten (controleniveau 3/4) for 301, 305, 307, 315, 317, 319: framework-free. */
export { beoordeelOverstijgend, type TeBeoordelenBericht } from './beoordeel-overstijgend';
export { codesPerLocatie, type CbsGemeentecodes, type OverstijgendContext, type OverstijgendOordeel } from './bevindingen';
export { mutatiesVoor, type RegisterMutatie } from './mutaties';
export { InMemoryRegister } from './in-memory-register';
export {
  isActueel, isLater, isVerwijderd, normaliseerNummer, startSleutel, stopSleutel,
  type BerichtSleutel, type ClientBijAanbieder, type Levering, type LeveringScope, type RegisterLezer, type RegisterVoorlading, type ToewijzingVersie, type VerzoekStand,
} from './register';
