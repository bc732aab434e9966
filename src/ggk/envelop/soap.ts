import type { Libxml2 } from '../../istandaarden/xsd/libxml2';
import { SOAP11_NS, SOAP12_NS } from './namespaces';

export type LibXmlDocument = InstanceType<Libxml2['XmlDocument']>;
export type LibXmlElement = InstanceType<Libxml2['XmlElement']>;
type LibXmlNode = InstanceType<Libxml2['XmlTreeNode']>;

/**
 * No external entities or DTDs, no network, line numbers above 65535. IGNORE_ENC: the bytes were
 * checked to be UTF-8 (prepareInput), so an encoding="..." declaration must not reinterpret them. HUGE lifts libxml2's 10 MB
 * limit on one text node: a 25 MB envelope is almost all one base64 node. It also lifts entity limits,
 * which cannot matter: a DOCTYPE is refused before libxml2 sees the input (prepareInput).
 */
export function parseOptions(lib: Libxml2): number {
  const o = lib.ParseOption;
  return (
    o.XML_PARSE_NO_XXE | o.XML_PARSE_NONET | o.XML_PARSE_BIG_LINES | o.XML_PARSE_HUGE | o.XML_PARSE_IGNORE_ENC | o.XML_PARSE_NOWARNING
  );
}

export type SoapLezing =
  | { ok: true; body: LibXmlElement; header: LibXmlElement | null }
  | { ok: false; reason: string; line: number | null };

/**
 * Checks the SOAP 1.1 shape (WS-I Basic Profile 1.1 R1011, R2201): Envelope with an optional Header
 * and then a Body, nothing after the Body, exactly one element in the Body (document/literal).
 */
export function leesSoapEnvelope(lib: Libxml2, doc: LibXmlDocument): SoapLezing {
  const env = doc.root;
  if (env.name !== 'Envelope' || env.namespaceUri !== SOAP11_NS) {
    const reason = env.namespaceUri === SOAP12_NS ? 'SOAP 1.2 is not supported, expected SOAP 1.1' : 'not a SOAP 1.1 Envelope';
    return { ok: false, reason, line: env.line || null };
  }
  const parts = elementKinderen(lib, env);
  if (!parts.ok) return { ok: false, reason: `SOAP Envelope: ${parts.reason}`, line: env.line || null };
  const soap = parts.elements.filter((e) => e.namespaceUri === SOAP11_NS);
  const header = soap.length > 0 && soap[0].name === 'Header' ? soap[0] : null;
  const expected = header ? 2 : 1;
  const body = soap[expected - 1];
  if (!body || body.name !== 'Body' || soap.length !== parts.elements.length || parts.elements.length !== expected) {
    return { ok: false, reason: 'a SOAP Envelope holds an optional Header and then one Body, nothing else', line: env.line || null };
  }
  const inhoud = elementKinderen(lib, body);
  if (!inhoud.ok) return { ok: false, reason: `SOAP Body: ${inhoud.reason}`, line: body.line || null };
  if (inhoud.elements.length !== 1) {
    return { ok: false, reason: 'the SOAP Body must hold exactly one element', line: body.line || null };
  }
  return { ok: true, body: inhoud.elements[0], header };
}

/** Element children; text other than white space is refused, comments are ignored. */
export function elementKinderen(
  lib: Libxml2,
  parent: LibXmlElement,
): { ok: true; elements: LibXmlElement[] } | { ok: false; reason: string } {
  const elements: LibXmlElement[] = [];
  for (let n: LibXmlNode | null = parent.firstChild; n; n = n.next) {
    if (n instanceof lib.XmlElement) elements.push(n);
    else if ((n instanceof lib.XmlText || n instanceof lib.XmlCData) && n.content.trim() !== '') {
      return { ok: false, reason: 'text outside the elements' };
    }
  }
  return { ok: true, elements };
}

/** First child element with this local name and namespace. */
export function kind(lib: Libxml2, parent: LibXmlElement, name: string, namespace: string): LibXmlElement | undefined {
  for (let n: LibXmlNode | null = parent.firstChild; n; n = n.next) {
    if (n instanceof lib.XmlElement && n.name === name && n.namespaceUri === namespace) return n;
  }
  return undefined;
}
