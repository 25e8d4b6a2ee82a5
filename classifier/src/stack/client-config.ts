// Reading one MCP client's configuration file (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Codex) into its servers and issues.
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseJsoncText } from './jsonc.js';
import { identityOfCommand } from './launch.js';
import type {
  ClientConfigReading,
  ConfiguredServer,
  McpClient,
  SecretNotice,
  SourceRegion,
  StackIssue,
  StackIssueCode,
} from './model.js';
import { MAX_CONFIG_BYTES } from './model.js';
import { inputReferences, noticeOf, redactArgs, redactUrl } from './secrets.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON pointer segment (RFC 6901: `~` as `~0`, `/` as `~1`). */
function pointer(...segments: string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The keys each client documents for one server entry; any other key is reported, and the rest is still read. */
const SERVER_KEYS: Record<McpClient, ReadonlySet<string>> = {
  // modelcontextprotocol.io "Connect to local MCP servers": command, args, env.
  'claude-desktop': new Set(['command', 'args', 'env']),
  // docs.claude.com "Claude Code MCP": stdio, sse and http servers, headers, and a headers helper.
  'claude-code': new Set(['type', 'command', 'args', 'env', 'url', 'headers', 'headersHelper']),
  // cursor.com/docs "Model Context Protocol": stdio and remote servers, envFile, auth.
  cursor: new Set(['type', 'command', 'args', 'env', 'envFile', 'url', 'headers', 'auth']),
  // code.visualstudio.com "MCP configuration reference".
  vscode: new Set([
    'type',
    'command',
    'args',
    'env',
    'envFile',
    'cwd',
    'url',
    'headers',
    'dev',
    'gallery',
    'version',
  ]),
  // docs.windsurf.com "Cascade MCP": serverUrl for remote servers.
  windsurf: new Set(['command', 'args', 'env', 'serverUrl', 'url', 'headers', 'disabled', 'disabledTools']),
  // developers.openai.com/codex "config.toml": [mcp_servers.NAME].
  codex: new Set([
    'command',
    'args',
    'env',
    'env_vars',
    'cwd',
    'url',
    'bearer_token_env_var',
    'http_headers',
    'env_http_headers',
    'enabled',
    'required',
    'enabled_tools',
    'disabled_tools',
    'startup_timeout_sec',
    'startup_timeout_ms',
    'tool_timeout_sec',
  ]),
};

/** The client a file belongs to, from its path (the places each client documents), else null. */
export function clientOfPath(file: string): McpClient | null {
  const path = file.replace(/\\/g, '/');
  const base = path.split('/').pop() ?? path;
  if (base === 'claude_desktop_config.json') return 'claude-desktop';
  if (base === '.mcp.json' || base === '.claude.json') return 'claude-code';
  if (base === 'mcp_config.json' || path.includes('/windsurf/')) return 'windsurf';
  if (path.endsWith('.cursor/mcp.json')) return 'cursor';
  if (path.endsWith('.vscode/mcp.json') || /\/(Code|Code - Insiders|VSCodium)\/User\/mcp\.json$/.test(path))
    return 'vscode';
  if (base.endsWith('.toml')) return 'codex';
  return null;
}

/** The client a parsed document looks like when its path says nothing: `servers` is VS Code's, `mcp_servers` Codex's. */
function clientOfShape(document: JsonObject): McpClient {
  if (isObject(document.servers) && !isObject(document.mcpServers)) return 'vscode';
  if (isObject(document.mcp_servers)) return 'codex';
  return 'claude-code';
}

/** Collects the servers and issues of one file as they are read. */
class Reading {
  readonly servers: ConfiguredServer[] = [];
  readonly issues: StackIssue[] = [];
  constructor(
    readonly file: string,
    readonly client: McpClient,
    readonly isShared: boolean,
    readonly inputs: ReadonlySet<string> | null,
    readonly regions: ReadonlyMap<string, SourceRegion> = new Map(),
  ) {}

  /** The region of the property at a JSON pointer, or of its nearest parent written in the file. */
  regionOf(path: string): SourceRegion | undefined {
    for (let at = path; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
      const region = this.regions.get(at);
      if (region) return region;
    }
    return undefined;
  }

  issue(code: StackIssueCode, severity: 'error' | 'warning', path: string, message: string): void {
    const region = this.regionOf(path);
    this.issues.push({
      code,
      severity,
      file: this.file,
      path,
      message: `${this.file}: ${path || '/'}: ${message}`,
      ...(region ? { region } : {}),
    });
  }
}

function regionEntry(region: SourceRegion | undefined): { region?: SourceRegion } {
  return region ? { region } : {};
}

/** String values of an env or headers table, with each non-string value reported and dropped. */
function stringTable(reading: Reading, value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    reading.issue('CONFIG_FIELD_INVALID', 'warning', path, 'must be an object of strings; ignored');
    return {};
  }
  const table: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') table[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') table[key] = String(item);
    else
      reading.issue('CONFIG_FIELD_INVALID', 'warning', `${path}${pointer(key)}`, 'must be a string; ignored');
  }
  return table;
}

