// The shipped datasets' formats (SOURCES.md §2): Smithery tool captures (JSONL), Docker's catalogue and the
// LiveMCPBench inventory (JSON arrays), each read into capture entries; what cannot be read is refused by name.
import { parseJsonText } from '@toolrisk/classifier';
import type { CaptureEntry, CaptureRead, CaptureRefusal } from './capture.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Keeps the first entry of each source id; a later one is refused as a duplicate, naming the first. */
function withoutDuplicates(read: CaptureRead): CaptureRead {
  const first = new Map<string, string>();
  const entries: CaptureEntry[] = [];
  const refusals = [...read.refusals];
  for (const entry of read.entries) {
    const key = entry.source.ref.toLowerCase();
    const seen = first.get(key);
    if (seen !== undefined) {
      refusals.push({
        target: `${entry.source.kind} ${entry.source.ref}`,
        code: 'ENTRY_DUPLICATE',
        message: `${entry.where}: ${entry.source.ref} is already listed at ${seen}; the first is kept`,
      });
      continue;
    }
    first.set(key, entry.where);
    entries.push(entry);
  }
  return { entries, refusals };
}

/** Reads JSON-array text; invalid UTF-8 becomes U+FFFD and is reported once for the file. */
function readJsonArray(bytes: Uint8Array, file: string): { items: unknown[]; refusals: CaptureRefusal[] } {
  const refusals: CaptureRefusal[] = [];
  let content: string;
  try {
    content = fatalUtf8.decode(bytes);
  } catch {
    content = new TextDecoder('utf-8').decode(bytes);
    refusals.push({
      target: file,
      code: 'TEXT_NOT_UTF8',
      message: `${file}: not valid UTF-8; each invalid byte sequence was replaced with U+FFFD`,
    });
  }
  const parsed = parseJsonText(content);
  if (!parsed.ok) {
    return {
      items: [],
      refusals: [
        ...refusals,
        { target: file, code: 'JSON_MALFORMED', message: `${file}: ${parsed.message}` },
      ],
    };
  }
  if (!Array.isArray(parsed.value)) {
    return {
      items: [],
      refusals: [
        ...refusals,
        { target: file, code: 'ENTRY_INVALID', message: `${file}: expected a JSON array of servers` },
      ],
    };
  }
  return { items: parsed.value, refusals };
}

/** The Smithery captures: one server per line, `{qualifiedName, name, overview, repository_url, homepage, tools}`. */
export function readSmitheryCaptures(bytes: Uint8Array, file: string): CaptureRead {
  const entries: CaptureEntry[] = [];
  const refusals: CaptureRefusal[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    const raw = bytes.subarray(start, stop);
    start = stop + 1;
    line++;
    const where = `${file}:${line}`;
    if (raw.every((byte) => byte === 0x20 || byte === 0x0d || byte === 0x09)) continue;
    let content: string;
    try {
      content = fatalUtf8.decode(raw);
    } catch {
      refusals.push({
        target: where,
        code: 'TEXT_NOT_UTF8',
        message: `${where}: the line is not valid UTF-8; entry refused`,
      });
      continue;
    }
    const parsed = parseJsonText(content);
    if (!parsed.ok) {
      refusals.push({
        target: where,
        code: 'JSON_MALFORMED',
        message: `${where}: ${parsed.message}; entry refused`,
      });
      continue;
    }
    const entry = smitheryEntry(parsed.value, where);
    if (typeof entry === 'string')
      refusals.push({ target: where, code: 'ENTRY_INVALID', message: `${where}: ${entry}` });
    else entries.push(entry);
  }
  return withoutDuplicates({ entries, refusals });
}

function smitheryEntry(value: unknown, where: string): CaptureEntry | string {
  if (!isObject(value)) return 'expected a JSON object; entry refused';
  const ref = text(value.qualifiedName);
  if (ref === undefined) return 'no qualifiedName; entry refused';
  return {
    where,
    source: { kind: 'smithery', ref, url: text(value.homepage) ?? `https://smithery.ai/server/${ref}` },
    name: ref,
    title: text(value.name),
    description: text(value.overview),
    repositoryUrl: text(value.repository_url),
    websiteUrl: text(value.homepage),
    packages: [],
    remotes: [],
    tools: Array.isArray(value.tools) ? value.tools : null,
  };
}

/** Docker's catalogue joined with its tool lists: `{name, image, about, source, source_repo, remote, tools}`. */
export function readDockerCatalogue(bytes: Uint8Array, file: string): CaptureRead {
  const { items, refusals } = readJsonArray(bytes, file);
  const entries: CaptureEntry[] = [];
  for (const [index, item] of items.entries()) {
    const where = `${file}[${index}]`;
    const entry = dockerEntry(item, where);
    if (typeof entry === 'string')
      refusals.push({ target: where, code: 'ENTRY_INVALID', message: `${where}: ${entry}` });
    else entries.push(entry);
  }
  return withoutDuplicates({ entries, refusals });
}

