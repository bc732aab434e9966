import { SOAP11_CONTENT_TYPE } from '../ggk/envelop';
import { beoordeelAntwoord, type Afloop } from './ggk-antwoord';

/** Answers larger than this are not read (a Bv03 or Fo03 is a few kB). */
export const MAX_ANTWOORD_BYTES = 1024 * 1024;

export interface Verzending {
  envelop: string;
  /** soap:operation/@soapAction of the WSDL operation. */
  soapAction: string;
  referentienummer: string;
  /** 1 for the first attempt. */
  poging: number;
}

/** Sends one envelope somewhere and says how it ended. The relay's only view of the network. */
export interface GgkVerzender {
  verstuur(v: Verzending): Promise<Afloop>;
}

/**
 * SOAP 1.1 over HTTP(S) with Node's fetch: POST, Content-Type text/xml, the quoted SOAPAction
 * (WS-I BP R2744), a time limit on the whole exchange (answer included), no redirects. Never
 * throws: every failure is an Afloop whose reason holds no envelope content.
 */
export class FetchGgkVerzender implements GgkVerzender {
  constructor(
    private readonly endpointUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async verstuur(v: Verzending): Promise<Afloop> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let body: string;
    try {
      const res = await fetch(this.endpointUrl, {
        method: 'POST',
        headers: { 'Content-Type': SOAP11_CONTENT_TYPE, SOAPAction: `"${v.soapAction}"`, Accept: 'text/xml' },
        body: v.envelop,
        redirect: 'manual',
        signal,
      });
      status = res.status;
      const gelezen = await leesBegrensd(res);
      if (gelezen === null) return { soort: 'mislukt', httpStatus: status, reden: `HTTP ${status} with an answer over ${MAX_ANTWOORD_BYTES} bytes` };
      body = gelezen;
    } catch (e) {
      return { soort: 'mislukt', httpStatus: null, reden: netwerkFout(e, signal, this.timeoutMs) };
    }
    return beoordeelAntwoord(status, body, v.referentienummer, v.poging);
  }
}

/** The body as text, or null when it is over MAX_ANTWOORD_BYTES (then the rest is not read). */
async function leesBegrensd(res: Response): Promise<string | null> {
  const lengte = Number(res.headers.get('content-length') ?? NaN);
  if (lengte > MAX_ANTWOORD_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return '';
  const delen: Uint8Array[] = [];
  let totaal = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    totaal += value.byteLength;
    if (totaal > MAX_ANTWOORD_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    delen.push(value);
  }
  return Buffer.concat(delen).toString('utf8');
}

/** Cause of a failed fetch, without URL credentials or content: 'timeout after 30000 ms', 'ECONNREFUSED'. */
function netwerkFout(e: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms (timeout)`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return `network error: ${cause.code}`;
  if (cause && typeof cause.message === 'string') return `network error: ${cause.message.slice(0, 200)}`;
  return `network error: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown'}`;
}
