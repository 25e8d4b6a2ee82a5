// From a successful introspection to a server snapshot: every listed tool read like an imported one.
import {
  type DocumentIssue,
  type DocumentLimit,
  INPUT_LIMITS,
  jsonLimitIssue,
  readToolsDocument,
  type ToolDefinition,
  textLimitIssue,
} from '@toolrisk/classifier';
import type { ServerSnapshot } from '@toolrisk/db';
import type { IntrospectSuccess } from './introspect.js';

/** A listed tool that failed validation: where it was, its name if it had one, and why. */
export interface RefusedTool {
  path: string;
  name: string | null;
  issues: DocumentIssue[];
}

/** The listed tools split into usable definitions and refused ones; warnings ride along. */
export interface ListedTools {
  entries: { tool: ToolDefinition; raw: Record<string, unknown> }[];
  refused: RefusedTool[];
  warnings: DocumentIssue[];
}

/** Reads listed tools with the same validation as imports (readToolsDocument); one bad tool never sinks the rest. */
export function readListedTools(tools: unknown[]): ListedTools {
  const document = readToolsDocument({ tools }, { maxTools: INPUT_LIMITS.toolCount.max });
  const result: ListedTools = { entries: [], refused: [], warnings: [] };
  for (const entry of document.entries) {
    const errors = entry.issues.filter((issue) => issue.severity === 'error');
    result.warnings.push(...entry.issues.filter((issue) => issue.severity === 'warning'));
    if (entry.tool && entry.raw && errors.length === 0) {
      result.entries.push({ tool: entry.tool, raw: entry.raw });
      continue;
    }
    const name = entry.raw && typeof entry.raw.name === 'string' ? entry.raw.name.slice(0, 200) : null;
    result.refused.push({ path: entry.path, name, issues: errors });
  }
  return result;
}

/** What a server said at initialize, within the limits table, and the fields refused for breaking it. */
export interface InitializeFields {
  serverInfo: Record<string, unknown> | null;
  instructions: string | null;
  capabilities: Record<string, unknown> | null;
  /** One error per refused field (its path under `$.initialize`, the limit's code): the field is not stored. */
  refused: DocumentIssue[];
}

/** serverInfo's text fields and the limit each is held to (as a document's server block holds them). */
const SERVER_INFO_LIMITS: [string, DocumentLimit][] = [
  ['name', INPUT_LIMITS.id],
  ['version', INPUT_LIMITS.id],
  ['title', INPUT_LIMITS.title],
  ['websiteUrl', INPUT_LIMITS.title],
];

/**
 * Holds the initialize result to the limits table, as tools are held: serverInfo's name and version as ids, its
 * title and website as titles, the instructions as a description, serverInfo and capabilities as JSON (size and
 * depth). A field past its limit, or holding text no database stores, is refused: left out of what is stored, and
 * named with its code. The rest of the server, its tools included, is stored as usual.
 */
export function readInitializeFields(result: IntrospectSuccess): InitializeFields {
  const refused: DocumentIssue[] = [];
  const keep = (issue: DocumentIssue | null): boolean => {
    if (issue) refused.push(issue);
    return issue === null;
  };
  let serverInfo: Record<string, unknown> | null = null;
  if (result.serverInfo) {
    serverInfo = {};
    for (const [key, value] of Object.entries(result.serverInfo)) {
      const limit = SERVER_INFO_LIMITS.find(([name]) => name === key)?.[1];
      const path = `$.initialize.serverInfo.${key}`;
      const issue =
        limit && typeof value === 'string' ? textLimitIssue(value, limit, path) : jsonLimitIssue(value, path);
      if (keep(issue)) serverInfo[key] = value;
    }
  }
  const instructions =
    result.instructions !== null &&
    keep(textLimitIssue(result.instructions, INPUT_LIMITS.description, '$.initialize.instructions'))
      ? result.instructions
      : null;
  const capabilities =
    result.capabilities !== null && keep(jsonLimitIssue(result.capabilities, '$.initialize.capabilities'))
      ? result.capabilities
      : null;
  return { serverInfo, instructions, capabilities, refused };
}

/** What the server said at initialize, as stored in servers.introspection. */
export function introspectionOf(result: IntrospectSuccess, now: Date): Record<string, unknown> {
  return {
    serverInfo: result.serverInfo,
    instructions: result.instructions,
    capabilities: result.capabilities,
    transport: result.transport,
    introspectedAt: now.toISOString(),
  };
}

/** The snapshot of an introspected server. */
export function snapshotOfIntrospection(
  base: Pick<ServerSnapshot, 'id' | 'title' | 'source'>,
  result: IntrospectSuccess,
  listed: ListedTools,
  now: Date,
): ServerSnapshot {
  const info = result.serverInfo ?? {};
  const title = base.title ?? (typeof info.title === 'string' ? info.title : undefined);
  return {
    ...base,
    title: title ?? (typeof info.name === 'string' ? info.name : undefined),
    version: typeof info.version === 'string' ? info.version : undefined,
    introspection: introspectionOf(result, now),
    tools: listed.entries,
  };
}
