import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildBv03,
  buildDi01,
  buildFo03,
  buildFo03VoorWeigering,
  OPERATIES,
  parseGgkRequest,
  SOAP11_CONTENT_TYPE,
  type GgkFout,
  type GgkPlek,
  type GgkSchemas,
  type GgkVerzoek,
} from '../../src/ggk/envelop';
import { identificeerBericht } from '../../src/ingest/utils/identificeer-bericht.util';
import { scanXml } from '../../src/istandaarden';
import { leesSoapAntwoord } from '../../src/uitgaand/ggk-antwoord';

/**
 * A small but real GGK peer over HTTP for tests and the demo (`npm run demo` imports it, so it uses
 * no test framework). It listens on 127.0.0.1 on a random port and
 * (a) receives what the gateway sends to GGK_ENDPOINT_URL: parses it with parseGgkRequest, answers
 *     as `gedrag` says (Bv03 by default) and records every request with the decoded iWmo bericht;
 * (b) sends Di01 envelopes, built with buildDi01 around an iWmo bericht, to the gateway's POST /ggk.
 * `down()` stops listening (connections are refused) until `up()`.
 */

/** How the fake answers a request it could read. */
export type FakeGgkGedrag =
  /** HTTP 200 with a Bv03: accepted. */
  | { soort: 'bv03' }
  /** An empty 2xx (default 202): accepted. */
  | { soort: 'leeg'; status?: number }
  /** Any status with an optional plain body, e.g. 500 or 503: not accepted. */
  | { soort: 'status'; status: number; body?: string }
  /** A Fo03 SOAP Fault (HTTP 500): not accepted. */
  | { soort: 'fo03'; code: string; plek: GgkPlek; omschrijving?: string }
  /** Answers after `ms` (as `daarna`, default Bv03): a slow peer, or a timeout for the sender. */
  | { soort: 'traag'; ms: number; daarna?: FakeGgkGedrag }
  /** Reads the request, then drops the connection without an answer: received, but the sender cannot know. */
  | { soort: 'verbreek' };

/** What the fake knows when it picks its answer. */
export interface GedragContext {
  referentienummer: string;
  /** How often this referentienummer arrived, this request included (1 the first time). */
  keer: number;
  /** Requests read so far, this one included. */
  volgnummer: number;
}

export interface OntvangenBericht {
  /** e.g. 'WMO306'. */
  naam: string;
  text: string;
  /** RetourCode values in the bericht, unique, in document order. */
  retourcodes: string[];
}

/** One request the fake could read. */
export interface OntvangenEnvelop {
  kind: GgkVerzoek['kind'];
  referentienummer: string;
  crossRefnummer: string | null;
  functie: string | null;
  soapAction: string | null;
  zender: string;
  ontvanger: string;
  bericht: OntvangenBericht | null;
  /** The Fo01's error. */
  fout: GgkFout | null;
  /** True when the fake took it in (Bv03, empty 2xx, or read and then the connection dropped). */
  geaccepteerd: boolean;
  /** What the fake answered: 'Bv03', 'HTTP 202', 'HTTP 500', 'Fo03 IB216', 'geen (verbroken)'. */
  antwoord: string;
  ontvangenOp: Date;
}

/** A request the fake could not read (what parseGgkRequest refused). */
export interface GeweigerdVerzoek {
  code: string;
  reason: string;
  soapAction: string | null;
}

export interface FakeGgkOpties {
  schemas: GgkSchemas;
  /** Answer a referentienummer seen before (and accepted) with Fo03 IB216, as the GGK does. Default false: accept and record it. */
  weigerHerhaling?: boolean;
  gedrag?: FakeGgkGedrag | ((c: GedragContext) => FakeGgkGedrag);
}

/** The gateway's answer to a Di01 sent with stuurDi01. */
export interface Di01Antwoord {
  referentienummer: string;
  functie: string;
  status: number;
  body: string;
  /** 'Bv03', 'Fo03' or 'anders' (not a SOAP answer). */
  soort: 'Bv03' | 'Fo03' | 'anders';
  fout: { code: string; plek: string; omschrijving: string } | null;
}

export interface Di01Opties {
  referentienummer?: string;
  /** Path of the SOAP endpoint on the gateway; default '/ggk'. */
  pad?: string;
  /** Envelope zender.organisatie; default the bericht's Afzender. */
  zender?: string;
  /** Envelope ontvanger.organisatie; default the bericht's Ontvanger. */
  ontvanger?: string;
}

