/**
 * `npm run demo`: the gateway end to end on this machine, without Docker.
 *
 * Creates its own database on the local PostgreSQL, starts a fake GGK (a real HTTP SOAP peer) and the
 * gateway in-process with GGK_ENDPOINT_URL pointing at the fake, plays the aanbieder's example
 * heenberichten (305, 307, 315, 317, 323) from the schema directory through the fake GGK as Di01
 * envelopes to POST /ggk, waits until processing is done and the outbox is delivered, prints what came
 * back at the GGK, drops its database and exits 0. Exit 1 when something does not work. Nothing
 * pretends: a bericht without an answer shows "(nothing)", an envelope not delivered its reason.
 *
 * Environment: ISTANDAARDEN_XSD_DIR (default ../shared/istandaarden), GGK_XSD_DIR (default
 * ggk-koppelvlak beside it), DEMO_DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
 * AMQP_URL (default amqp://guest:guest@127.0.0.1:5672; the demo also runs while RabbitMQ is down).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { FakeGgk, type OntvangenEnvelop } from '../../test/support/fake-ggk';
import { createApp } from '../app.factory';
import { berichtcodeVoor, GgkSchemas } from '../ggk/envelop';
import { identificeerBericht } from '../ingest/utils/identificeer-bericht.util';
import { prepareInput } from '../istandaarden';
import { loadConfig } from '../platform/config';

const WACHT_MS = 90_000;

interface Invoer {
  bestand: string;
  naam: string;
  raw: Buffer;
  ontvanger: string;
}

interface Gespeeld extends Invoer {
  /** Referentienummer of the Di01. */
  referentienummer: string;
  /** Synchronous answer: 'Bv03', 'Fo03 StUF055', 'HTTP 202', ... */
  antwoord: string;
  /** Inbound row id, when known. */
  inboundId: string | null;
}

type UitgaandRij = {
  referentienummer: string;
  cross_refnummer: string | null;
  inbound_id: string | null;
  soort: string;
  functie: string | null;
  status: string;
  last_error: string | null;
};

