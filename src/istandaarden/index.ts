/** Public surface of the framework-free iStandaarden core. */
export * from './catalogus';
export * from './input';
export * from './validate';
export { XsdWorkerPool, XsdWorkerError } from './xsd/xsd-pool';
export type { RegelFinding, Regel, RegelContext } from './regels/regel';
export { runRegels } from './regels/engine';
export { ALLE_REGELS } from './regels/registry';
export { XmlElement } from './xml/element';
export { scanXml, XmlInputError } from './xml/scanner';
export { SchemaSet, SchemaDirectoryError } from './xsd/schema-set';
export * from './model/types';
export { parseBericht } from './model/parse-bericht';
export * from './retour/retourbericht';
export * from './retour/declaratie-antwoord';
export type { XsdFinding } from './xsd/validate-xsd';
