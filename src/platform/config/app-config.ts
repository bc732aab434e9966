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
  /** Processing loops in this process, each claiming its own batch. */
  readonly parallel: number;
  /** How often an idle worker looks for new berichten (a local POST wakes it at once). */
  readonly pollIntervalMs: number;
  /** A claim older than this is considered abandoned (crashed worker) and claimed again. */
  readonly leaseSeconds: number;
  /** Claims after which a bericht goes to uitval instead of being tried again. */
  readonly maxAttempts: number;
}

/** Outbound delivery to the GGK (the outbox relay, src/uitgaand). */
export interface UitgaandConfig {
  /** Run the outbound relay inside this process (app and worker process alike). */
  readonly enabled: boolean;
  /** Envelopes claimed per round trip; they are delivered concurrently. */
  readonly batchSize: number;
  /** How often an idle relay looks for due envelopes (a local commit wakes it at once). */
  readonly pollIntervalMs: number;
  /** Time limit of one POST to GGK_ENDPOINT_URL, answer included. */
  readonly timeoutMs: number;
  /** Delivery attempts before an envelope goes to uitval. */
  readonly maxPogingen: number;
  /** Wait after the first failed attempt; doubles per attempt (with jitter) up to backoffMaxMs. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/** The signal outbox relay to RabbitMQ (src/signalen). */
export interface SignalenConfig {
  /** Run the signal relay inside this process (app and worker process alike). */
  readonly enabled: boolean;
  /** Signals claimed and published per round trip. */
  readonly batchSize: number;
  /** How often an idle relay looks for signals (a local commit wakes it at once). */
  readonly pollIntervalMs: number;
  /** Longest wait for the broker's publisher confirms (and for a channel) before the batch is retried. */
  readonly confirmTimeoutMs: number;
}

/** A product-group mapping line (wachttijd): `domein:categorie[:codePrefix]=groep`. */
export interface ProductgroepRegel {
  readonly domein: 'wmo' | 'jeugd';
  readonly categorie: string;
  /** Null: the whole categorie. A longer matching prefix wins over a shorter one or none. */
  readonly codePrefix: string | null;
  readonly groep: string;
}

/** Scheduled signal detectors (src/signalen/detectoren). */
export interface DetectorenConfig {
  /** Run the detectors on an interval inside this process. */
  readonly enabled: boolean;
  readonly intervalMs: number;
  /** contract.verlenging fires this many days before the decision deadline (end − 6 months). */
  readonly verlengingVoorloopDagen: number;
  /** bestedingsruimte.zienswijze and .besluit fire this many days before their deadlines (next period start − 6 and − 3 months). */
  readonly bestedingsruimteVoorloopDagen: number;
  /** Wachttijd norm in weeks per product group (Treeknormen by default). */
  readonly wachttijdNormWeken: Readonly<Record<string, number>>;
  readonly productgroepen: readonly ProductgroepRegel[];
  /** jeugd.plan-16-5 also counts the jeugdigen reaching 16,5 in this many months after the current one. */
  readonly plan165VooruitMaanden: number;
  /** termijn.overschreden warns once a deadline is this many werkdagen away or fewer. */
  readonly termijnWaarschuwingWerkdagen: number;
  /** termijn.overschreden leaves deadlines passed longer ago than this many days alone (backlog). */
  readonly termijnHorizonDagen: number;
}

export interface AppConfigValues {
  readonly databaseUrl: string;
  readonly amqpUrl: string;
  readonly port: number;
  readonly xsdDir: string;
  /** The GGK koppelvlak directory (ggk0210/, stuf0301/): GGK_XSD_DIR, default beside xsdDir. */
  readonly ggkXsdDir: string;
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
  readonly uitgaand: UitgaandConfig;
  readonly signalen: SignalenConfig;
  readonly detectoren: DetectorenConfig;
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
  readonly ggkXsdDir!: string;
  readonly ggkEndpointUrl!: string;
  readonly gemeenteCodes!: readonly string[];
  readonly signalenExchange!: string;
  readonly migrationsRun!: boolean;
  readonly maxBerichtBytes!: number;
  readonly apiTokens!: ReadonlyMap<string, readonly Role[]>;
  readonly logLevel!: LogLevel;
  readonly verwerking!: VerwerkingConfig;
  readonly uitgaand!: UitgaandConfig;
  readonly signalen!: SignalenConfig;
  readonly detectoren!: DetectorenConfig;

  constructor(values: AppConfigValues) {
    Object.assign(this, values);
    Object.freeze(this);
  }

  /** A copy with some values replaced (tests, the standalone worker). */
  with(changes: Partial<AppConfigValues>): AppConfig {
    return new AppConfig({ ...this, ...changes });
  }
}
