// The identity of a tool definition: sha256 over its canonical JSON.
import { createHash } from 'node:crypto';
import type { ToolDefinition } from './types.js';

/** JSON with object keys sorted at every depth, so equal definitions give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, child] of entries) {
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}

/** The parts of a definition that its hash covers: what an agent sees and relies on. */
export function definitionForHash(tool: ToolDefinition): Record<string, unknown> {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations,
  };
}

/** sha256 (hex) of the canonical JSON of a tool definition. */
export function hashDefinition(tool: ToolDefinition): string {
  return createHash('sha256')
    .update(canonicalJson(definitionForHash(tool)))
    .digest('hex');
}
