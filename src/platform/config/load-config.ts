import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppConfig, LOG_LEVELS, MAX_BERICHT_BYTES_LIMIT, ROLES, type LogLevel, type ProductgroepRegel, type Role } from './app-config';

/** Treeknormen gehandicaptenzorg (TCW art. 3.5): weeks from toewijzing to start of zorg. */
export const STANDAARD_WACHTTIJD_NORMEN = 'dagbesteding=6,wonen=13,zintuiglijk-dagbesteding=6,zintuiglijk-wonen=8';
/** iWmo categorie 07 Dagbesteding and 15 Beschermd wonen; zintuiglijk and Jeugd need an own mapping. */
export const STANDAARD_PRODUCTGROEPEN = 'wmo:07=dagbesteding,wmo:15=wonen';

/** Start-up failure listing every configuration problem at once. Never repeats a value (secrets). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the environment into a typed AppConfig, or throws ConfigError naming every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const values = {
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    amqpUrl: r.url('AMQP_URL', ['amqp:', 'amqps:']),
    port: r.int('PORT', 3000, 0, 65535),
    xsdDir: r.directory('ISTANDAARDEN_XSD_DIR'),
    ggkXsdDir: r.optionalDirectory('GGK_XSD_DIR') ?? standaardGgkDir(env),
    ggkEndpointUrl: r.url('GGK_ENDPOINT_URL', ['http:', 'https:']),
    gemeenteCodes: r.gemeenteCodes('GEMEENTE_CODES'),
    signalenExchange: r.exchangeName('SIGNALEN_EXCHANGE', 'istd.signalen'),
    migrationsRun: r.bool('MIGRATIONS_RUN', true),
    maxBerichtBytes: r.int('MAX_BERICHT_BYTES', MAX_BERICHT_BYTES_LIMIT, 1, MAX_BERICHT_BYTES_LIMIT),
    apiTokens: r.apiTokens('API_TOKENS'),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info') as LogLevel,
    verwerking: {
      enabled: r.bool('VERWERKING_ENABLED', true),
      batchSize: r.int('VERWERKING_BATCH_SIZE', 10, 1, 1000),
      parallel: r.int('VERWERKING_PARALLEL', 4, 1, 64),
      pollIntervalMs: r.int('VERWERKING_POLL_MS', 1000, 10, 600_000),
      leaseSeconds: r.int('VERWERKING_LEASE_SECONDS', 300, 1, 86_400),
      maxAttempts: r.int('VERWERKING_MAX_ATTEMPTS', 5, 1, 100),
    },
    uitgaand: {
      enabled: r.bool('GGK_RELAY_ENABLED', true),
      batchSize: r.int('GGK_RELAY_BATCH_SIZE', 10, 1, 100),
      pollIntervalMs: r.int('GGK_RELAY_POLL_MS', 1000, 10, 600_000),
      timeoutMs: r.int('GGK_TIMEOUT_MS', 30_000, 100, 600_000),
      maxPogingen: r.int('GGK_MAX_POGINGEN', 8, 1, 100),
      backoffBaseMs: r.int('GGK_RETRY_BASE_MS', 30_000, 10, 3_600_000),
      backoffMaxMs: r.int('GGK_RETRY_MAX_MS', 1_800_000, 10, 86_400_000),
    },
    signalen: {
      enabled: r.bool('SIGNALEN_RELAY_ENABLED', true),
      batchSize: r.int('SIGNALEN_RELAY_BATCH_SIZE', 50, 1, 1000),
      pollIntervalMs: r.int('SIGNALEN_RELAY_POLL_MS', 1000, 10, 600_000),
      confirmTimeoutMs: r.int('SIGNALEN_CONFIRM_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    detectoren: {
      enabled: r.bool('DETECTOREN_ENABLED', true),
      intervalMs: r.int('DETECTOREN_INTERVAL_MS', 3_600_000, 1000, 86_400_000),
      verlengingVoorloopDagen: r.int('DETECTOREN_VERLENGING_VOORLOOP_DAGEN', 30, 0, 365),
      bestedingsruimteVoorloopDagen: r.int('DETECTOREN_BESTEDINGSRUIMTE_VOORLOOP_DAGEN', 30, 0, 365),
      wachttijdNormWeken: r.normen('WACHTTIJD_NORMEN_WEKEN', STANDAARD_WACHTTIJD_NORMEN),
      productgroepen: r.productgroepen('WACHTTIJD_PRODUCTGROEPEN', STANDAARD_PRODUCTGROEPEN),
      plan165VooruitMaanden: r.int('DETECTOREN_PLAN_16_5_VOORUIT_MAANDEN', 3, 0, 24),
      termijnWaarschuwingWerkdagen: r.int('DETECTOREN_TERMIJN_WAARSCHUWING_WERKDAGEN', 1, 0, 10),
      termijnHorizonDagen: r.int('DETECTOREN_TERMIJN_HORIZON_DAGEN', 30, 1, 3660),
    },
  };
  if (values.uitgaand.backoffMaxMs < values.uitgaand.backoffBaseMs) {
    r.problems.push('GGK_RETRY_MAX_MS must not be smaller than GGK_RETRY_BASE_MS');
  }
  for (const g of new Set(values.detectoren.productgroepen.map((p) => p.groep))) {
    if (values.detectoren.wachttijdNormWeken[g] === undefined) r.problems.push(`WACHTTIJD_PRODUCTGROEPEN names group '${g}' without a norm in WACHTTIJD_NORMEN_WEKEN`);
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return new AppConfig(values);
}

/**
 * GGK_XSD_DIR defaults to `ggk-koppelvlak` beside the iStandaarden schema directory (the layout of
 * ../shared). Not checked here: a missing directory fails the start naming it (GgkSchemas.load).
 */
