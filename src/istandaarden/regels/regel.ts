import type { BerichtDefinitie, BerichtNummer, Standaard } from '../catalogus';
import type { XmlElement } from '../xml/element';

/** One violated rule, as the official validation reports it. */
export interface RegelFinding {
  /** Rule code: TRxxx, CDxxx or CSxxx. */
  code: string;
  /** WJ001 code for the retour. Rules checked inside one bericht reject it whole: always 0001. */
  retourcode: string;
  /** XPath-like locations of the elements involved (see XmlElement.locatie). */
  locatie: string[];
}

/** Everything a rule needs: the tree, an index by local name, and a way to report. */
export interface RegelContext {
  readonly bericht: BerichtDefinitie;
  readonly root: XmlElement;
  /** Elements by local name in document order (message and basisschema namespaces alike). */
  elements(local: string): readonly XmlElement[];
  /** The Header's BerichtIdentificatie/Dagtekening (ISO date). */
  readonly dagtekening: string | undefined;
  report(code: string, elements: ReadonlyArray<XmlElement | undefined>): void;
}

/** A rule checkable inside one bericht (controleniveau "bericht inhoud"). */
export interface Regel {
  readonly code: string;
  /** Berichten the rule runs on; 'alle' for the generic rules on basisschema types. */
  readonly berichten: readonly BerichtNummer[] | 'alle';
  /** Standaarden the rule belongs to; both when omitted. */
  readonly standaarden?: readonly Standaard[];
  check(ctx: RegelContext): void;
}
