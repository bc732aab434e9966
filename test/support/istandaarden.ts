import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SchemaSet } from '../../src/istandaarden/xsd/schema-set';
import { validateBericht, type ValidatedBericht } from '../../src/istandaarden/validate';

/**
 * The schema release directory used by tests: ISTANDAARDEN_XSD_DIR, or ../shared/istandaarden
 * beside the checkout. Tests fail (never skip) when it is missing.
 */
export function xsdDir(): string {
  const dir = process.env.ISTANDAARDEN_XSD_DIR ?? resolve(__dirname, '../../../shared/istandaarden');
  if (!existsSync(dir)) throw new Error(`schema directory ${dir} not found: set ISTANDAARDEN_XSD_DIR`);
  return dir;
}

let schemas: Promise<SchemaSet> | null = null;

export function testSchemas(): Promise<SchemaSet> {
  schemas ??= SchemaSet.load(xsdDir());
  return schemas;
}

/** An example bericht from the schema directory, e.g. voorbeeld('WMO323') or voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig'). */
export function voorbeeld(naam: string, map = 'voorbeelden'): string {
  const standaard = naam.startsWith('WMO') ? 'iwmo-3.2' : 'ijw-3.2';
  return readFileSync(join(xsdDir(), standaard, map, `${naam}.xml`), 'utf8');
}

/** Replaces exactly one occurrence; fails loudly when the fixture no longer contains it. */
export function vervang(xml: string, zoek: string | RegExp, door: string): string {
  const count = typeof zoek === 'string' ? xml.split(zoek).length - 1 : (xml.match(new RegExp(zoek.source, zoek.flags.includes('g') ? zoek.flags : zoek.flags + 'g')) ?? []).length;
  if (count !== 1) throw new Error(`fixture edit expected exactly one match for ${String(zoek)}, found ${count}`);
  return xml.replace(zoek, door);
}

/** Validates XML text with the test schemas. */
export async function valideer(xml: string): Promise<ValidatedBericht> {
  return validateBericht(Buffer.from(xml, 'utf8'), await testSchemas());
}

/** The rule codes found, sorted, for compact assertions. */
export async function regelCodes(xml: string): Promise<string[]> {
  const v = await valideer(xml);
  if (v.xsd.length > 0) throw new Error(`fixture is not schema-valid: ${v.xsd.map((f) => `${f.line}: ${f.message}`).join('; ')}`);
  return v.regels.map((r) => r.code).sort();
}
