import type { BerichtDefinitie } from './catalogus';
import { BerichtInputError, DEFAULT_MAX_BYTES, prepareInput } from './input';
import { runRegels } from './regels/engine';
import type { RegelFinding } from './regels/regel';
import { scanXml, XmlInputError } from './xml/scanner';
import type { XmlElement } from './xml/element';
import type { SchemaSet } from './xsd/schema-set';
import { validateXsd, type XsdFinding } from './xsd/validate-xsd';

export interface ValidateOptions {
  /** Size cap checked before parsing; default 25 MB. */
  maxBytes?: number;
}

/** The verdict on one bericht, in the shape of the CLI contract (architecture.md §4.2). */
export interface Verdict {
  /** 'WMO323', 'JW305', ... or null when the type cannot be determined. */
  bericht: string | null;
  valid: boolean;
  xsd: XsdFinding[];
  regels: RegelFinding[];
}

export interface ValidatedBericht extends Verdict {
  definitie: BerichtDefinitie | null;
  /** The parsed tree, present when the bericht is schema-valid. */
  root: XmlElement | null;
}

/**
 * Validates a bericht exactly as the official iStandaarden validation does: XSD first, then the
 * TR/CD/CS rules checkable inside the bericht, only when it is schema-valid. Never throws on
 * bad input: refused or unreadable input becomes an xsd finding.
 */
export function validateBericht(raw: Uint8Array, schemas: SchemaSet, options: ValidateOptions = {}): ValidatedBericht {
  let prepared;
  try {
    prepared = prepareInput(raw, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (e) {
    if (e instanceof BerichtInputError) return rejected(null, [{ line: e.line, message: e.message }]);
    throw e;
  }
  const definitie = prepared.bericht;
  if (!definitie) {
    const ns = prepared.rootNamespace || '(none)';
    return rejected(null, [{ line: 1, message: `root element namespace ${ns} is not an iWmo 3.2 or iJw 3.2 bericht` }]);
  }
  const xsd = validateXsd(prepared.bytes, definitie, schemas);
  if (xsd.length > 0) return rejected(definitie, xsd);
  let root: XmlElement;
  try {
    root = scanXml(prepared.text).root;
  } catch (e) {
    if (e instanceof XmlInputError) return rejected(definitie, [{ line: e.line, message: e.message }]);
    throw e;
  }
  const regels = runRegels(root, definitie);
  return { bericht: definitie.naam, definitie, valid: regels.length === 0, xsd: [], regels, root };
}

function rejected(definitie: BerichtDefinitie | null, xsd: XsdFinding[]): ValidatedBericht {
  return { bericht: definitie?.naam ?? null, definitie, valid: false, xsd, regels: [], root: null };
}
