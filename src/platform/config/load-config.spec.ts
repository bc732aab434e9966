import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, tokenDigest } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'istd-config-'));

const valid = {
  DATABASE_URL: 'postgresql://gw:s3cret@db.example:5432/istd',
  AMQP_URL: 'amqp://gw:s3cret@mq.example:5672',
  ISTANDAARDEN_XSD_DIR: dir,
  GGK_ENDPOINT_URL: 'https://ggk.example/ggk',
  GEMEENTE_CODES: '0363, 0599',
};

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c.port).toBe(3000);
    expect(c.signalenExchange).toBe('istd.signalen');
    expect(c.migrationsRun).toBe(true);
    expect(c.maxBerichtBytes).toBe(25 * 1024 * 1024);
    expect(c.gemeenteCodes).toEqual(['0363', '0599']);
    expect(c.apiTokens.size).toBe(0);
    expect(c.logLevel).toBe('info');
    expect(c.verwerking).toEqual({ enabled: true, batchSize: 10, parallel: 4, pollIntervalMs: 1000, leaseSeconds: 300, maxAttempts: 5 });
    expect(c.uitgaand).toEqual({
      enabled: true,
      batchSize: 10,
      pollIntervalMs: 1000,
      timeoutMs: 30_000,
      maxPogingen: 8,
      backoffBaseMs: 30_000,
      backoffMaxMs: 1_800_000,
    });
  });

  it('reads the signal relay settings', () => {
    expect(loadConfig(valid).signalen).toEqual({ enabled: true, batchSize: 50, pollIntervalMs: 1000, confirmTimeoutMs: 10_000 });
    const c = loadConfig({ ...valid, SIGNALEN_RELAY_ENABLED: 'false', SIGNALEN_RELAY_BATCH_SIZE: '7', SIGNALEN_RELAY_POLL_MS: '25', SIGNALEN_CONFIRM_TIMEOUT_MS: '500' });
    expect(c.signalen).toEqual({ enabled: false, batchSize: 7, pollIntervalMs: 25, confirmTimeoutMs: 500 });
    expect(problems({ ...valid, SIGNALEN_RELAY_BATCH_SIZE: '0', SIGNALEN_CONFIRM_TIMEOUT_MS: '5' })).toEqual([
      'SIGNALEN_RELAY_BATCH_SIZE must be a whole number from 1 to 1000',
      'SIGNALEN_CONFIRM_TIMEOUT_MS must be a whole number from 100 to 600000',
    ]);
  });

  it('reads the outbound relay settings', () => {
    const c = loadConfig({
      ...valid,
      GGK_RELAY_ENABLED: 'false',
      GGK_RELAY_BATCH_SIZE: '4',
      GGK_RELAY_POLL_MS: '50',
      GGK_TIMEOUT_MS: '2500',
      GGK_MAX_POGINGEN: '3',
      GGK_RETRY_BASE_MS: '20',
      GGK_RETRY_MAX_MS: '200',
    });
    expect(c.uitgaand).toEqual({ enabled: false, batchSize: 4, pollIntervalMs: 50, timeoutMs: 2500, maxPogingen: 3, backoffBaseMs: 20, backoffMaxMs: 200 });
  });

  it('checks the outbound relay settings', () => {
    expect(
      problems({
        ...valid,
        GGK_RELAY_ENABLED: 'ja',
        GGK_RELAY_BATCH_SIZE: '0',
        GGK_RELAY_POLL_MS: '5',
        GGK_TIMEOUT_MS: '99',
        GGK_MAX_POGINGEN: '101',
        GGK_RETRY_BASE_MS: '5000',
        GGK_RETRY_MAX_MS: '1000',
      }),
    ).toEqual([
      'GGK_RELAY_ENABLED must be true or false',
      'GGK_RELAY_BATCH_SIZE must be a whole number from 1 to 100',
      'GGK_RELAY_POLL_MS must be a whole number from 10 to 600000',
      'GGK_TIMEOUT_MS must be a whole number from 100 to 600000',
      'GGK_MAX_POGINGEN must be a whole number from 1 to 100',
      'GGK_RETRY_MAX_MS must not be smaller than GGK_RETRY_BASE_MS',
    ]);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      ...valid,
      PORT: '8080',
      SIGNALEN_EXCHANGE: 'istd.signalen.test',
      MIGRATIONS_RUN: 'false',
      MAX_BERICHT_BYTES: '1048576',
      API_TOKENS: 'abc:koppeling,def:backoffice,abc:beheer',
      LOG_LEVEL: 'warn',
      VERWERKING_ENABLED: 'false',
      VERWERKING_BATCH_SIZE: '3',
    });
    expect(c.port).toBe(8080);
    expect(c.signalenExchange).toBe('istd.signalen.test');
    expect(c.migrationsRun).toBe(false);
    expect(c.maxBerichtBytes).toBe(1048576);
    expect(c.apiTokens.get(tokenDigest('abc'))).toEqual(['koppeling', 'beheer']);
    expect(c.apiTokens.get(tokenDigest('def'))).toEqual(['backoffice']);
    expect(c.logLevel).toBe('warn');
    expect(c.verwerking.enabled).toBe(false);
    expect(c.verwerking.batchSize).toBe(3);
  });

  it('keeps only token digests, never the tokens', () => {
    const c = loadConfig({ ...valid, API_TOKENS: 'plain-token-value:koppeling' });
    expect(JSON.stringify([...c.apiTokens])).not.toContain('plain-token-value');
  });

  it('lists every problem at once', () => {
    const found = problems({
      AMQP_URL: 'http://mq.example',
      PORT: 'eighty',
      ISTANDAARDEN_XSD_DIR: join(dir, 'missing'),
      GGK_ENDPOINT_URL: 'not a url',
      GEMEENTE_CODES: '0363,363,abcd',
      MIGRATIONS_RUN: 'yes',
      MAX_BERICHT_BYTES: String(26 * 1024 * 1024),
      API_TOKENS: 'abc:admin,nocolon,:koppeling',
      SIGNALEN_EXCHANGE: 'has space',
    });
    expect(found).toEqual([
      'DATABASE_URL is required',
      'AMQP_URL must be a amqp:// or amqps:// URL with a host',
      'PORT must be a whole number from 0 to 65535',
      'ISTANDAARDEN_XSD_DIR must name an existing directory (the iStandaarden schema release)',
      'GGK_ENDPOINT_URL is not a valid URL',
      "GEMEENTE_CODES entry 2 ('363') is not a 4-digit CBS gemeentecode",
      "GEMEENTE_CODES entry 3 ('abcd') is not a 4-digit CBS gemeentecode",
      'SIGNALEN_EXCHANGE must be 1 to 255 letters, digits or . _ : -',
      'MIGRATIONS_RUN must be true or false',
      'MAX_BERICHT_BYTES must be a whole number from 1 to 26214400',
      'API_TOKENS entry 1 has an unknown role (allowed: backoffice, contractmanager, beheer, koppeling)',
      'API_TOKENS entry 2 must have the form token:role',
      'API_TOKENS entry 3 must have the form token:role',
    ]);
  });

  it('reports all required variables when the environment is empty', () => {
    expect(problems({})).toEqual([
      'DATABASE_URL is required',
      'AMQP_URL is required',
      'ISTANDAARDEN_XSD_DIR is required',
      'GGK_ENDPOINT_URL is required',
      'GEMEENTE_CODES is required',
    ]);
  });

  it('never repeats a secret in its message', () => {
    const e = (() => {
      try {
        loadConfig({ ...valid, DATABASE_URL: 'mysql://u:topsecret@h/db', API_TOKENS: 'topsecret2:root' });
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(e.message).toContain('DATABASE_URL');
    expect(e.message).not.toContain('topsecret');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', API_TOKENS: ' ' }).port).toBe(3000);
  });
});

describe('loadConfig: detectors', () => {
  it('defaults to hourly runs, the Treeknormen and iWmo 07/15', () => {
    const d = loadConfig(valid).detectoren;
    expect(d).toMatchObject({
      enabled: true, intervalMs: 3_600_000, verlengingVoorloopDagen: 30, plan165VooruitMaanden: 3, termijnWaarschuwingWerkdagen: 1, termijnHorizonDagen: 30,
    });
    expect(d.wachttijdNormWeken).toEqual({ dagbesteding: 6, wonen: 13, 'zintuiglijk-dagbesteding': 6, 'zintuiglijk-wonen': 8 });
    expect(d.productgroepen).toEqual([
      { domein: 'wmo', categorie: '07', codePrefix: null, groep: 'dagbesteding' },
      { domein: 'wmo', categorie: '15', codePrefix: null, groep: 'wonen' },
    ]);
  });

  it('reads a mapping with code prefixes, and refuses bad lines and groups without a norm', () => {
    const d = loadConfig({ ...valid, WACHTTIJD_PRODUCTGROEPEN: 'wmo:15:15Z=zintuiglijk-wonen, jeugd:41=dagbesteding' }).detectoren;
    expect(d.productgroepen).toContainEqual({ domein: 'wmo', categorie: '15', codePrefix: '15Z', groep: 'zintuiglijk-wonen' });
    expect(loadConfig({ ...valid, WACHTTIJD_PRODUCTGROEPEN: 'none' }).detectoren.productgroepen).toEqual([]);
    expect(problems({ ...valid, WACHTTIJD_PRODUCTGROEPEN: 'wmo07=dagbesteding' })).toEqual([expect.stringContaining('WACHTTIJD_PRODUCTGROEPEN entry 1')]);
    expect(problems({ ...valid, WACHTTIJD_PRODUCTGROEPEN: 'wmo:07=kort' })).toEqual([expect.stringContaining("group 'kort' without a norm")]);
    expect(problems({ ...valid, WACHTTIJD_NORMEN_WEKEN: 'wonen=0', WACHTTIJD_PRODUCTGROEPEN: 'none' })).toEqual([expect.stringContaining('WACHTTIJD_NORMEN_WEKEN entry 1')]);
  });

  it('reads the plan-16-5 look-ahead and the termijn knobs, and refuses values out of range', () => {
    const d = loadConfig({
      ...valid, DETECTOREN_PLAN_16_5_VOORUIT_MAANDEN: '0', DETECTOREN_TERMIJN_WAARSCHUWING_WERKDAGEN: '2', DETECTOREN_TERMIJN_HORIZON_DAGEN: '90',
    }).detectoren;
    expect(d).toMatchObject({ plan165VooruitMaanden: 0, termijnWaarschuwingWerkdagen: 2, termijnHorizonDagen: 90 });
    expect(problems({ ...valid, DETECTOREN_PLAN_16_5_VOORUIT_MAANDEN: '25', DETECTOREN_TERMIJN_WAARSCHUWING_WERKDAGEN: '-1', DETECTOREN_TERMIJN_HORIZON_DAGEN: '0' })).toEqual([
      'DETECTOREN_PLAN_16_5_VOORUIT_MAANDEN must be a whole number from 0 to 24',
      'DETECTOREN_TERMIJN_WAARSCHUWING_WERKDAGEN must be a whole number from 0 to 10',
      'DETECTOREN_TERMIJN_HORIZON_DAGEN must be a whole number from 1 to 3660',
    ]);
  });
});
