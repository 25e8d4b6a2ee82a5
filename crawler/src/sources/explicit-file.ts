// Reading an operator's servers file: `{servers:[{command,args,env,cwd} | {url,transport,headers}]}`, checked field by field.
import { basename } from 'node:path';
import { slugify } from '@toolrisk/db';
import type { ServerTarget } from '../introspect/limits.js';

/** One server the operator asked for. */
export interface ExplicitServer {
  id: string;
  name?: string | undefined;
  target: ServerTarget;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((item) => typeof item === 'string');
}

/** Reads the document; each unusable entry is a problem naming its path, the others are kept. */
export function readServersDocument(value: unknown): { servers: ExplicitServer[]; problems: string[] } {
  const problems: string[] = [];
  const list = isObject(value) ? value.servers : undefined;
  if (!Array.isArray(list)) return { servers: [], problems: ['$.servers: expected an array of servers'] };
  const servers: ExplicitServer[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of list.entries()) {
    const path = `$.servers[${index}]`;
    const server = readServer(raw, path);
    if (typeof server === 'string') problems.push(server);
    else if (ids.has(server.id)) problems.push(`${path}.id: "${server.id}" is used twice`);
    else {
      ids.add(server.id);
      servers.push(server);
    }
  }
  return { servers, problems };
}

function readServer(raw: unknown, path: string): ExplicitServer | string {
  if (!isObject(raw)) return `${path}: expected an object`;
  if (raw.id !== undefined && typeof raw.id !== 'string') return `${path}.id: expected a string`;
  if (raw.name !== undefined && typeof raw.name !== 'string') return `${path}.name: expected a string`;
  const target = readTarget(raw, path);
  if (typeof target === 'string') return target;
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  const id = typeof raw.id === 'string' ? slugify(raw.id) : defaultServerId(target, name);
  return { id, name, target };
}

function readTarget(raw: JsonObject, path: string): ServerTarget | string {
  if (typeof raw.command === 'string' && raw.command !== '') {
    if (raw.args !== undefined && !isStringArray(raw.args))
      return `${path}.args: expected an array of strings`;
    if (raw.env !== undefined && !isStringRecord(raw.env))
      return `${path}.env: expected an object of strings`;
    if (raw.cwd !== undefined && typeof raw.cwd !== 'string') return `${path}.cwd: expected a string`;
    return {
      kind: 'stdio',
      command: raw.command,
      args: isStringArray(raw.args) ? raw.args : [],
      env: isStringRecord(raw.env) ? raw.env : {},
      cwd: typeof raw.cwd === 'string' ? raw.cwd : undefined,
    };
  }
  if (typeof raw.url === 'string' && URL.canParse(raw.url)) {
    if (raw.transport !== undefined && raw.transport !== 'streamable-http' && raw.transport !== 'sse') {
      return `${path}.transport: expected "streamable-http" or "sse"`;
    }
    if (raw.headers !== undefined && !isStringRecord(raw.headers))
      return `${path}.headers: expected an object of strings`;
    return {
      kind: 'http',
      url: raw.url,
      transport: raw.transport,
      headers: isStringRecord(raw.headers) ? raw.headers : {},
    };
  }
  return `${path}: expected "command" (stdio) or a valid "url"`;
}

/** The id a server gets when its entry names none: from its name, else its command or URL. */
export function defaultServerId(target: ServerTarget, name: string | undefined): string {
  if (name !== undefined) return slugify(name);
  if (target.kind === 'http') return slugify(target.url.replace(/^https?:\/\//, ''));
  return slugify([basename(target.command), ...(target.args ?? []).map((arg) => basename(arg))].join(' '));
}
