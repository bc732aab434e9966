/** Public surface of the StUF ggk0210 envelope module (framework-free; see ../README.md). */
export { GgkSchemas, GGK_ENTRY_SCHEMA, type GgkBodySoort } from './ggk-schemas';
export { parseGgkRequest, weiger, type ParseGgkOptions } from './parse-request';
export {
  buildDi01,
  buildDu01,
  buildFo01,
  GGK_APPLICATIE,
  type Di01Input,
  type Du01Input,
  type Fo01Input,
  type GgkUitgaandEnvelop,
} from './build-uitgaand';
export {
  buildBv03,
  buildFo03,
  buildFo03VoorWeigering,
  foutDetails,
  SOAP11_CONTENT_TYPE,
  type AntwoordInput,
  type GgkAntwoord,
} from './build-antwoord';
export { GgkBuildError, type Adres, type BouwOpties } from './stuurgegevens-xml';
export { GGK_FOUTCODES, type GgkFoutcode, type GgkPlek } from './foutcodes';
export { berichtcodeVoor, isUuidV4 } from './functie';
export { stufTijdstip } from './tijdstip';
export { GGK_NS, OPERATIES, SOAP11_NS, STUF_NS, type GgkBerichtcode, type GgkOperatie } from './namespaces';
export type { GgkXsdFinding } from './xsd-meldingen';
export type * from './types';
