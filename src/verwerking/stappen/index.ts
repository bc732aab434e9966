import type { SchemaSet } from '../../istandaarden';
import type { AppConfig } from '../../platform/config';
import type { OutboxWriter } from '../../uitgaand/outbox.port';
import type { VerwerkingStap } from '../verwerking.ports';
import { AntwoordStap } from './antwoord.stap';
import { DeclaratieStap, type DeclaratieDeps } from './declaratie.stap';
import { Fo01Stap } from './fo01.stap';
import { OverstijgendeRegelsStap, type OverstijgendDeps } from './overstijgend.stap';
import { RegisterStap } from './register.stap';

export { AntwoordStap, UITVAL } from './antwoord.stap';
export { DECLARATIE_UITVAL, DeclaratieStap, type DeclaratieDeps } from './declaratie.stap';
export { Fo01Stap } from './fo01.stap';
export { OverstijgendeRegelsStap, TR056_DUPLICAAT, type OverstijgendDeps } from './overstijgend.stap';
export { RegisterStap } from './register.stap';

export interface PijplijnDeps extends OverstijgendDeps {
  schemas: SchemaSet;
  outbox: OutboxWriter;
  config: Pick<AppConfig, 'gemeenteCodes'>;
  pasToe?: ConstructorParameters<typeof RegisterStap>[0];
  /** Contracts, bestedingsruimte and signals for the 323 (VerwerkingModule passes them); without them a 323 gets no 325. */
  declaratie?: Pick<DeclaratieDeps, 'contracten' | 'bestedingsruimte' | 'signalen'>;
}

/**
 * The steps after validation, in order (architecture.md §2 step 2), all inside the bericht's
 * transaction: Fo01 on an XSD failure; otherwise the rules across berichten, the declaratie seam,
 * the answer (retour in a Du01, or our own bericht in a Di01) and the register changes.
 */
export function pijplijnStappen(deps: PijplijnDeps): VerwerkingStap[] {
  return [
    new Fo01Stap(deps.outbox),
    new OverstijgendeRegelsStap(deps),
    ...(deps.declaratie ? [new DeclaratieStap({ schemas: deps.schemas, outbox: deps.outbox, klok: deps.klok, ...(deps.vergrendel ? { vergrendel: deps.vergrendel } : {}), ...deps.declaratie })] : []),
    new AntwoordStap(deps.schemas, deps.outbox, deps.config, deps.klok),
    new RegisterStap(deps.pasToe),
  ];
}