function standaardGgkDir(env: Env): string {
  const xsd = env.ISTANDAARDEN_XSD_DIR?.trim();
  return xsd ? join(dirname(resolve(xsd)), 'ggk-koppelvlak') : '';
}

/** The hash under which a bearer token is kept and looked up. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Collects problems instead of throwing, so all of them are reported together. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v === '' ? undefined : v;
  }

  private required(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) this.problems.push(`${name} is required`);
    return v;
  }

  url(name: string, protocols: readonly string[]): string {
    const v = this.required(name);
    if (v === undefined) return '';
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return '';
    }
    if (!protocols.includes(url.protocol) || url.hostname === '') {
      this.problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL with a host`);
    }
    return v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(v);
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (v === 'true') return true;
    if (v === 'false') return false;
    this.problems.push(`${name} must be true or false`);
    return fallback;
  }

  oneOf(name: string, allowed: readonly string[], fallback: string): string {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!allowed.includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return v;
  }

  directory(name: string): string {
    const v = this.required(name);
    if (v === undefined) return '';
    let isDir = false;
    try {
      isDir = statSync(v).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) this.problems.push(`${name} must name an existing directory (the iStandaarden schema release)`);
    return v;
  }

  /** An optional directory: undefined when unset, a problem when set but not a directory. */
  optionalDirectory(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    let isDir = false;
    try {
      isDir = statSync(v).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) this.problems.push(`${name} must name an existing directory`);
    return v;
  }

  gemeenteCodes(name: string): string[] {
    const v = this.required(name);
    if (v === undefined) return [];
    const codes = v.split(',').map((c) => c.trim());
    codes.forEach((c, i) => {
      // CBS gemeentecodes are not secret; repeating them helps find the typo.
      if (!/^\d{4}$/.test(c)) this.problems.push(`${name} entry ${i + 1} ('${c.slice(0, 16)}') is not a 4-digit CBS gemeentecode`);
    });
    return [...new Set(codes)];
  }

  exchangeName(name: string, fallback: string): string {
    const v = this.raw(name) ?? fallback;
    if (!/^[A-Za-z0-9._:-]{1,255}$/.test(v)) {
      this.problems.push(`${name} must be 1 to 255 letters, digits or . _ : -`);
    }
    return v;
  }

  /** "groep=weken,..." (weeks 1 to 104). */
  normen(name: string, fallback: string): Record<string, number> {
    const normen: Record<string, number> = {};
    (this.raw(name) ?? fallback).split(',').forEach((entry, i) => {
      const m = /^\s*([a-z][a-z0-9-]*)\s*=\s*(\d{1,3})\s*$/.exec(entry);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 104) this.problems.push(`${name} entry ${i + 1} must have the form groep=weken (1 to 104)`);
      else normen[m[1]] = Number(m[2]);
    });
    return normen;
  }

  /** "domein:categorie[:codePrefix]=groep,..."; `none`: no mapping (empty counts as unset, as everywhere). */
  productgroepen(name: string, fallback: string): ProductgroepRegel[] {
    const v = this.raw(name) ?? fallback;
    if (v === 'none') return [];
    const regels: ProductgroepRegel[] = [];
    v.split(',').forEach((entry, i) => {
      const m = /^\s*(wmo|jeugd):([0-9]{2})(?::([0-9A-Za-z]{1,5}))?\s*=\s*([a-z][a-z0-9-]*)\s*$/.exec(entry);
      if (!m) this.problems.push(`${name} entry ${i + 1} must have the form domein:categorie[:codePrefix]=groep`);
      else regels.push({ domein: m[1] as 'wmo' | 'jeugd', categorie: m[2], codePrefix: m[3] ?? null, groep: m[4] });
    });
    return regels;
  }

  /** "token:role,token:role"; a token listed twice gets both roles. */
  apiTokens(name: string): Map<string, Role[]> {
    const tokens = new Map<string, Role[]>();
    const v = this.raw(name);
    if (v === undefined) return tokens;
    v.split(',').forEach((entry, i) => {
      const sep = entry.lastIndexOf(':');
      const token = sep === -1 ? '' : entry.slice(0, sep).trim();
      const role = sep === -1 ? '' : entry.slice(sep + 1).trim();
      if (token === '' || role === '') {
        this.problems.push(`${name} entry ${i + 1} must have the form token:role`);
        return;
      }
      if (!(ROLES as readonly string[]).includes(role)) {
        this.problems.push(`${name} entry ${i + 1} has an unknown role (allowed: ${ROLES.join(', ')})`);
        return;
      }
      if (/\s/.test(token)) {
        this.problems.push(`${name} entry ${i + 1} has white space in its token`);
        return;
      }
      const key = tokenDigest(token);
      const roles = tokens.get(key) ?? [];
      if (!roles.includes(role as Role)) roles.push(role as Role);
      tokens.set(key, roles);
    });
    return tokens;
  }
}
