import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadLibxml2, type Libxml2 } from '../../istandaarden/xsd/libxml2';
import { SchemaDirectoryError } from '../../istandaarden/xsd/schema-set';
import { BV03_ELEMENT, FO03_ELEMENT, OPERATIES, SOAP11_NS, STUF_NS, type GgkBerichtcode } from './namespaces';
import { elementKinderen, kind, leesSoapEnvelope, parseOptions, type LibXmlElement } from './soap';
import { veiligeMelding, type GgkXsdFinding } from './xsd-meldingen';

type XsdValidator = InstanceType<Libxml2['XsdValidator']>;

/** Entry point of the envelope schemas; it imports the StUF part, which includes stuf0301.xsd. */
export const GGK_ENTRY_SCHEMA = 'ggk0210/ggk0210_msg_ggkberichten.xsd';
const REQUIRED = [GGK_ENTRY_SCHEMA, 'ggk0210/ggk0210_stuf0301_msg_ggkberichten.xsd', 'stuf0301/stuf0301.xsd'];
const SCHEMA_DIRS = ['ggk0210', 'stuf0301'];

/** A body element that GgkSchemas can check: a request of one of the operations, or one of our answers. */
export type GgkBodySoort = GgkBerichtcode | 'Bv03' | 'Fo03';

const BODY_ELEMENTEN: Readonly<Record<GgkBodySoort, { namespace: string; element: string }>> = {
  Di01: OPERATIES.Di01,
  Du01: OPERATIES.Du01,
  Fo01: OPERATIES.Fo01,
  Bv03: { namespace: STUF_NS, element: BV03_ELEMENT },
  Fo03: { namespace: STUF_NS, element: FO03_ELEMENT },
};

/**
 * The ggk0210 envelope schema, compiled once. Its imports (ggk0210 -> stuf0301) are served from memory
 * under a virtual root, so libxml2 never opens a file outside the koppelvlak directory.
 */
export class GgkSchemas {
  private constructor(
    readonly directory: string,
    readonly lib: Libxml2,
    private readonly validator: XsdValidator,
  ) {}

  /** `directory` is the ggk-koppelvlak directory (config GGK_XSD_DIR) holding ggk0210/ and stuf0301/. */
  static async load(directory: string): Promise<GgkSchemas> {
    const dir = resolve(directory);
    if (!existsSync(dir)) throw new SchemaDirectoryError(`GGK schema directory ${dir} does not exist`);
    const missing = REQUIRED.filter((f) => !existsSync(join(dir, f)));
    if (missing.length > 0) throw new SchemaDirectoryError(`GGK schema directory ${dir} is missing: ${missing.join(', ')}`);
    const lib = await loadLibxml2();
    const root = registerSchemaFiles(lib, dir);
    const url = `${root}/${GGK_ENTRY_SCHEMA}`;
    let doc;
    try {
      doc = lib.XmlDocument.fromBuffer(readFileSync(join(dir, GGK_ENTRY_SCHEMA)), { url, option: parseOptions(lib) });
      return new GgkSchemas(dir, lib, lib.XsdValidator.fromDoc(doc));
    } catch (e) {
      if (e instanceof lib.XmlLibError) {
        throw new SchemaDirectoryError(`${GGK_ENTRY_SCHEMA} in ${dir} does not compile: ${e.message.trim()}`);
      }
      throw e;
    } finally {
      doc?.dispose();
    }
  }

  /**
   * Validates a SOAP Body child as the body of `soort`: first its qualified name (one compiled schema
   * declares every StUF element, so the name decides which operation it is), then the schema.
   */
  validateBody(soort: GgkBodySoort, element: LibXmlElement): GgkXsdFinding[] {
    const expected = BODY_ELEMENTEN[soort];
    if (element.namespaceUri !== expected.namespace || element.name !== expected.element) {
      return [{ line: element.line || null, element: null, message: `expected element ${expected.element}` }];
    }
    try {
      this.validator.validate(element);
      return [];
    } catch (e) {
      if (e instanceof this.lib.XmlLibError) {
        const details = e.details.filter((d) => d.level >= 2);
        if (details.length === 0) return [{ line: null, element: null, message: 'not conform the schema' }];
        return details.map(veiligeMelding);
      }
      throw e;
    }
  }

  /**
   * Validates a whole SOAP envelope as we build them: the Body child (Di01, Du01, Fo01, Bv03) or,
   * for a SOAP Fault, the Fo03Bericht in its detail. For tests and for checking what we send.
   */
  validateSoapEnvelope(xml: string | Uint8Array): GgkXsdFinding[] {
    const { XmlDocument, XmlLibError } = this.lib;
    const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
    let doc;
    try {
      doc = XmlDocument.fromBuffer(bytes, { option: parseOptions(this.lib) });
    } catch (e) {
      if (e instanceof XmlLibError) return [{ line: e.details[0]?.line ?? null, element: null, message: 'not well-formed XML' }];
      throw e;
    }
    try {
      const soap = leesSoapEnvelope(this.lib, doc);
      if (!soap.ok) return [{ line: soap.line, element: null, message: soap.reason }];
      const body = soap.body;
      if (body.namespaceUri === SOAP11_NS && body.name === 'Fault') return this.validateFault(body);
      const soort = (Object.keys(BODY_ELEMENTEN) as GgkBodySoort[]).find(
        (s) => BODY_ELEMENTEN[s].element === body.name && BODY_ELEMENTEN[s].namespace === body.namespaceUri,
      );
      if (!soort || soort === 'Fo03') return [{ line: body.line || null, element: null, message: 'unknown element in the SOAP Body' }];
      return this.validateBody(soort, body);
    } finally {
      doc.dispose();
    }
  }

  /** SOAP 1.1 §4.4: faultcode and faultstring (unqualified), then detail with the StUF Fo03Bericht. */
  private validateFault(fault: LibXmlElement): GgkXsdFinding[] {
    const kinderen = elementKinderen(this.lib, fault);
    const names = kinderen.ok ? kinderen.elements.map((e) => (e.namespaceUri === '' ? e.name : `{${e.namespaceUri}}${e.name}`)) : [];
    if (names.slice(0, 2).join() !== 'faultcode,faultstring') {
      return [{ line: fault.line || null, element: 'Fault', message: 'faultcode and faultstring missing' }];
    }
    const detail = kind(this.lib, fault, 'detail', '');
    const fo03 = detail && kind(this.lib, detail, FO03_ELEMENT, STUF_NS);
    if (!fo03) return [{ line: fault.line || null, element: 'Fault', message: 'detail with Fo03Bericht missing' }];
    return this.validateBody('Fo03', fo03);
  }

  dispose(): void {
    this.validator.dispose();
  }
}

const virtualRoots = new Map<string, string>();

/** Serves the .xsd files of ggk0210/ and stuf0301/ from memory, once per directory. */
function registerSchemaFiles(lib: Libxml2, directory: string): string {
  let root = virtualRoots.get(directory);
  if (root) return root;
  root = `/ggk-xsd/${virtualRoots.size}`;
  const buffers: Record<string, Uint8Array> = {};
  for (const sub of SCHEMA_DIRS) {
    for (const f of readdirSync(join(directory, sub))) {
      if (f.endsWith('.xsd')) buffers[`${root}/${sub}/${f}`] = readFileSync(join(directory, sub, f));
    }
  }
  if (!lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(buffers))) {
    throw new SchemaDirectoryError('libxml2 input provider table is full');
  }
  virtualRoots.set(directory, root);
  return root;
}

