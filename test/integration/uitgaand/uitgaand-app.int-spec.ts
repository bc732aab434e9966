import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { buildDu01 } from '../../../src/ggk/envelop';
import { OUTBOX_WRITER, type OutboxWriter } from '../../../src/uitgaand';
import { eventually, startTestApp, TOKENS, type TestApp } from '../../support/app';
import { sql } from '../../support/database';
import { FakeGgk } from '../../support/fake-ggk';
import { testGgkSchemas } from '../../support/ggk';
import { voorbeeld } from '../../support/istandaarden';
import { testDatabase, type TestDatabase } from '../../support/test-database';

const PARAMETERS = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' };

describe('outbox in the application', () => {
  let db: TestDatabase;
  let fake: FakeGgk;
  let t: TestApp;

  beforeAll(async () => {
    db = await testDatabase();
    fake = await FakeGgk.start({ schemas: await testGgkSchemas() });
    // A poll interval longer than the test: only the after-commit wake-up can deliver in time.
    t = await startTestApp(db.url, { GGK_ENDPOINT_URL: fake.url, GGK_RELAY_POLL_MS: '600000', VERWERKING_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
    await fake?.stop();
    await db?.drop();
  });

  it('OUTBOX_WRITER writes in the caller\'s transaction; the relay started with the app delivers after the commit', async () => {
    const post = await t.http().post('/api/berichten').set('Authorization', `Bearer ${TOKENS.koppeling}`).set('Content-Type', 'application/xml').send(voorbeeld('WMO305'));
    expect(post.status).toBe(202);
    const inboundId = post.body.id as string;

    const crossRefnummer = randomUUID();
    const e = buildDu01({
      zender: { organisatie: '0363', applicatie: 'istd-gateway' },
      ontvanger: '65656055',
      functie: 'WMO306',
      parameters: PARAMETERS,
      bericht: voorbeeld('WMO306'),
      crossRefnummer,
    });
    const writer = t.app.get<OutboxWriter>(OUTBOX_WRITER);
    const id = await t.app.get(DataSource).transaction((tx) =>
      writer.schrijf(tx, { soort: 'Du01', functie: 'WMO306', referentienummer: e.referentienummer, crossRefnummer, envelop: e.xml, inboundId, correlationId: 'app-outbox-1' }),
    );

    await eventually(async () => (fake.ontvangen.some((v) => v.referentienummer === e.referentienummer) ? true : undefined), 'the Du01 at the fake GGK');
    const [rij] = await eventually(async () => {
      const r = await sql<{ status: string; inbound_id: string; correlation_id: string }>(db.url, 'SELECT status, inbound_id, correlation_id FROM client_outbound_bericht WHERE id = $1', [id]);
      return r[0]?.status === 'verzonden' ? r : undefined;
    }, 'row verzonden');
    expect(rij).toEqual({ status: 'verzonden', inbound_id: inboundId, correlation_id: 'app-outbox-1' });

    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toContain('istd_uitgaand_verzonden_total{soort="Du01",functie="WMO306"} 1');
    expect(metrics.text).toContain('istd_uitgaand_pogingen_total{soort="Du01",afloop="bevestigd"} 1');
    expect(metrics.text).toMatch(/^istd_uitgaand_te_verzenden 0$/m);
    expect(t.logs.join('')).toContain('envelope delivered to the GGK');
  });
});
