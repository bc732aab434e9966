import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const root = mkdtempSync(join(tmpdir(), 'istd-ggkdir-'));
const xsd = join(root, 'istandaarden');
mkdirSync(xsd);
const env = { DATABASE_URL: 'postgresql://db.example/istd', AMQP_URL: 'amqp://mq.example', ISTANDAARDEN_XSD_DIR: xsd, GGK_ENDPOINT_URL: 'https://ggk.example/ggk', GEMEENTE_CODES: '0363' };

describe('GGK_XSD_DIR', () => {
  it('defaults to ggk-koppelvlak beside the iStandaarden schema directory', () => {
    expect(loadConfig(env).ggkXsdDir).toBe(join(root, 'ggk-koppelvlak'));
  });

  it('is taken as given, and must then be a directory', () => {
    expect(loadConfig({ ...env, GGK_XSD_DIR: root }).ggkXsdDir).toBe(root);
    expect(() => loadConfig({ ...env, GGK_XSD_DIR: join(root, 'missing') })).toThrow(ConfigError);
    try {
      loadConfig({ ...env, GGK_XSD_DIR: join(root, 'missing') });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual(['GGK_XSD_DIR must name an existing directory']);
    }
  });
});
