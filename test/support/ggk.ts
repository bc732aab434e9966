import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GgkSchemas } from '../../src/ggk/envelop/ggk-schemas';

/**
 * The GGK koppelvlak directory used by tests: GGK_XSD_DIR, or ../shared/ggk-koppelvlak beside the
 * checkout. Tests fail (never skip) when it is missing. Files are read from there, never copied.
 */
export function ggkDir(): string {
  const dir = process.env.GGK_XSD_DIR ?? resolve(__dirname, '../../../shared/ggk-koppelvlak');
  if (!existsSync(dir)) throw new Error(`GGK directory ${dir} not found: set GGK_XSD_DIR`);
  return dir;
}

let schemas: Promise<GgkSchemas> | null = null;

export function testGgkSchemas(): Promise<GgkSchemas> {
  schemas ??= GgkSchemas.load(ggkDir());
  return schemas;
}

/** An example body element from voorbeelden/ (without its XML declaration), e.g. 'Fo01'. */
export function ggkVoorbeeld(naam: string): string {
  return readFileSync(join(ggkDir(), 'voorbeelden', `${naam}.xml`), 'utf8').replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, '');
}

/** Wraps a body element in a SOAP 1.1 envelope, as the GGK sends it. */
export function inSoap(body: string, header = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    (header ? `<soapenv:Header>${header}</soapenv:Header>` : '') +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

export function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
