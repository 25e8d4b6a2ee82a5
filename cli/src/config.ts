// The one door to the environment: every setting parsed once, every bad variable named, a frozen Config out.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SANDBOX_OPTIONS } from '@toolrisk/crawler';

/** Every setting toolrisk reads, with its parsed value. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; when unset, embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The address pages use in canonical links and curl examples. */
  publicUrl: string;
  /** Import the shipped catalogue into an empty database at start. */
  seed: boolean;
  /** Requests per minute per verified API key, else per client address. */
  rateLimitPerMinute: number;
  /** Failed authentications per minute per client address before key-guarded writes answer 429. */
  authFailuresPerMinute: number;
  /**
   * Which peers' X-Forwarded-For is believed (fastify trustProxy): false (default, the peer is the client), a
   * number of proxy hops, or the proxies' addresses and CIDRs. It decides the client address rate limits key on.
   */
  trustProxy: false | number | string[];
  /** The HMAC key page cursors are signed with (random per process unless TOOLRISK_CURSOR_KEY is set). */
  cursorKey: string;
  /** HTTP server timeouts and the per-client connection cap. */
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    idleTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnectionsPerClient: number;
  };
  /** PostgreSQL connect, statement and query timeouts: an unreachable or silent database fails requests fast. */
  database: {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    queryTimeoutMs: number;
    probeIntervalMs: number;
    probeTimeoutMs: number;
  };
  registryUrl: string;
  /** Where sandboxed package introspection installs packages (readable by the sandbox's unprivileged user). */
  packageCacheDir: string;
  /** The crawl job queue: attempts, backoff, per-job timeout and how often idle workers look for work. */
  queue: { attempts: number; retryDelayMs: number; jobTimeoutMs: number; pollIntervalMs: number };
  anthropic: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    /** Tools whose deterministic confidence is below this go to the model. */
    confidenceThreshold: number;
  };
}

/** A configuration error naming every bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** TOOLRISK_TRUST_PROXY: off, a hop count, or addresses/CIDRs (and proxy-addr's loopback, linklocal, uniquelocal). */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase()))
    return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 32) return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  if (bad.length === 0) return entries;
  problems.push(
    `TOOLRISK_TRUST_PROXY="${raw}": expected off, a hop count from 1 to 32, or comma-separated proxy addresses or CIDRs (not ${bad.map((entry) => `"${entry}"`).join(', ')})`,
  );
  return false;
}

function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isLogLevel(value: string): value is Config['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Parses the environment; throws ConfigError listing every bad variable. Zero configuration works. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}": expected an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const fraction = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      problems.push(`${name}="${raw}": expected a number from 0 to 1`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}": expected true or false`);
    return fallback;
  };
  const url = (name: string, fallback: string | undefined): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!URL.canParse(raw)) problems.push(`${name}: not a URL`);
    return raw;
  };
  const port = integer('PORT', 3000, 0, 65535);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) {
    problems.push(`LOG_LEVEL="${logLevel}": expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const cursorKey = env.TOOLRISK_CURSOR_KEY || randomBytes(32).toString('base64url');
  if (cursorKey.length < 32) problems.push('TOOLRISK_CURSOR_KEY: expected at least 32 characters');
  const server = {
    headersTimeoutMs: integer('TOOLRISK_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: integer('TOOLRISK_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    idleTimeoutMs: integer('TOOLRISK_IDLE_TIMEOUT_MS', 60_000, 100, 3_600_000),
    keepAliveTimeoutMs: integer('TOOLRISK_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnectionsPerClient: integer('TOOLRISK_MAX_CONNECTIONS_PER_CLIENT', 256, 1, 1_000_000),
  };
  const database = {
    connectTimeoutMs: integer('TOOLRISK_DB_CONNECT_TIMEOUT_MS', 1_500, 100, 600_000),
    statementTimeoutMs: integer('TOOLRISK_DB_STATEMENT_TIMEOUT_MS', 5_000, 100, 3_600_000),
    queryTimeoutMs: integer('TOOLRISK_DB_QUERY_TIMEOUT_MS', 6_000, 100, 3_600_000),
    probeIntervalMs: integer('TOOLRISK_DB_PROBE_INTERVAL_MS', 250, 50, 60_000),
    probeTimeoutMs: integer('TOOLRISK_DB_PROBE_TIMEOUT_MS', 1_000, 50, 600_000),
  };
  // The server's clean cancel of a slow statement must come before the client gives up on a silent server.
  if (database.queryTimeoutMs <= database.statementTimeoutMs) {
    problems.push('TOOLRISK_DB_QUERY_TIMEOUT_MS: must exceed TOOLRISK_DB_STATEMENT_TIMEOUT_MS');
  }
  // Node requires it: the headers must be due no later than the whole request.
  if (server.headersTimeoutMs > server.requestTimeoutMs) {
    problems.push('TOOLRISK_HEADERS_TIMEOUT_MS: must not exceed TOOLRISK_REQUEST_TIMEOUT_MS');
  }
  const config: Config = {
    port,
    host: env.HOST || 'localhost',
    databaseUrl: url('DATABASE_URL', undefined),
    dataDir: env.TOOLRISK_DATA_DIR || `${REPO_ROOT}.toolrisk/pglite`,
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    publicUrl: (url('TOOLRISK_PUBLIC_URL', undefined) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    seed: flag('TOOLRISK_SEED', true),
    rateLimitPerMinute: integer('TOOLRISK_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    authFailuresPerMinute: integer('TOOLRISK_AUTH_FAILURES_PER_MINUTE', 10, 1, 1_000_000),
    trustProxy: parseTrustProxy(env.TOOLRISK_TRUST_PROXY, problems),
    cursorKey,
    server,
    database,
    registryUrl: url('TOOLRISK_REGISTRY_URL', 'https://registry.modelcontextprotocol.io') ?? '',
    packageCacheDir: env.TOOLRISK_PACKAGE_CACHE_DIR || DEFAULT_SANDBOX_OPTIONS.cacheDir,
    queue: {
      attempts: integer('TOOLRISK_JOB_ATTEMPTS', 3, 1, 100),
      retryDelayMs: integer('TOOLRISK_JOB_RETRY_DELAY_MS', 10_000, 0, 3_600_000),
      jobTimeoutMs: integer('TOOLRISK_JOB_TIMEOUT_MS', 120_000, 500, 86_400_000),
      pollIntervalMs: integer('TOOLRISK_QUEUE_POLL_MS', 2_000, 100, 600_000),
    },
    anthropic: {
      apiKey: env.ANTHROPIC_API_KEY || undefined,
      baseUrl: url('ANTHROPIC_BASE_URL', undefined),
      // claude-sonnet-4-5 reaches end of life on 2026-11-30 (the SDK's deprecation list).
      model: env.TOOLRISK_LLM_MODEL || 'claude-sonnet-4-6',
      confidenceThreshold: fraction('TOOLRISK_LLM_CONFIDENCE_THRESHOLD', 0.6),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