function optionalString(reading: Reading, entry: JsonObject, key: string, path: string): string | undefined {
  const value = entry[key];
  if (value === undefined || typeof value === 'string') return value;
  reading.issue('CONFIG_FIELD_INVALID', 'error', `${path}${pointer(key)}`, `"${key}" must be a string`);
  return undefined;
}

function secretsOf(
  reading: Reading,
  table: Record<string, string>,
  where: 'env' | 'header',
  path: string,
): SecretNotice[] {
  const notices: SecretNotice[] = [];
  for (const [key, value] of Object.entries(table)) {
    if (reading.inputs !== null)
      for (const id of inputReferences(value))
        if (!reading.inputs.has(id))
          reading.issue(
            'INPUT_UNDEFINED',
            'warning',
            `${path}${pointer(key)}`,
            `refers to \${input:${id}}, which "inputs" does not define`,
          );
    const notice = noticeOf(where, key, value);
    if (notice) notices.push(notice);
  }
  return notices;
}

/** Reads one server entry; an entry that cannot be started (no command nor URL, wrong types) is an error and skipped. */
function readServer(reading: Reading, name: string, entry: unknown, path: string): void {
  if (!isObject(entry)) {
    reading.issue('SERVER_NOT_OBJECT', 'error', path, `server "${name}" must be an object`);
    return;
  }
  const known = SERVER_KEYS[reading.client];
  for (const key of Object.keys(entry))
    if (!known.has(key))
      reading.issue(
        'CONFIG_KEY_UNKNOWN',
        'warning',
        `${path}${pointer(key)}`,
        `"${key}" is not a ${reading.client} server setting; ignored`,
      );
  const command = optionalString(reading, entry, 'command', path);
  const url =
    optionalString(reading, entry, 'url', path) ?? optionalString(reading, entry, 'serverUrl', path);
  const type = optionalString(reading, entry, 'type', path);
  let args: string[] = [];
  if (entry.args !== undefined) {
    if (
      !Array.isArray(entry.args) ||
      !entry.args.every((arg) => typeof arg === 'string' || typeof arg === 'number')
    ) {
      reading.issue(
        'CONFIG_FIELD_INVALID',
        'error',
        `${path}/args`,
        '"args" must be an array of strings; server skipped',
      );
      return;
    }
    args = entry.args.map(String);
  }
  const env = stringTable(reading, entry.env, `${path}/env`);
  const headerKey = reading.client === 'codex' ? 'http_headers' : 'headers';
  const headers = stringTable(reading, entry[headerKey], `${path}/${headerKey}`);
  const secrets = [
    ...secretsOf(reading, env, 'env', `${path}/env`),
    ...secretsOf(reading, headers, 'header', `${path}/${headerKey}`),
  ];
  if (reading.client === 'codex') {
    // Codex reads these from the environment by name: references, never values in the file.
    const envHeaders = stringTable(reading, entry.env_http_headers, `${path}/env_http_headers`);
    for (const key of Object.keys(envHeaders)) secrets.push({ where: 'header', key, isPlainText: false });
    if (typeof entry.bearer_token_env_var === 'string')
      secrets.push({ where: 'header', key: 'Authorization', isPlainText: false });
  }
  const isEnabled = entry.disabled !== true && entry.enabled !== false;
  const base = {
    name,
    client: reading.client,
    file: reading.file,
    path,
    ...regionEntry(reading.regions.get(path)),
    env: Object.keys(env),
    headers: Object.keys(headers),
    isEnabled,
  };
  const isRemoteType = type === 'http' || type === 'sse' || type === 'streamable-http';
  if (command !== undefined && command.trim() !== '' && !isRemoteType) {
    const redacted = redactArgs(args);
    secrets.push(...redacted.secrets);
    reading.servers.push({
      ...base,
      transport: 'stdio',
      command,
      args: redacted.args,
      secrets,
      identity: identityOfCommand(command, args),
    });
  } else if (url !== undefined && url.trim() !== '') {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      reading.issue(
        'SERVER_URL_INVALID',
        'error',
        `${path}/url`,
        `server "${name}": the url is not an http(s) URL; server skipped`,
      );
      return;
    }
    const shown = redactUrl(url, secrets);
    reading.servers.push({
      ...base,
      transport: type === 'sse' ? 'sse' : 'http',
      args: [],
      url: shown,
      secrets,
      identity: { kind: 'remote', url: shown },
    });
  } else {
    reading.issue(
      'SERVER_NO_TRANSPORT',
      'error',
      path,
      `server "${name}" has neither "command" nor "url"; server skipped`,
    );
    return;
  }
  for (const secret of secrets.filter((notice) => notice.isPlainText)) {
    const where =
      secret.where === 'env'
        ? `${path}/env${pointer(secret.key)}`
        : secret.where === 'header'
          ? `${path}/${headerKey}${pointer(secret.key)}`
          : path;
    reading.issue(
      'SECRET_IN_PLAIN_TEXT',
      'warning',
      where,
      `server "${name}": ${secret.where} ${secret.key} holds a secret written out in ${reading.isShared ? 'this shared project file (anyone with the repository can read it)' : 'this file'}; use a reference instead (the value is not shown)`,
    );
  }
}

