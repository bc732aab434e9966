import { SOAP11_NS, STUF_NS } from '../ggk/envelop';
import { scanXml, type XmlElement } from '../istandaarden';

/**
 * How one delivery attempt ended, judged from the HTTP answer of GGK_ENDPOINT_URL:
 * - `bevestigd`: delivered; mark verzonden.
 * - `geweigerd`: the peer refuses this envelope (Fo03 client, 4xx); sending the same bytes again
 *   gives the same answer, so it goes to uitval at once.
 * - `mislukt`: the peer or the network failed (5xx, Fo03 server, timeout, no connection, an answer we
 *   cannot read); retried with backoff until the attempt limit.
 * `reden` is for last_error and logs: status codes, StUF codes and the peer's short text, never
 * anything of our envelope.
 */
export type Afloop =
  | { soort: 'bevestigd'; httpStatus: number; antwoordRefnummer: string | null; reden: string }
  | { soort: 'geweigerd'; httpStatus: number | null; reden: string; foutcode: string | null }
  | { soort: 'mislukt'; httpStatus: number | null; reden: string };

/** Codes the GGK answers when a referentienummer arrives again (foutcodes list). */
const REFERENTIE_NIET_UNIEK = new Set(['IB216', 'CC08']);
/** 4xx answers that say "later", not "never". */
const TIJDELIJKE_4XX = new Set([408, 425, 429]);

export interface SoapAntwoord {
  bv03?: { referentienummer: string | null; crossRefnummer: string | null };
  fault?: { faultcode: string; faultstring: string; fo03: { code: string; plek: string; omschrijving: string } | null };
}

/**
 * Judges an HTTP answer. Decisions (docs/service.md "Outbound delivery"):
 * - 2xx with a Bv03 whose crossRefnummer is ours (or has none) is delivered; a Bv03 about another
 *   message is not. An empty 2xx is delivered too: a transport acknowledgement without a body is
 *   what an HTTP intermediary (Digikoppeling adapter, 202 Accepted) answers.
 * - 2xx with anything else (an HTML page of a proxy) is not a delivery: retried.
 * - A SOAP Fault (any status): faultcode Client or Fo03 plek client is refused (uitval); Server is
 *   retried. IB216/CC08 (referentienummer not unique) on a later attempt means an earlier attempt
 *   did arrive (its answer was lost): delivered.
 */
export function beoordeelAntwoord(httpStatus: number, body: string, referentienummer: string, poging: number): Afloop {
  const soap = leesSoapAntwoord(body);
  const ok = httpStatus >= 200 && httpStatus < 300;

  if (soap?.fault) {
    const { faultcode, faultstring, fo03 } = soap.fault;
    const code = fo03?.code ?? null;
    const plek = fo03?.plek ?? (/(^|:)Server$/.test(faultcode) ? 'server' : 'client');
    const tekst = `Fo03 ${code ?? faultcode.replace(/^.*:/, '')} (${plek}): ${veilig(fo03?.omschrijving || faultstring)}`;
    if (code && REFERENTIE_NIET_UNIEK.has(code) && poging > 1) {
      return { soort: 'bevestigd', httpStatus, antwoordRefnummer: null, reden: `an earlier attempt arrived: ${tekst}` };
    }
    if (plek === 'server') return { soort: 'mislukt', httpStatus, reden: tekst };
    return { soort: 'geweigerd', httpStatus, reden: tekst, foutcode: code };
  }
  if (ok) {
    if (body.trim() === '') return { soort: 'bevestigd', httpStatus, antwoordRefnummer: null, reden: `HTTP ${httpStatus} without a body` };
    if (soap?.bv03) {
      const { crossRefnummer, referentienummer: bv03Ref } = soap.bv03;
      if (crossRefnummer && crossRefnummer !== referentienummer) {
        return { soort: 'mislukt', httpStatus, reden: `HTTP ${httpStatus}: the Bv03 answers another referentienummer` };
      }
      return { soort: 'bevestigd', httpStatus, antwoordRefnummer: bv03Ref, reden: `HTTP ${httpStatus} Bv03` };
    }
    return { soort: 'mislukt', httpStatus, reden: `HTTP ${httpStatus} without a Bv03 or SOAP Fault` };
  }
  if (httpStatus >= 400 && httpStatus < 500 && !TIJDELIJKE_4XX.has(httpStatus)) {
    return { soort: 'geweigerd', httpStatus, reden: `HTTP ${httpStatus}`, foutcode: null };
  }
  return { soort: 'mislukt', httpStatus, reden: httpStatus >= 300 && httpStatus < 400 ? `HTTP ${httpStatus} (redirects are not followed)` : `HTTP ${httpStatus}` };
}

/** The Bv03 or Fault in a SOAP 1.1 answer; null when the body is not one (empty, HTML, not XML). */
export function leesSoapAntwoord(body: string): SoapAntwoord | null {
  if (body.trim() === '') return null;
  let root: XmlElement;
  try {
    root = scanXml(body.replace(/^\uFEFF/, ''), { maxDepth: 32 }).root;
  } catch {
    return null;
  }
  if (root.ns !== SOAP11_NS || root.local !== 'Envelope') return null;
  const soapBody = root.children.find((c) => c.ns === SOAP11_NS && c.local === 'Body');
  const el = soapBody?.children[0];
  if (!el) return null;
  if (el.ns === STUF_NS && el.local === 'Bv03Bericht') {
    return { bv03: { referentienummer: tekstOfNull(el.textAt('stuurgegevens', 'referentienummer')), crossRefnummer: tekstOfNull(el.textAt('stuurgegevens', 'crossRefnummer')) } };
  }
  if (el.ns === SOAP11_NS && el.local === 'Fault') {
    const fo03El = el.child('detail')?.children.find((c) => c.local === 'Fo03Bericht');
    const fo03Body = fo03El?.child('body');
    return {
      fault: {
        faultcode: (el.textAt('faultcode') ?? '').trim(),
        faultstring: (el.textAt('faultstring') ?? '').trim(),
        fo03: fo03Body
          ? { code: (fo03Body.textAt('code') ?? '').trim(), plek: (fo03Body.textAt('plek') ?? '').trim(), omschrijving: (fo03Body.textAt('omschrijving') ?? '').trim() }
          : null,
      },
    };
  }
  return null;
}

function tekstOfNull(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/**
 * The peer's text as it may go into last_error and logs: one line, at most 200 characters, and no
 * nine-digit numbers (a BSN the peer might quote).
 */
export function veilig(tekst: string): string {
  const eenRegel = tekst.replace(/\s+/g, ' ').trim().replace(/\b\d{9}\b/g, '#########');
  return eenRegel.length > 200 ? `${eenRegel.slice(0, 199)}…` : eenRegel;
}