const FAKE_ZENDER = { organisatie: 'GGK', applicatie: 'GGk' };
const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };
const MAX_REQUEST_BYTES = 26 * 1024 * 1024;

export class FakeGgk {
  gedrag: FakeGgkGedrag | ((c: GedragContext) => FakeGgkGedrag);
  /** Every request it could read, in arrival order. */
  readonly verzoeken: OntvangenEnvelop[] = [];
  readonly geweigerd: GeweigerdVerzoek[] = [];
  private readonly gezien = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server;
  private poort = 0;
  private luistert = false;

  private constructor(private readonly opties: FakeGgkOpties) {
    this.gedrag = opties.gedrag ?? { soort: 'bv03' };
    this.server = this.maakServer();
  }

  static async start(opties: FakeGgkOpties): Promise<FakeGgk> {
    const fake = new FakeGgk(opties);
    await fake.up();
    return fake;
  }

  /** Where the gateway should send: GGK_ENDPOINT_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.poort}/ggk`;
  }

  /** The envelopes it took in (see OntvangenEnvelop.geaccepteerd). */
  get ontvangen(): OntvangenEnvelop[] {
    return this.verzoeken.filter((v) => v.geaccepteerd);
  }

  /** Referentienummers it took in more than once: what a duplicate delivery looks like to a peer. */
  dubbele(): string[] {
    const n = new Map<string, number>();
    for (const v of this.ontvangen) n.set(v.referentienummer, (n.get(v.referentienummer) ?? 0) + 1);
    return [...n].filter(([, c]) => c > 1).map(([r]) => r);
  }

  /** Forgets what was received (between tests). */
  wis(): void {
    this.verzoeken.length = 0;
    this.geweigerd.length = 0;
    this.gezien.clear();
  }

  /** Listen again on the same port (after down()). */
  async up(): Promise<void> {
    if (this.luistert) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.poort, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.poort = (this.server.address() as AddressInfo).port;
    this.luistert = true;
  }