function readServerTable(reading: Reading, table: unknown, path: string): void {
  if (table === undefined) return;
  if (!isObject(table)) {
    reading.issue('CONFIG_FIELD_INVALID', 'error', path, 'must be an object of servers');
    return;
  }
  for (const [name, entry] of Object.entries(table))
    readServer(reading, name, entry, `${path}${pointer(name)}`);
}

/** Options of readClientConfig. */
export interface ReadConfigOptions {
  /** The client, when the caller knows it better than the file name. */
  client?: McpClient;
  /** True when the file sits in a project (shared with whoever clones it); defaults from the file name. */
  isShared?: boolean;
}

function parseDocument(
  text: string,
  file: string,
  isToml: boolean,
): { value: unknown; regions?: ReadonlyMap<string, SourceRegion> } | StackIssue {
  const malformed = (message: string, line: number, column: number): StackIssue => ({
    code: 'CONFIG_MALFORMED',
    severity: 'error',
    file,
    path: '',
    message: `${file}: ${message}; nothing in it was read`,
    region: { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 },
  });
  if (isToml) {
    try {
      return { value: parseToml(text) };
    } catch (error) {
      if (!(error instanceof TomlError)) throw error;
      // The first line only: smol-toml appends the offending source line, which may hold a secret.
      const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      return malformed(
        `malformed TOML at line ${error.line}, column ${error.column}: ${reason}`,
        error.line,
        error.column,
      );
    }
  }
  const parsed = parseJsoncText(text, { regions: true });
  return parsed.ok
    ? { value: parsed.value, ...(parsed.regions ? { regions: parsed.regions } : {}) }
    : malformed(`malformed JSON: ${parsed.message}`, parsed.line, parsed.column);
}