function dockerEntry(value: unknown, where: string): CaptureEntry | string {
  if (!isObject(value)) return 'expected a JSON object; entry refused';
  const name = text(value.name);
  if (name === undefined) return 'no name; entry refused';
  const about = isObject(value.about) ? value.about : {};
  const image = text(value.image);
  const remote = isObject(value.remote) ? value.remote : undefined;
  const remoteUrl = text(remote?.url);
  return {
    where,
    source: { kind: 'docker', ref: name, url: dockerSourceUrl(text(value.source)) },
    name,
    title: text(about.title),
    description: text(about.description),
    repositoryUrl: text(value.source_repo),
    packages: image ? [{ registryType: 'oci', identifier: image, transport: { type: 'stdio' } }] : [],
    remotes: remoteUrl ? [{ type: text(remote?.transport_type) ?? 'streamable-http', url: remoteUrl }] : [],
    tools: Array.isArray(value.tools) ? value.tools.map(withArgumentsSchema) : null,
  };
}

/** `docker/mcp-registry@818bf16:servers/x/` as the GitHub page of that folder at that commit. */
function dockerSourceUrl(source: string | undefined): string | undefined {
  const match = source?.match(/^([\w.-]+\/[\w.-]+)@([0-9a-f]+):(.+)$/);
  return match ? `https://github.com/${match[1]}/tree/${match[2]}/${match[3]}` : undefined;
}

/**
 * Docker lists some tools with `arguments: [{name, type, desc}]` instead of an inputSchema; the equivalent
 * schema is added beside them (the arguments stay in the stored definition), so the classifier reads the
 * parameters.
 */
function withArgumentsSchema(tool: unknown): unknown {
  if (!isObject(tool) || tool.inputSchema !== undefined || !Array.isArray(tool.arguments)) return tool;
  const properties: JsonObject = {};
  for (const argument of tool.arguments) {
    if (!isObject(argument)) continue;
    const name = text(argument.name);
    if (name === undefined) continue;
    properties[name] = {
      ...(text(argument.type) ? { type: text(argument.type) } : {}),
      ...(text(argument.desc) ? { description: text(argument.desc) } : {}),
    };
  }
  return { ...tool, inputSchema: { type: 'object', properties } };
}

/** The LiveMCPBench inventory: `{name, description, web, config: {mcpServers}, tools: {<server>: {version, tools}}}`. */
export function readLiveMcpBench(bytes: Uint8Array, file: string): CaptureRead {
  const { items, refusals } = readJsonArray(bytes, file);
  const entries: CaptureEntry[] = [];
  for (const [index, item] of items.entries()) {
    const where = `${file}[${index}]`;
    const entry = liveMcpBenchEntry(item, where);
    if (typeof entry === 'string')
      refusals.push({ target: where, code: 'ENTRY_INVALID', message: `${where}: ${entry}` });
    else entries.push(entry);
  }
  return withoutDuplicates({ entries, refusals });
}

function liveMcpBenchEntry(value: unknown, where: string): CaptureEntry | string {
  if (!isObject(value)) return 'expected a JSON object; entry refused';
  const name = text(value.name);
  if (name === undefined) return 'no name; entry refused';
  const web = text(value.web);
  const listed = isObject(value.tools) ? Object.values(value.tools).filter(isObject) : [];
  const tools = listed.flatMap((server) => (Array.isArray(server.tools) ? server.tools : []));
  const config = isObject(value.config) && isObject(value.config.mcpServers) ? value.config.mcpServers : {};
  const launches = Object.values(config).filter(isObject).map(launchOf);
  return {
    where,
    source: { kind: 'livemcpbench', ref: name, url: web },
    name,
    description: text(value.description),
    version: listed.map((server) => text(server.version)).find((version) => version !== undefined),
    repositoryUrl: web && /^https?:\/\/(www\.)?github\.com\//i.test(web) ? web : undefined,
    websiteUrl: web,
    packages: launches.flatMap((launch) => (launch.package ? [launch.package] : [])),
    remotes: launches.flatMap((launch) => (launch.remote ? [launch.remote] : [])),
    tools: listed.length > 0 ? tools : null,
  };
}

/** The package an `npx`/`uvx` launch runs, or the remote a bridge (`mcp-remote`, `supergateway`) connects to. */
function launchOf(launch: JsonObject): { package?: JsonObject; remote?: JsonObject } {
  const command = text(launch.command);
  const args = Array.isArray(launch.args) ? launch.args.filter((arg) => typeof arg === 'string') : [];
  const registryType = command === 'npx' ? 'npm' : command === 'uvx' ? 'pypi' : undefined;
  const first = args.find((arg) => !arg.startsWith('-'));
  if (registryType === undefined || first === undefined) return {};
  const url = args.find((arg) => /^https?:\/\//.test(arg));
  if ((first === 'mcp-remote' || first === 'supergateway') && url) {
    return { remote: { type: args.includes('--sse') ? 'sse' : 'streamable-http', url } };
  }
  // `@scope/name@1.2.0` or `name@latest`: the version follows the last `@` that is not the scope's.
  const at = first.lastIndexOf('@');
  const identifier = registryType === 'npm' && at > 0 ? first.slice(0, at) : first;
  const version = registryType === 'npm' && at > 0 ? first.slice(at + 1) : undefined;
  return {
    package: {
      registryType,
      identifier,
      ...(version && version !== 'latest' ? { version } : {}),
      transport: { type: 'stdio' },
    },
  };
}
