// A capture entry (one server as a dataset lists it) checked and turned into a server snapshot, refusals named.
import { readToolsDocument } from '@toolrisk/classifier';
import type { ServerSnapshot, SnapshotSource } from '@toolrisk/db';
import type { CrawlErrorCode } from '../../errors.js';

/** Limits on what a capture may hold; past them the entry (server fields) or the tool (schemas) is refused. */
export const CAPTURE_LIMITS = {
  /** A server's title, description, version or URL, in characters. */
  serverFieldChars: 65_536,
  /** A tool's inputSchema, outputSchema or annotations, in bytes of JSON (as the API's SCHEMA_TOO_LARGE). */
  toolSchemaBytes: 262_144,
  /** A decompressed capture file, in bytes. */
  fileBytes: 256 * 1024 * 1024,
} as const;

/** One server as a capture lists it, before checks. */
export interface CaptureEntry {
  /** Where it is in its file, for messages: `toucan-smithery-tools.jsonl:12`, `docker-mcp-registry-tools.json[3]`. */
  where: string;
  source: SnapshotSource;
  /** The name the server's id is made from. */
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  version?: string | undefined;
  repositoryUrl?: string | undefined;
  websiteUrl?: string | undefined;
  packages: Record<string, unknown>[];
  remotes: Record<string, unknown>[];
  /** The tools as listed (raw objects), or null when the capture lists none for it. */
  tools: unknown[] | null;
}

/** A refused entry or tool: what, why (a stable code) and where. */
export interface CaptureRefusal {
  target: string;
  code: CrawlErrorCode;
  message: string;
  detail?: Record<string, unknown>;
}

/** What a capture file gave: entries to store and what was refused. */
export interface CaptureRead {
  entries: CaptureEntry[];
  refusals: CaptureRefusal[];
}

// A surrogate without its pair (code units, so no `u` flag); with NUL, the text PostgreSQL refuses.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** The JSON path of the first string (or key) holding a NUL or a lone surrogate, or undefined. */
export function findInvalidText(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInvalidText(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isUnstorable(key)) return `${path}.${key}`;
      const found = findInvalidText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

const SERVER_FIELDS = ['name', 'title', 'description', 'version', 'repositoryUrl', 'websiteUrl'] as const;

/** Refuses an entry whose text PostgreSQL cannot store or whose server fields are past their limits. */
export function checkEntry(entry: CaptureEntry): CaptureRefusal | undefined {
  const target = `${entry.source.kind} ${entry.source.ref}`;
  const invalid = findInvalidText(entry);
  if (invalid) {
    return {
      target,
      code: 'TEXT_INVALID',
      message: `${entry.where}: ${invalid.replace(/^\$\./, '')} holds a NUL or a lone surrogate; entry refused`,
      detail: { path: invalid },
    };
  }
  for (const field of SERVER_FIELDS) {
    const length = entry[field]?.length ?? 0;
    if (length > CAPTURE_LIMITS.serverFieldChars) {
      return {
        target,
        code: 'FIELD_TOO_LARGE',
        message: `${entry.where}: ${field} is ${length} characters, over the ${CAPTURE_LIMITS.serverFieldChars} limit; entry refused`,
        detail: { field, length, limit: CAPTURE_LIMITS.serverFieldChars },
      };
    }
  }
  return undefined;
}

/** The entry's tools read as definitions; each refused tool is named with its issue code and JSON path. */
export function readCaptureTools(entry: CaptureEntry): {
  tools: NonNullable<ServerSnapshot['tools']>;
  refusals: CaptureRefusal[];
} {
  const target = `${entry.source.kind} ${entry.source.ref}`;
  const refusals: CaptureRefusal[] = [];
  const document = readToolsDocument({ tools: entry.tools ?? [] });
  const tools: NonNullable<ServerSnapshot['tools']> = [];
  for (const item of document.entries) {
    const error = item.issues.find((issue) => issue.severity === 'error');
    if (error) {
      refusals.push({
        target,
        code: 'TOOL_INVALID',
        message: `${entry.where}: ${error.path}: ${error.code}: ${error.message}; tool refused`,
        detail: { issue: error.code, path: error.path },
      });
      continue;
    }
    if (!item.tool || !item.raw) continue;
    const oversized = (['inputSchema', 'outputSchema', 'annotations'] as const).find(
      (field) => jsonBytes(item.raw?.[field]) > CAPTURE_LIMITS.toolSchemaBytes,
    );
    if (oversized) {
      refusals.push({
        target,
        code: 'FIELD_TOO_LARGE',
        message: `${entry.where}: ${item.path}.${oversized} is ${jsonBytes(item.raw[oversized])} bytes of JSON, over the ${CAPTURE_LIMITS.toolSchemaBytes} limit; tool refused`,
        detail: { path: `${item.path}.${oversized}`, limit: CAPTURE_LIMITS.toolSchemaBytes },
      });
      continue;
    }
    tools.push({ tool: item.tool, raw: item.raw });
  }
  return { tools, refusals };
}

function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '');
}

/** The snapshot of a checked entry stored as `id`; `withTools: false` keeps only its metadata and provenance. */
export function snapshotOfCapture(
  entry: CaptureEntry,
  id: string,
  tools: ServerSnapshot['tools'],
  isTentative: boolean,
): ServerSnapshot {
  return {
    id,
    title: entry.title ?? entry.name,
    description: entry.description,
    version: entry.version,
    repository: entry.repositoryUrl ? { url: entry.repositoryUrl } : undefined,
    websiteUrl: entry.websiteUrl,
    packages: entry.packages.length > 0 ? entry.packages : undefined,
    remotes: entry.remotes.length > 0 ? entry.remotes : undefined,
    source: entry.source,
    isTentative,
    tools,
  };
}
