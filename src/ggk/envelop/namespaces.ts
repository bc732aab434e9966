/** Namespaces, operations and SOAP actions of the ggk0210 koppelvlak (ggk0210_OntvangAsynchroon_ggkberichten.wsdl). */

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const STUF_NS = 'http://www.egem.nl/StUF/StUF0301';
export const GGK_NS = 'http://www.stufstandaarden.nl/koppelvlak/ggk0210';

/** The three operations of portType OntvangAsynchroon. */
export type GgkOperatie = 'ggk_Di01' | 'ggk_Du01' | 'Fo01';
/** The berichtcode of the message an operation carries. */
export type GgkBerichtcode = 'Di01' | 'Du01' | 'Fo01';

export interface OperatieDefinitie {
  operatie: GgkOperatie;
  berichtcode: GgkBerichtcode;
  /** Qualified name of the SOAP Body child (WSDL message part "body"). */
  namespace: string;
  element: string;
  /** soap:operation/@soapAction from the binding. */
  soapAction: string;
}

export const OPERATIES: Readonly<Record<GgkBerichtcode, OperatieDefinitie>> = {
  Di01: {
    operatie: 'ggk_Di01',
    berichtcode: 'Di01',
    namespace: GGK_NS,
    element: 'envelopHeenbericht-ggk_Di01',
    soapAction: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01',
  },
  Du01: {
    operatie: 'ggk_Du01',
    berichtcode: 'Du01',
    namespace: GGK_NS,
    element: 'envelopRetourbericht-ggk_Du01',
    soapAction: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01',
  },
  Fo01: {
    operatie: 'Fo01',
    berichtcode: 'Fo01',
    namespace: STUF_NS,
    element: 'Fo01Bericht',
    soapAction: 'http://www.egem.nl/StUF/StUF0301/Fo01',
  },
};

/** The operation whose body element has this qualified name, if any. */
export function operatieVoorElement(namespace: string, element: string): OperatieDefinitie | undefined {
  return Object.values(OPERATIES).find((o) => o.namespace === namespace && o.element === element);
}

/** Answer elements (WSDL output Bv03, fault Fo03), from stuf0301_types.wsdl. */
export const BV03_ELEMENT = 'Bv03Bericht';
export const FO03_ELEMENT = 'Fo03Bericht';
