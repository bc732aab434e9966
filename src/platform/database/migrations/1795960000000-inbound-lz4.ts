import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The received bericht and its envelope are TOASTed with lz4 instead of pglz: storing an 81 MB
 * declaratie took 1.1-1.8 s of the time before the 202, lz4 about half (bench/README.md). Only new
 * values are affected. A server built without lz4 keeps pglz: the statement is skipped with a notice.
 */
export class InboundLz4Compressie1795960000000 implements MigrationInterface {
  name = 'InboundLz4Compressie1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await zetCompressie(q, 'lz4');
  }

  async down(q: QueryRunner): Promise<void> {
    await zetCompressie(q, 'pglz');
  }
}

async function zetCompressie(q: QueryRunner, methode: 'lz4' | 'pglz'): Promise<void> {
  await q.query(`
    DO $$
    BEGIN
      ALTER TABLE client_inbound_bericht ALTER COLUMN raw SET COMPRESSION ${methode}, ALTER COLUMN envelope SET COMPRESSION ${methode};
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'compression method ${methode} not available: the default stays';
    END $$`);
}
