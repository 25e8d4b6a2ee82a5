// The one door to the environment: every setting parsed once, every bad variable named, a frozen Config out.
import { fileURLToPath } from 'node:url';

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
  /** Requests per minute per client (per API key when one is sent). */
  rateLimitPerMinute: number;
  registryUrl: string;
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
  const config: Config = {
    port,
    host: env.HOST || 'localhost',
    databaseUrl: url('DATABASE_URL', undefined),
    dataDir: env.TOOLRISK_DATA_DIR || `${REPO_ROOT}.toolrisk/pglite`,
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    publicUrl: (url('TOOLRISK_PUBLIC_URL', undefined) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    seed: flag('TOOLRISK_SEED', true),
    rateLimitPerMinute: integer('TOOLRISK_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    registryUrl: url('TOOLRISK_REGISTRY_URL', 'https://registry.modelcontextprotocol.io') ?? '',
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
