// From a successful introspection to a server snapshot: every listed tool read like an imported one.
import {
  type DocumentIssue,
  INPUT_LIMITS,
  readToolsDocument,
  type ToolDefinition,
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