/** The reading of a file refused before it is read: too large (its size in bytes), or unreadable (the reason). */
export function refusedConfig(
  file: string,
  refusal: { bytes: number } | { reason: string },
): ClientConfigReading {
  const issue: StackIssue =
    'bytes' in refusal
      ? {
          code: 'CONFIG_TOO_LARGE',
          severity: 'error',
          file,
          path: '',
          message: `${file}: ${refusal.bytes} bytes, more than the ${MAX_CONFIG_BYTES} a client configuration may have; not read`,
        }
      : {
          code: 'CONFIG_UNREADABLE',
          severity: 'error',
          file,
          path: '',
          message: `${file}: cannot be read: ${refusal.reason}`,
        };
  return { file, client: clientOfPath(file), servers: [], issues: [issue] };
}

/** Reads one configuration file's text: every server it names (secrets removed) and every problem, by file and path. */
export function readClientConfig(
  text: string,
  file: string,
  options: ReadConfigOptions = {},
): ClientConfigReading {
  const byPath = clientOfPath(file);
  const empty = (issue: StackIssue): ClientConfigReading => ({
    file,
    client: options.client ?? byPath,
    servers: [],
    issues: [issue],
  });
  const bytes = text.length * 3 > MAX_CONFIG_BYTES ? new TextEncoder().encode(text).length : text.length;
  if (bytes > MAX_CONFIG_BYTES)
    return empty({
      code: 'CONFIG_TOO_LARGE',
      severity: 'error',
      file,
      path: '',
      message: `${file}: ${bytes} bytes, more than the ${MAX_CONFIG_BYTES} a client configuration may have; not read`,
    });
  const isToml = (options.client ?? byPath) === 'codex' || file.endsWith('.toml');
  const parsed = parseDocument(text, file, isToml);
  if (!('value' in parsed)) return empty(parsed);
  const document = parsed.value;
  if (!isObject(document))
    return empty({
      code: 'CONFIG_NOT_OBJECT',
      severity: 'error',
      file,
      path: '',
      message: `${file}: /: must be an object`,
    });
  const client = options.client ?? byPath ?? clientOfShape(document);
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  const isShared =
    options.isShared ??
    (base === '.mcp.json' || /\/\.vscode\/mcp\.json$/.test(file) || /(^|\/)\.cursor\/mcp\.json$/.test(file));
  let inputs: Set<string> | null = null;
  if (client === 'vscode') {
    inputs = new Set();
    if (Array.isArray(document.inputs))
      for (const input of document.inputs)
        if (isObject(input) && typeof input.id === 'string') inputs.add(input.id);
  }
  const reading = new Reading(file, client, isShared, inputs, parsed.regions);
  if (client === 'vscode') readServerTable(reading, document.servers, '/servers');
  else if (client === 'codex') readServerTable(reading, document.mcp_servers, '/mcp_servers');
  else readServerTable(reading, document.mcpServers, '/mcpServers');
  if (client === 'claude-code' && isObject(document.projects)) {
    // ~/.claude.json: each project's local-scope servers.
    for (const [project, settings] of Object.entries(document.projects))
      if (isObject(settings))
        readServerTable(reading, settings.mcpServers, `${pointer('projects', project)}/mcpServers`);
  }
  if (client === 'vscode' || client === 'cursor' || base === '.mcp.json' || client === 'windsurf') {
    const allowed = client === 'vscode' ? ['servers', 'inputs'] : ['mcpServers'];
    for (const key of Object.keys(document))
      if (!allowed.includes(key))
        reading.issue(
          'CONFIG_KEY_UNKNOWN',
          'warning',
          pointer(key),
          `"${key}" is not a ${client} configuration key; ignored`,
        );
  }
  if (reading.servers.length === 0 && reading.issues.every((issue) => issue.severity !== 'error'))
    reading.issue('CONFIG_NO_SERVERS', 'warning', '', 'names no MCP servers');
  return { file, client, servers: reading.servers, issues: reading.issues };
}
