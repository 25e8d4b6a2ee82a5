// The crawl job kinds and their payloads: what is queued, and reading it back (a payload is unknown until read).
import type { NewJob } from '@toolrisk/db';
import type { ServerTarget } from '../introspect/limits.js';
import type { ExplicitServer } from '../sources/explicit-file.js';

/** Every kind of job a worker runs. */
export const JOB_KINDS = ['introspect', 'package', 'classify'] as const;
/** One of JOB_KINDS. */
export type JobKind = (typeof JOB_KINDS)[number];

/** Introspect one server and store its tools; the enqueuer's permissions travel with it. */
export interface IntrospectJob {
  kind: 'introspect';
  server: ExplicitServer;
  /** What the enqueuer allowed; a worker runs the job with only what both it and the enqueuer allow. */
  allowExec: boolean;
  allowPrivateAddresses: boolean;
}

/**
 * Introspect a registry server's npm package in the sandbox and store its tools under that server. The payload
 * carries the registry's package entry as the registry wrote it; the worker turns it into what runs (pinned
 * version, default arguments, placeholder secrets) and runs it only inside bubblewrap.
 */
export interface PackageJob {
  kind: 'package';
  serverId: string;
  registryName: string;
  /** The server's stored title, kept (the package's own serverInfo does not overwrite the registry's). */
  title?: string | undefined;
  entry: Record<string, unknown>;
  /** The server's version, for a package entry that names none. */
  serverVersion?: string | undefined;
}

/** Classify a stored server's current tools and store the missing verdicts. */
export interface ClassifyJob {
  kind: 'classify';
  serverId: string;
}

/** A job's payload, read. */
export type JobPayload = IntrospectJob | PackageJob | ClassifyJob;

/** The queued form of an introspection of `server`; the server id is the singleton key. */
export function introspectJob(
  server: ExplicitServer,
  permissions: { allowExec: boolean; allowPrivateAddresses: boolean },
): NewJob {
  const payload: IntrospectJob = { kind: 'introspect', server, ...permissions };
  return { kind: 'introspect', key: server.id, payload: { ...payload } };
}

/** The queued form of introspecting a registry server's npm package; the server id is the singleton key. */
export function packageJob(job: Omit<PackageJob, 'kind'>): NewJob {
  const payload: PackageJob = { kind: 'package', ...job };
  return { kind: 'package', key: job.serverId, payload: { ...payload } };
}

/** The queued form of classifying a stored server. */
export function classifyJob(serverId: string): NewJob {
  return { kind: 'classify', key: serverId, payload: { kind: 'classify', serverId } };
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return Object.fromEntries(entries);
}

function readTarget(value: unknown): ServerTarget | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === 'stdio' && typeof value.command === 'string') {
    const args = Array.isArray(value.args) ? value.args.filter((arg) => typeof arg === 'string') : undefined;
    return {
      kind: 'stdio',
      command: value.command,
      args,
      env: stringRecord(value.env),
      cwd: typeof value.cwd === 'string' ? value.cwd : undefined,
    };
  }
  if (value.kind === 'http' && typeof value.url === 'string') {
    const transport =
      value.transport === 'sse' || value.transport === 'streamable-http' ? value.transport : undefined;
    return { kind: 'http', url: value.url, transport, headers: stringRecord(value.headers) };
  }
  return undefined;
}

/** Reads a stored payload; a string names what is wrong with it (the job then fails as DOCUMENT_INVALID). */
export function readJobPayload(kind: string, payload: unknown): JobPayload | string {
  if (!isObject(payload)) return 'the payload is not an object';
  if (kind === 'classify') {
    return typeof payload.serverId === 'string' && payload.serverId !== ''
      ? { kind: 'classify', serverId: payload.serverId }
      : 'payload.serverId: expected a server id';
  }
  if (kind === 'package') {
    if (typeof payload.serverId !== 'string' || payload.serverId === '')
      return 'payload.serverId: expected a server id';
    if (typeof payload.registryName !== 'string') return 'payload.registryName: expected a registry name';
    if (!isObject(payload.entry)) return 'payload.entry: expected a registry package entry';
    return {
      kind: 'package',
      serverId: payload.serverId,
      registryName: payload.registryName,
      title: typeof payload.title === 'string' ? payload.title : undefined,
      entry: payload.entry,
      serverVersion: typeof payload.serverVersion === 'string' ? payload.serverVersion : undefined,
    };
  }
  if (kind === 'introspect') {
    const server = payload.server;
    if (!isObject(server) || typeof server.id !== 'string') return 'payload.server.id: expected a server id';
    const target = readTarget(server.target);
    if (!target) return 'payload.server.target: expected a stdio command or an http url';
    return {
      kind: 'introspect',
      server: { id: server.id, name: typeof server.name === 'string' ? server.name : undefined, target },
      allowExec: payload.allowExec === true,
      allowPrivateAddresses: payload.allowPrivateAddresses === true,
    };
  }
  return `unknown job kind "${kind}"`;
}
