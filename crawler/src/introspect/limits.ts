// The bounds of one introspection: timeouts, output and tool caps, and what an operator must allow.
import type { HostLookup } from '../net/address-guard.js';
import type { RetryPolicy } from '../net/backoff.js';

/** A server to introspect: a local command over stdio, or a remote URL. */
export type ServerTarget =
  | {
      kind: 'stdio';
      command: string;
      args?: string[] | undefined;
      env?: Record<string, string> | undefined;
      cwd?: string | undefined;
    }
  | {
      kind: 'http';
      url: string;
      /** streamable-http (default, falls back to SSE) or sse only. */
      transport?: 'streamable-http' | 'sse' | undefined;
      headers?: Record<string, string> | undefined;
    };

/** Limits and permissions; every field has a safe default. */
export interface IntrospectOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  totalTimeoutMs: number;
  maxStdoutBytes: number;
  maxStderrBytes: number;
  maxTools: number;
  maxPages: number;
  /** Run stdio commands at all (the operator's decision, never the registry's). */
  allowExec: boolean;
  /** Connect to private, link-local and loopback addresses. */
  allowPrivateAddresses: boolean;
  /** Environment every stdio server starts from (PATH, HOME…), before its own `env`. */
  baseEnv: Record<string, string>;
  /** Retries of network errors when connecting to a remote server. */
  retry: Partial<RetryPolicy>;
  lookup?: HostLookup | undefined;
}

/** Safe defaults: 10 s to connect, 30 s per request, 60 s in all, 32 MB of stdout, 1,000 tools, nothing executed. */
export const DEFAULT_INTROSPECT_OPTIONS: Readonly<IntrospectOptions> = Object.freeze({
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  totalTimeoutMs: 60_000,
  maxStdoutBytes: 32 * 1024 * 1024,
  maxStderrBytes: 64 * 1024,
  maxTools: 1000,
  maxPages: 100,
  allowExec: false,
  allowPrivateAddresses: false,
  baseEnv: {},
  retry: { retries: 2, baseDelayMs: 250 },
});

/** The full options from a partial set. */
export function introspectOptions(partial: Partial<IntrospectOptions> = {}): IntrospectOptions {
  return { ...DEFAULT_INTROSPECT_OPTIONS, ...partial };
}

/** A short human label for a target: the command line or the URL. */
export function describeTarget(target: ServerTarget): string {
  return target.kind === 'stdio' ? [target.command, ...(target.args ?? [])].join(' ') : target.url;
}

// What a spawned server inherits: enough to find programs and a home, never the operator's secrets.
const INHERITED_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'TMPDIR',
  'LANG',
  'SystemRoot',
];

/** The variables a stdio server inherits from the given environment (PATH, HOME…; no secrets). */
export function inheritedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return inherited;
}
