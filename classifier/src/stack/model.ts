// The stack-checking vocabulary: the servers a client configuration names, what was wrong with it, and where each came from.

/** The MCP clients whose configuration files toolrisk reads. */
export const MCP_CLIENTS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'codex',
] as const;
/** One MCP client (its configuration format). */
export type McpClient = (typeof MCP_CLIENTS)[number];

/** What identifies a configured server in the catalogue: a package it runs, or the URL it is reached at. */
export type LaunchIdentity =
  | { kind: 'npm' | 'pypi' | 'oci'; identifier: string; version?: string }
  | { kind: 'remote'; url: string }
  | { kind: 'local'; command: string };

/** Where a secret-looking value sits in a server's configuration; the value itself is never kept. */
export interface SecretNotice {
  /** `env`, `header`, `arg` or `url`. */
  where: 'env' | 'header' | 'arg' | 'url';
  /** The variable, header or flag name (`GITHUB_TOKEN`, `Authorization`, `--api-key`, `?key`). */
  key: string;
  /** True when the value is written out in the file, false when it is a reference (`${input:x}`, `${env:X}`). */
  isPlainText: boolean;
}

/** One server as a client configuration names it, with every secret value removed. */
export interface ConfiguredServer {
  /** The name the client gives it (`mcp__<name>__tool` in Claude Code). */
  name: string;
  client: McpClient;
  file: string;
  /** JSON pointer (or TOML table path) of the entry in its file: `/mcpServers/github`. */
  path: string;
  /** Where the entry is written in a JSON(C) file, from its name to the end of its value (TOML: not known). */
  region?: SourceRegion;
  transport: 'stdio' | 'http' | 'sse';
  command?: string;
  /** Arguments with secret values replaced by `<secret>`. */
  args: string[];
  /** The URL with secret query values and user info removed. */
  url?: string;
  /** Names of the environment variables set (values are never kept). */
  env: string[];
  /** Names of the headers set. */
  headers: string[];
  secrets: SecretNotice[];
  /** False when the configuration turns the server off (`disabled: true`, `enabled = false`). */
  isEnabled: boolean;
  identity: LaunchIdentity;
}

/** The codes of stack-configuration problems; callers branch on these, never on messages. */
export const STACK_ISSUE_CODES = [
  'CONFIG_TOO_LARGE', // a file past MAX_CONFIG_BYTES: not read
  'CONFIG_UNREADABLE', // a file that cannot be read (missing, a directory, no permission)
  'CONFIG_MALFORMED', // JSON, JSONC or TOML that does not parse
  'CONFIG_NOT_OBJECT', // the document is not an object
  'CONFIG_NO_SERVERS', // no server table where the client keeps them (warning)
  'CONFIG_KEY_UNKNOWN', // a key the client's format does not define (warning; the rest is read)
  'CONFIG_FIELD_INVALID', // a field of the wrong type (the server is skipped when it cannot be started)
  'SERVER_NOT_OBJECT', // a server entry that is not an object
  'SERVER_NO_TRANSPORT', // neither command nor url
  'SERVER_URL_INVALID', // a url that is not http(s)
  'SERVER_NAME_DUPLICATE', // two files name the same server (warning; both are checked)
  'INPUT_UNDEFINED', // a VS Code ${input:id} with no such input (warning)
  'SECRET_IN_PLAIN_TEXT', // a secret written out in the file (warning; the value is never shown)
] as const;
/** One stack-configuration problem code. */
export type StackIssueCode = (typeof STACK_ISSUE_CODES)[number];

/** A problem in a client configuration: where (file and path) and what; errors skip what they name, warnings do not. */
export interface StackIssue {
  code: StackIssueCode;
  severity: 'error' | 'warning';
  file: string;
  path: string;
  message: string;
  /** Where in the file, when the reader knows: the property at `path` (or its nearest written parent), a syntax error. */
  region?: SourceRegion;
}

/** A span of a file's text: 1-based lines and columns (UTF-16 code units, as SARIF counts), the end column exclusive. */
export interface SourceRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** What reading one configuration file gave: its servers and its problems. */
export interface ClientConfigReading {
  file: string;
  client: McpClient | null;
  servers: ConfiguredServer[];
  issues: StackIssue[];
}

/** Configuration files past this many bytes are refused unread (the largest real ones are a few kilobytes). */
export const MAX_CONFIG_BYTES = 1_048_576;
