import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.factory';
import { loadConfig } from '../../../src/platform/config';
import { createDataSource, MIGRATIONS } from '../../../src/platform/database';
import { startTestApp, testEnv } from '../../support/app';
import { assertTestDatabase, createTemplateDatabase, sql } from '../../support/database';
import { emptyTestDatabase, type TestDatabase } from '../../support/test-database';

async function tables(url: string): Promise<string[]> {
  const rows = await sql<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
  return rows.map((r) => r.table_name);
}

describe('start-up and migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await emptyTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('does not migrate when MIGRATIONS_RUN=false', async () => {
    const t = await startTestApp(db.url, { MIGRATIONS_RUN: 'false', VERWERKING_ENABLED: 'false' });
    await t.close();
    expect(await tables(db.url)).toEqual([]);
  });

  it('runs pending migrations before serving', async () => {
    const t = await startTestApp(db.url, { VERWERKING_ENABLED: 'false' });
    try {
      expect(await tables(db.url)).toEqual(expect.arrayContaining(['client_inbound_bericht', 'client_outbound_bericht', 'typeorm_migrations']));
      expect(t.logs.join('')).toContain(`ran ${MIGRATIONS.length} migration(s)`);
    } finally {
      await t.close();
    }
  });

  it('migrates down and up again', async () => {
    const ds = await createDataSource(db.url).initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables(db.url)).toEqual(['typeorm_migrations']);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables(db.url)).toEqual(expect.arrayContaining(['client_inbound_bericht', 'client_outbound_bericht', 'typeorm_migrations']));
      const indexes = await sql<{ indexname: string }>(db.url, `SELECT indexname FROM pg_indexes WHERE tablename = 'client_inbound_bericht' ORDER BY 1`);
      expect(indexes.map((r) => r.indexname)).toEqual([
        'ix_client_inbound_bericht_duplicaat_van',
        'ix_client_inbound_bericht_open',
        'pk_client_inbound_bericht',
        'uq_client_inbound_bericht_content_sha256',
        'uq_client_inbound_bericht_ggk_referentie',
        'uq_client_inbound_bericht_identificatie',
      ]);
      // GGK Fo01s and the register (istandaarden-3.2.md §11); client data only in client_* tables.
      expect(await tables(db.url)).toEqual(
        expect.arrayContaining(['client_ggk_foutbericht', 'client_register_toewijzing', 'client_register_levering', 'client_register_verzoek', 'register_bericht_identificatie']),
      );
      const outbound = await sql<{ indexname: string }>(db.url, `SELECT indexname FROM pg_indexes WHERE tablename = 'client_outbound_bericht' ORDER BY 1`);
      expect(outbound.map((r) => r.indexname)).toEqual([
        'ix_client_outbound_bericht_inbound',
        'ix_client_outbound_bericht_te_verzenden',
        'pk_client_outbound_bericht',
        'uq_client_outbound_bericht_referentienummer',
      ]);
    } finally {
      await ds.destroy();
    }
  });

  it('fails to start when a schema is missing, naming the file', async () => {
    const leeg = mkdtempSync(join(tmpdir(), 'istd-xsd-'));
    const config = loadConfig(testEnv(db.url, { ISTANDAARDEN_XSD_DIR: leeg }));
    await expect(createApp(config, { logDestination: { write: () => undefined } })).rejects.toThrow(/is missing: iwmo-3\.2\/xsd\/WMO301\.xsd/);
  });

  it('refuses databases whose name lacks "test"', async () => {
    expect(() => assertTestDatabase('istd_productie')).toThrow(/does not contain "test"/);
    await expect(createTemplateDatabase('istd_productie')).rejects.toThrow(/does not contain "test"/);
  });
});
