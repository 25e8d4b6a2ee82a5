// Reading a `tools/list` document (untrusted JSON) into tool definitions, naming every problem by JSON path.
import type { DocumentIssueCode } from './errors.js';
import { INPUT_LIMITS, type InputLimit, isDeeperThan, isStorableText } from './input-limits.js';
import type { ToolAnnotations, ToolDefinition } from './types.js';

/** Descriptions longer than this are refused: no real tool needs one, and they are a denial-of-service lever. */
export const MAX_DESCRIPTION_CHARS = INPUT_LIMITS.description.max;

/** One problem found in a document; `error` rejects the tool, `warning` drops only the bad field. */
export interface DocumentIssue {
  severity: 'error' | 'warning';
  code: DocumentIssueCode;
  /** JSON path of the offending value, e.g. `$.tools[3].name`. */
  path: string;
  message: string;
}

/** Server fields a document may carry next to its tools. */
export interface DocumentServer {
  id?: string;
  name?: string;
  title?: string;
  description?: string;
  version?: string;
  package?: string;
  repository?: string;
}

/** One entry of `tools`: the definition read from it (null when it cannot be used) and its issues. */
export interface ToolEntry {
  index: number;
  path: string;
  tool: ToolDefinition | null;
  /** The entry exactly as received, when it was an object (kept verbatim in definition history). */
  raw: Record<string, unknown> | null;
  issues: DocumentIssue[];
}

