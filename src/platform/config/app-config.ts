/** Roles a bearer token can carry (architecture.md §4.3). */
export const ROLES = ['backoffice', 'contractmanager', 'beheer', 'koppeling'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** 25 MB: the GGK envelope limit, also the upper bound for MAX_BERICHT_BYTES. */
export const MAX_BERICHT_BYTES_LIMIT = 25 * 1024 * 1024;

export interface VerwerkingConfig {
  /** Start the worker inside this process. */
  readonly enabled: boolean;
  /** Berichten claimed per round trip. */
  readonly batchSize: number;
  /** How often an idle worker looks for new berichten (a local POST wakes it at once). */
  readonly pollIntervalMs: number;
  /** A claim older than this is considered abandoned (crashed worker) and claimed again. */
  readonly leaseSeconds: number;
  /** Claims after which a bericht goes to uitval instead of being tried again. */
  readonly maxAttempts: number;
}

export interface AppConfigValues {
  readonly databaseUrl: string;
  readonly amqpUrl: string;
  readonly port: number;
  readonly xsdDir: string;
  readonly ggkEndpointUrl: string;
  /** CBS codes (4 digits) this gateway serves. */
  readonly gemeenteCodes: readonly string[];
  readonly signalenExchange: string;
  readonly migrationsRun: boolean;
  readonly maxBerichtBytes: number;
  /** sha256(token) in hex -> roles. Tokens themselves are never kept. */
  readonly apiTokens: ReadonlyMap<string, readonly Role[]>;
  readonly logLevel: LogLevel;
  readonly verwerking: VerwerkingConfig;
}

/**
 * The validated configuration, built once at start-up by loadConfig (or by tests). Also the Nest
 * injection token: inject `AppConfig` by type.
 */
export class AppConfig implements AppConfigValues {
  readonly databaseUrl!: string;
  readonly amqpUrl!: string;
  readonly port!: number;
  readonly xsdDir!: string;
  readonly ggkEndpointUrl!: string;
  readonly gemeenteCodes!: readonly string[];
  readonly signalenExchange!: string;
  readonly migrationsRun!: boolean;
  readonly maxBerichtBytes!: number;
  readonly apiTokens!: ReadonlyMap<string, readonly Role[]>;
  readonly logLevel!: LogLevel;
  readonly verwerking!: VerwerkingConfig;

  constructor(values: AppConfigValues) {
    Object.assign(this, values);
    Object.freeze(this);
  }

  /** A copy with some values replaced (tests, the standalone worker). */
  with(changes: Partial<AppConfigValues>): AppConfig {
    return new AppConfig({ ...this, ...changes });
  }
}