  /** Stop listening and drop open connections: the sender gets "connection refused" until up(). */
  async down(): Promise<void> {
    if (!this.luistert) return;
    this.luistert = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  async stop(): Promise<void> {
    await this.down();
  }

  /**
   * Sends an iWmo/iJw bericht to the gateway in a Di01 (buildDi01), as the GGK delivers a heenbericht,
   * and returns the gateway's synchronous answer.
   */
  async stuurDi01(gatewayUrl: string, bericht: string | Uint8Array, opties: Di01Opties = {}): Promise<Di01Antwoord> {
    const raw = typeof bericht === 'string' ? Buffer.from(bericht, 'utf8') : bericht;
    const id = identificeerBericht(raw, MAX_REQUEST_BYTES);
    const envelop = buildDi01({
      zender: { organisatie: opties.zender ?? id.afzender, applicatie: 'Aanbiedersysteem' },
      ontvanger: opties.ontvanger ?? id.ontvanger ?? '0000',
      functie: id.bericht,
      parameters: PARAMETERS,
      bericht: raw,
      referentienummer: opties.referentienummer,
    });
    const res = await fetch(new URL(opties.pad ?? '/ggk', gatewayUrl), {
      method: 'POST',
      headers: { 'Content-Type': SOAP11_CONTENT_TYPE, SOAPAction: `"${envelop.soapAction}"` },
      body: envelop.xml,
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    const soap = leesSoapAntwoord(body);
    const fo03 = soap?.fault?.fo03 ?? null;
    return {
      referentienummer: envelop.referentienummer,
      functie: id.bericht,
      status: res.status,
      body,
      soort: soap?.bv03 ? 'Bv03' : soap?.fault ? 'Fo03' : 'anders',
      fout: fo03 ?? (soap?.fault ? { code: soap.fault.faultcode, plek: '', omschrijving: soap.fault.faultstring } : null),
    };
  }

  private maakServer(): Server {
    const server = createServer((req, res) => {
      this.behandel(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 1000;
    return server;
  }

  private async behandel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/ggk') {
      res.writeHead(404).end();
      return;
    }
    const raw = await leesBody(req);
    const soapAction = typeof req.headers.soapaction === 'string' ? req.headers.soapaction.replace(/^"|"$/g, '') : null;
    const parsed = parseGgkRequest(raw, this.opties.schemas);
    if (!parsed.ok) {
      this.geweigerd.push({ code: parsed.code, reason: parsed.reason, soapAction });
      stuur(res, buildFo03VoorWeigering(parsed, { zender: FAKE_ZENDER }));
      return;
    }
    const s = parsed.stuurgegevens;
    const keer = (this.gezien.get(s.referentienummer) ?? 0) + 1;
    this.gezien.set(s.referentienummer, keer);
    const record: OntvangenEnvelop = {
      kind: parsed.kind,
      referentienummer: s.referentienummer,
      crossRefnummer: s.crossRefnummer ?? null,
      functie: s.functie ?? null,
      soapAction,
      zender: s.zender.organisatie,
      ontvanger: s.ontvanger.organisatie,
      bericht: parsed.kind === 'Fo01' ? null : ontvangenBericht(parsed.definitie.naam, parsed.bericht.text),
      fout: parsed.kind === 'Fo01' ? parsed.fout : null,
      geaccepteerd: false,
      antwoord: '',
      ontvangenOp: new Date(),
    };
    this.verzoeken.push(record);

    const eerderAangenomen = this.verzoeken.some((v) => v !== record && v.geaccepteerd && v.referentienummer === s.referentienummer);
    let gedrag: FakeGgkGedrag =
      this.opties.weigerHerhaling && eerderAangenomen
        ? { soort: 'fo03', code: 'IB216', plek: 'client', omschrijving: 'Combinatie zender en referentienummer niet uniek' }
        : typeof this.gedrag === 'function'
          ? this.gedrag({ referentienummer: s.referentienummer, keer, volgnummer: this.verzoeken.length })
          : this.gedrag;
    // A slow peer has taken the envelope in already; it is only late with its answer.
    let laatste = gedrag;
    while (laatste.soort === 'traag') laatste = laatste.daarna ?? { soort: 'bv03' };
    record.geaccepteerd = laatste.soort === 'bv03' || laatste.soort === 'leeg' || laatste.soort === 'verbreek';
    while (gedrag.soort === 'traag') {
      const { ms, daarna } = gedrag;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, ms);
        this.timers.add(t);
      });
      gedrag = daarna ?? { soort: 'bv03' };
    }
    switch (gedrag.soort) {
      case 'bv03':
        record.antwoord = 'Bv03';
        stuur(res, buildBv03({ zender: FAKE_ZENDER, antwoordOp: s }));
        return;
      case 'leeg':
        record.antwoord = `HTTP ${gedrag.status ?? 202}`;
        res.writeHead(gedrag.status ?? 202).end();
        return;
      case 'status':
        record.antwoord = `HTTP ${gedrag.status}`;
        res.writeHead(gedrag.status, { 'Content-Type': 'text/plain' }).end(gedrag.body ?? '');
        return;
      case 'fo03':
        record.antwoord = `Fo03 ${gedrag.code}`;
        stuur(res, buildFo03({ zender: FAKE_ZENDER, antwoordOp: s, fout: { code: gedrag.code, plek: gedrag.plek, omschrijving: gedrag.omschrijving ?? 'Fout (fake GGK)' } }));
        return;
      case 'verbreek':
        record.antwoord = 'geen (verbroken)';
        req.socket.destroy();
        return;
    }
  }
}

function stuur(res: ServerResponse, antwoord: { xml: string; httpStatus: number }): void {
  res.writeHead(antwoord.httpStatus, { 'Content-Type': SOAP11_CONTENT_TYPE }).end(antwoord.xml);
}

async function leesBody(req: IncomingMessage): Promise<Uint8Array> {
  const delen: Buffer[] = [];
  let n = 0;
  for await (const deel of req) {
    n += (deel as Buffer).length;
    if (n > MAX_REQUEST_BYTES) throw new Error('request too large');
    delen.push(deel as Buffer);
  }
  return new Uint8Array(Buffer.concat(delen));
}

function ontvangenBericht(naam: string, text: string): OntvangenBericht {
  let retourcodes: string[] = [];
  try {
    const codes = scanXml(text).elementsByLocal.get('RetourCode') ?? [];
    retourcodes = [...new Set(codes.map((c) => c.text.trim()))];
  } catch {
    retourcodes = [];
  }
  return { naam, text, retourcodes };
}

/** The SOAPAction the WSDL gives each operation, for assertions. */
export const SOAP_ACTIONS = { Di01: OPERATIES.Di01.soapAction, Du01: OPERATIES.Du01.soapAction, Fo01: OPERATIES.Fo01.soapAction };
