import type { BerichtDefinitie } from '../catalogus';
import type { Libxml2 } from './libxml2';
import type { SchemaSet } from './schema-set';

export interface XsdFinding {
  line: number | null;
  message: string;
}

/**
 * Validates a bericht against its schema. Parsing never loads external resources, never
 * substitutes entities and keeps line numbers above 65535 (XML_PARSE_BIG_LINES).
 */
export function validateXsd(bytes: Uint8Array, bericht: BerichtDefinitie, schemas: SchemaSet): XsdFinding[] {
  const { XmlDocument, XmlLibError } = schemas.lib;
  const validator = schemas.validator(bericht);
  const option = xsdParseOptions(schemas.lib);
  let doc;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option });
  } catch (e) {
    if (e instanceof XmlLibError) return findingsOf(e.details);
    throw e;
  }
  try {
    validator.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlLibError) return findingsOf(e.details);
    throw e;
  } finally {
    doc.dispose();
  }
}

/** libxml2 parse options for validation; the XSD workers use the same value. */
export function xsdParseOptions(lib: Libxml2): number {
  const { ParseOption } = lib;
  return (
    ParseOption.XML_PARSE_NO_XXE |
    ParseOption.XML_PARSE_NONET |
    ParseOption.XML_PARSE_BIG_LINES |
    ParseOption.XML_PARSE_NOWARNING |
    // Small strings inside the node structs: fewer allocations, same document.
    ParseOption.XML_PARSE_COMPACT
  );
}

export function findingsOf(details: ReadonlyArray<{ message: string; line: number }>): XsdFinding[] {
  if (details.length === 0) return [{ line: null, message: 'XML could not be read' }];
  return details.map((d) => ({ line: d.line > 0 ? d.line : null, message: shortenMessage(d.message) }));
}

/**
 * libxml2 repeats the offending value (which may be a BSN or a name) and spells out namespaces.
 * Keep the element, the rule and the allowed values; drop the value itself.
 */
export function shortenMessage(message: string): string {
  return message
    .trim()
    .replace(/\{[^}]*\}/g, '')
    .replace(/The value '[^']*'/g, 'The value')
    .replace(/^(Element '[^']*'): '[^']*' is not/, '$1: the value is not')
    .replace(/^(Element '[^']*'): \[facet '([^']+)'\] The value/, "$1: [facet '$2'] the value");
}