async function main(): Promise<number> {
  const xsdDir = resolve(process.env.ISTANDAARDEN_XSD_DIR ?? '../shared/istandaarden');
  const ggkDir = resolve(process.env.GGK_XSD_DIR ?? join(dirname(xsdDir), 'ggk-koppelvlak'));
  const adminUrl = process.env.DEMO_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const invoer = voorbeelden(xsdDir);
  const gemeenten = [...new Set(invoer.map((i) => i.ontvanger))].sort();

  const dbNaam = `istd_demo_${randomBytes(4).toString('hex')}`;
  const databaseUrl = metDatabase(adminUrl, dbNaam);
  const logs: string[] = [];
  let fake: FakeGgk | null = null;
  let app: NestExpressApplication | null = null;
  let schemas: GgkSchemas | null = null;

  await admin(adminUrl, `CREATE DATABASE ${dbNaam}`);
  try {
    schemas = await GgkSchemas.load(ggkDir);
    fake = await FakeGgk.start({ schemas });
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      ISTANDAARDEN_XSD_DIR: xsdDir,
      GGK_XSD_DIR: ggkDir,
      GGK_ENDPOINT_URL: fake.url,
      GEMEENTE_CODES: gemeenten.join(','),
      LOG_LEVEL: 'warn',
      VERWERKING_POLL_MS: '100',
      GGK_RELAY_POLL_MS: '100',
      GGK_TIMEOUT_MS: '5000',
      GGK_RETRY_BASE_MS: '200',
      GGK_RETRY_MAX_MS: '1000',
      GGK_MAX_POGINGEN: '3',
    });
    const logDestination = new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString('utf8')), cb()) });
    app = (await createApp(config, { logDestination })).app;
    await app.listen(0, '127.0.0.1');
    const gateway = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    console.log(`database ${dbNaam}, fake GGK ${fake.url}, gateway ${gateway}`);

    const gespeeld = await speel(invoer, fake, gateway);
    console.log(`played ${gespeeld.length} example berichten as Di01 envelopes to POST /ggk`);

    await wachtTotKlaar(databaseUrl, fake);
    const uitgaand = await query<UitgaandRij>(
      databaseUrl,
      `SELECT referentienummer, cross_refnummer, inbound_id, soort, functie, status, last_error FROM client_outbound_bericht ORDER BY created_at`,
    );
    await vulInboundIds(databaseUrl, gespeeld);
    const statussen = new Map(
      (await query<{ id: string; status: string }>(databaseUrl, `SELECT id, status FROM client_inbound_bericht`)).map((r) => [r.id, r.status]),
    );
    druk(gespeeld, uitgaand, fake.verzoeken, statussen);
    return 0;
  } catch (e) {
    process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    if (logs.length > 0) process.stderr.write(`last gateway log lines:\n${logs.slice(-15).join('')}`);
    return 1;
  } finally {
    await app?.close().catch(() => undefined);
    await fake?.stop().catch(() => undefined);
    schemas?.dispose();
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbNaam} WITH (FORCE)`).catch((e: unknown) =>
      process.stderr.write(`could not drop database ${dbNaam}: ${e instanceof Error ? e.message : String(e)}\n`),
    );
  }
}

/** The aanbieder's heenberichten among the examples: what the GGK delivers to a gemeente in a Di01. */
function voorbeelden(xsdDir: string): Invoer[] {
  const invoer: Invoer[] = [];
  for (const standaard of ['iwmo-3.2', 'ijw-3.2']) {
    const map = join(xsdDir, standaard, 'voorbeelden');
    for (const bestand of readdirSync(map).filter((f) => f.endsWith('.xml')).sort()) {
      const raw = readFileSync(join(map, bestand));
      const definitie = prepareInput(raw).bericht;
      if (!definitie || definitie.richting !== 'aanbieder-naar-gemeente' || berichtcodeVoor(definitie) !== 'Di01') continue;
      const id = identificeerBericht(raw, raw.length);
      invoer.push({ bestand: join(standaard, 'voorbeelden', bestand), naam: definitie.naam, raw, ontvanger: id.ontvanger ?? '' });
    }
  }
  if (invoer.length === 0) throw new Error(`no example heenberichten under ${xsdDir}`);
  return invoer;
}

/** Each bericht in a Di01 through the fake GGK to POST /ggk; the synchronous answer is kept. */
async function speel(invoer: Invoer[], fake: FakeGgk, gateway: string): Promise<Gespeeld[]> {
  const gespeeld: Gespeeld[] = [];
  for (const i of invoer) {
    const a = await fake.stuurDi01(gateway, i.raw);
    const antwoord = a.soort === 'Bv03' ? 'Bv03' : a.soort === 'Fo03' ? `Fo03 ${a.fout?.code ?? ''}`.trim() : `HTTP ${a.status}`;
    gespeeld.push({ ...i, referentienummer: a.referentienummer, antwoord, inboundId: null });
  }
  return gespeeld;
}

/** Until nothing waits for processing and the outbox is empty (delivered or uitval); every envelope sent is at the fake. */
async function wachtTotKlaar(databaseUrl: string, fake: FakeGgk): Promise<void> {
  const deadline = Date.now() + WACHT_MS;
  for (;;) {
    const [{ open }] = await query<{ open: string }>(databaseUrl, `SELECT count(*) AS open FROM client_inbound_bericht WHERE status IN ('ontvangen', 'in_verwerking')`);
    const rijen = await query<{ referentienummer: string; status: string }>(databaseUrl, `SELECT referentienummer, status FROM client_outbound_bericht`);
    const aangekomen = new Set(fake.ontvangen.map((v) => v.referentienummer));
    const klaar =
      Number(open) === 0 && rijen.every((r) => r.status === 'uitval' || (r.status === 'verzonden' && aangekomen.has(r.referentienummer)));
    if (klaar) return;
    if (Date.now() > deadline) throw new Error(`not done after ${WACHT_MS / 1000} s: ${open} berichten in processing, ${rijen.filter((r) => r.status === 'te_verzenden').length} envelopes to send`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Inbound ids of the Di01s: the stored envelope carries their referentienummer. */
async function vulInboundIds(databaseUrl: string, gespeeld: Gespeeld[]): Promise<void> {
  for (const g of gespeeld) {
    const rows = await query<{ id: string }>(
      databaseUrl,
      `SELECT id FROM client_inbound_bericht WHERE kanaal = 'ggk' AND envelope IS NOT NULL AND position($1 in envelope) > 0 LIMIT 1`,
      [g.referentienummer],
    );
    g.inboundId = rows[0]?.id ?? null;
  }
}

function druk(gespeeld: Gespeeld[], uitgaand: UitgaandRij[], verzoeken: OntvangenEnvelop[], statussen: Map<string, string>): void {
  const regels: string[][] = [['bericht in Di01', 'answer', 'status', 'came back at the GGK', 'retourcodes']];
  let terug = 0;
  for (const g of gespeeld) {
    const rijen = uitgaand.filter((u) => u.cross_refnummer === g.referentienummer || (g.inboundId !== null && u.inbound_id === g.inboundId));
    const status = g.inboundId ? (statussen.get(g.inboundId) ?? '?') : '-';
    if (rijen.length === 0) {
      regels.push([g.naam, g.antwoord, status, '(nothing)', '']);
      continue;
    }
    for (const [n, u] of rijen.entries()) {
      const ontvangen = verzoeken.find((v) => v.referentienummer === u.referentienummer && v.geaccepteerd);
      terug += ontvangen ? 1 : 0;
      const wat = ontvangen
        ? `${ontvangen.kind} ${ontvangen.functie ?? ontvangen.fout?.code ?? ''}`.trim()
        : `${u.soort} ${u.functie ?? ''} not delivered: ${u.status}${u.last_error ? ` (${u.last_error})` : ''}`;
      const codes = ontvangen?.bericht?.retourcodes.join(' ') ?? ontvangen?.fout?.omschrijving.slice(0, 60) ?? '';
      regels.push(n === 0 ? [g.naam, g.antwoord, status, wat, codes] : ['', '', '', wat, codes]);
    }
  }
  const breed = regels[0].map((_, k) => Math.max(...regels.map((r) => r[k].length)));
  const lijn = (r: string[]) => r.map((c, k) => c.padEnd(breed[k])).join('  ').trimEnd();
  console.log('');
  console.log(lijn(regels[0]));
  console.log(breed.map((b) => '-'.repeat(b)).join('  '));
  for (const r of regels.slice(1)) console.log(lijn(r));
  console.log('');
  console.log(`${gespeeld.length} berichten sent, ${terug} envelopes came back at the fake GGK (${verzoeken.length} requests received).`);
  if (uitgaand.length === 0) {
    console.log('No retourberichten were written: no processing step writes to the outbox (OUTBOX_WRITER) yet.');
  }
}

function metDatabase(adminUrl: string, naam: string): string {
  if (!naam.includes('demo') || !/^[a-z0-9_]+$/.test(naam)) throw new Error(`refusing database name ${naam}`);
  const url = new URL(adminUrl);
  url.pathname = `/${naam}`;
  return url.toString();
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