/** A parsed document: the server block if any, every tool entry in input order, document-level issues. */
export interface ToolsDocument {
  server: DocumentServer | null;
  entries: ToolEntry[];
  issues: DocumentIssue[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** True when the document or any of its tools has an `error` issue. */
export function hasErrors(document: ToolsDocument): boolean {
  return (
    document.issues.some((issue) => issue.severity === 'error') ||
    document.entries.some((entry) => entry.issues.some((issue) => issue.severity === 'error'))
  );
}

/** Every issue of a document, document-level first, then per tool in input order. */
export function allIssues(document: ToolsDocument): DocumentIssue[] {
  return [...document.issues, ...document.entries.flatMap((entry) => entry.issues)];
}

/**
 * Reads `{"tools":[...]}`, a bare array of tools, or `{"server":{...},"tools":[...]}`, each field against
 * INPUT_LIMITS. Never throws on bad input: every entry comes back, with the issues that stop or weaken it. Stores
 * (import, crawl, the API) pass `maxTools` (at most INPUT_LIMITS.toolCount); a document past it is refused unread.
 */
export function readToolsDocument(value: unknown, options: { maxTools?: number } = {}): ToolsDocument {
  const issues: DocumentIssue[] = [];
  let rawTools: unknown[];
  let toolsPath: string;
  let server: DocumentServer | null = null;
  if (Array.isArray(value)) {
    rawTools = value;
    toolsPath = '$';
  } else if (isObject(value)) {
    if (isObject(value.server)) server = readServer(value.server);
    // A JSON-RPC response wraps the result: {"jsonrpc":"2.0","result":{"tools":[...]}}.
    const holder = isObject(value.result) && Array.isArray(value.result.tools) ? value.result : value;
    toolsPath = holder === value ? '$.tools' : '$.result.tools';
    if (!Array.isArray(holder.tools)) {
      issues.push({
        severity: 'error',
        code: 'TOOLS_MISSING',
        path: toolsPath,
        message: 'expected an array of tools',
      });
      return { server, entries: [], issues };
    }
    rawTools = holder.tools;
  } else {
    issues.push({
      severity: 'error',
      code: 'DOCUMENT_NOT_OBJECT',
      path: '$',
      message: `expected an object with "tools" or an array of tools, got ${describeType(value)}`,
    });
    return { server, entries: [], issues };
  }
  if (server) issues.push(...serverIssues(server));
  if (options.maxTools !== undefined && rawTools.length > options.maxTools) {
    issues.push({
      severity: 'error',
      code: 'TOO_MANY_TOOLS',
      path: toolsPath,
      message: `${rawTools.length} tools, more than the ${options.maxTools} allowed`,
    });
    // A refused document is not walked: half a million entries cost nothing.
    return { server, entries: [], issues };
  }
  const seenNames = new Map<string, string>();
  const entries = rawTools.map((raw, index) => {
    const entry = readToolEntry(raw, `${toolsPath}[${index}]`, index);
    if (entry.tool) {
      const firstPath = seenNames.get(entry.tool.name);
      if (firstPath !== undefined) {
        entry.issues.push({
          severity: 'error',
          code: 'TOOL_NAME_DUPLICATE',
          path: `${entry.path}.name`,
          message: `tool name "${truncate(entry.tool.name)}" already used at ${firstPath}`,
        });
      } else {
        seenNames.set(entry.tool.name, entry.path);
      }
    }
    return entry;
  });
  return { server, entries, issues };
}

/** A limit of the table that applies to documents (not the API-only query and URL ones). */
export type DocumentLimit = InputLimit & { readonly code: Extract<InputLimit['code'], DocumentIssueCode> };

/** The issue of a string past its limit or holding text no database can store; null when it is fine. */
export function textLimitIssue(value: string, limit: DocumentLimit, path: string): DocumentIssue | null {
  if (value.length > limit.max) {
    return {
      severity: 'error',
      code: limit.code,
      path,
      message: `${value.length} ${limit.unit}, more than the ${limit.max} allowed`,
    };
  }
  if (!isStorableText(value)) {
    return { severity: 'error', code: 'TEXT_INVALID', path, message: 'holds NUL or a lone surrogate' };
  }
  return null;
}

/** The server block against the limits table: ids, names and packages, title, description. */
function serverIssues(server: DocumentServer): DocumentIssue[] {
  const checks: [string | undefined, DocumentLimit, string][] = [
    [server.id, INPUT_LIMITS.id, '$.server.id'],
    [server.name, INPUT_LIMITS.id, '$.server.name'],
    [server.package, INPUT_LIMITS.id, '$.server.package'],
    [server.version, INPUT_LIMITS.id, '$.server.version'],
    [server.title, INPUT_LIMITS.title, '$.server.title'],
    [server.description, INPUT_LIMITS.description, '$.server.description'],
    [server.repository, INPUT_LIMITS.title, '$.server.repository'],
  ];
  return checks.flatMap(([value, limit, path]) => {
    const issue = value === undefined ? null : textLimitIssue(value, limit, path);
    return issue ? [issue] : [];
  });
}

/** A schema, annotations or other JSON object against the depth and size limits; null when within them. */
export function jsonLimitIssue(value: unknown, path: string): DocumentIssue | null {
  if (value === undefined || value === null) return null;
  // Depth first: it is iterative and bounds the recursion JSON.stringify does next.
  if (isDeeperThan(value, INPUT_LIMITS.schemaDepth.max)) {
    const { max, code } = INPUT_LIMITS.schemaDepth;
    return { severity: 'error', code, path, message: `nested more than the ${max} levels allowed` };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > INPUT_LIMITS.schemaBytes.max) {
    const { max, code } = INPUT_LIMITS.schemaBytes;
    return { severity: 'error', code, path, message: `${bytes} bytes, more than the ${max} allowed` };
  }
  return null;
}

/** The limits table's errors of one tool entry: name, title, description and schemas. */
function toolLimitIssues(raw: JsonObject, path: string): DocumentIssue[] {
  const issues: (DocumentIssue | null)[] = [];
  if (typeof raw.name === 'string') issues.push(textLimitIssue(raw.name, INPUT_LIMITS.name, `${path}.name`));
  if (typeof raw.title === 'string')
    issues.push(textLimitIssue(raw.title, INPUT_LIMITS.title, `${path}.title`));
  const annotationsTitle = isObject(raw.annotations) ? raw.annotations.title : undefined;
  if (typeof annotationsTitle === 'string') {
    issues.push(textLimitIssue(annotationsTitle, INPUT_LIMITS.title, `${path}.annotations.title`));
  }
  if (typeof raw.description === 'string') {
    issues.push(textLimitIssue(raw.description, INPUT_LIMITS.description, `${path}.description`));
  }
  issues.push(jsonLimitIssue(raw.inputSchema ?? raw.input_schema, `${path}.inputSchema`));
  issues.push(jsonLimitIssue(raw.outputSchema, `${path}.outputSchema`));
  issues.push(jsonLimitIssue(raw.annotations, `${path}.annotations`));
  return issues.filter((issue): issue is DocumentIssue => issue !== null);
}

function readServer(raw: JsonObject): DocumentServer {
  const server: DocumentServer = {};
  for (const key of ['id', 'name', 'title', 'description', 'version', 'package'] as const) {
    const value = optionalString(raw[key]);
    if (value !== undefined) server[key] = value;
  }
  const repository = isObject(raw.repository)
    ? optionalString(raw.repository.url)
    : optionalString(raw.repository);
  if (repository !== undefined) server.repository = repository;
  return server;
}

function readToolEntry(raw: unknown, path: string, index: number): ToolEntry {
  const issues: DocumentIssue[] = [];
  if (!isObject(raw)) {
    issues.push({
      severity: 'error',
      code: 'TOOL_NOT_OBJECT',
      path,
      message: `expected an object, got ${describeType(raw)}`,
    });
    return { index, path, tool: null, raw: null, issues };
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    issues.push({
      severity: 'error',
      code: 'TOOL_NAME_MISSING',
      path: `${path}.name`,
      message: `expected a non-empty string, got ${describeType(raw.name)}`,
    });
    return { index, path, tool: null, raw, issues };
  }
  const limitIssues = toolLimitIssues(raw, path);
  if (limitIssues.length > 0) return { index, path, tool: null, raw, issues: limitIssues };
  const tool: ToolDefinition = { name: raw.name };
  const title =
    optionalString(raw.title) ??
    (isObject(raw.annotations) ? optionalString(raw.annotations.title) : undefined);
  if (title !== undefined) tool.title = title;
  if (typeof raw.description === 'string') {
    tool.description = raw.description;
  } else if (raw.description !== undefined && raw.description !== null) {
    issues.push({
      severity: 'warning',
      code: 'DESCRIPTION_NOT_STRING',
      path: `${path}.description`,
      message: `expected a string, got ${describeType(raw.description)}; ignored`,
    });
  }
  // Older captures (and some directories) spell it input_schema.
  const schema = raw.inputSchema ?? raw.input_schema;
  if (isObject(schema)) {
    tool.inputSchema = schema;
  } else if (schema !== undefined && schema !== null) {
    issues.push({
      severity: 'warning',
      code: 'SCHEMA_INVALID',
      path: `${path}.inputSchema`,
      message: `expected a JSON Schema object, got ${describeType(schema)}; ignored`,
    });
  }
  if (isObject(raw.outputSchema)) tool.outputSchema = raw.outputSchema;
  if (isObject(raw.annotations)) {
    tool.annotations = readAnnotations(raw.annotations);
  } else if (raw.annotations !== undefined && raw.annotations !== null) {
    issues.push({
      severity: 'warning',
      code: 'ANNOTATIONS_INVALID',
      path: `${path}.annotations`,
      message: `expected an object, got ${describeType(raw.annotations)}; ignored`,
    });
  }
  return { index, path, tool, raw, issues };
}

function readAnnotations(raw: JsonObject): ToolAnnotations {
  const annotations: ToolAnnotations = {};
  const title = optionalString(raw.title);
  if (title !== undefined) annotations.title = title;
  for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    const value = raw[hint];
    if (typeof value === 'boolean') annotations[hint] = value;
  }
  return annotations;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
