// Rendering starter policies as a Claude Code settings.json `permissions` fragment with exact `mcp__<server>__<tool>` rules.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { KeyedDecision, PolicyExport } from './export-names.js';
import { keyEntries } from './export-names.js';
import { UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Claude Code has allow, ask and deny rules; a denied MCP tool is also left out of the model's context, not hidden from tools/list. */
export const CLAUDE_CODE_ABILITIES: FormatAbilities = { ask: true, deny: true, hide: false };

/** A server or tool name as Claude Code writes it in a tool name: every UTF-16 unit outside [A-Za-z0-9_-] becomes `_`. */
export function claudeCodeNamePart(name: string): string {
  // No u flag, as Claude Code writes it: an emoji (two UTF-16 units) becomes `__`.
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The exact Claude Code permission rule of one MCP tool (no wildcard, which Claude Code would ignore or widen). */
export function claudeCodeToolRule(serverName: string, toolName: string): string {
  return `mcp__${claudeCodeNamePart(serverName)}__${claudeCodeNamePart(toolName)}`;
}

/**
 * The Claude Code `permissions` object of one or more servers' policies, with every name it could not write exactly.
 * Names Claude Code maps alike (`a.b` and `a_b`, or server `a__b` tool `c` and server `a` tool `b__c`) are one rule in
 * Claude Code too: it gets the strictest decision. An empty name has no rule of its own (`mcp__s__` would read as the
 * server's): left out, so Claude Code asks.
 */
export function buildClaudeCodePermissions(policies: readonly StarterPolicy[]): {
  permissions: { allow: string[]; ask: string[]; deny: string[] };
  notes: PolicyExport['notes'];
} {
  const items: KeyedDecision[] = policies.flatMap((policy) => {
    const server = policy.serverName ?? UNNAMED_SERVER;
    return exportDecisions(policy, 'claude-code', CLAUDE_CODE_ABILITIES).map((exported) => {
      const isWritable = server !== '' && exported.name !== '';
      return {
        server,
        exported,
        key: claudeCodeToolRule(server, exported.name),
        isWritable,
        ...(isWritable ? {} : { why: 'is empty, and an empty name has no rule of its own' }),
      };
    });
  });
  // Claude Code asks before an MCP tool no rule names.
  const { entries, notes } = keyEntries(items, 'claude-code', 'ask');
  const permissions = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const { key, exported } of entries) {
    // hide is not expressible here; exportDecision already turned it into deny.
    if (exported.decision === 'allow') permissions.allow.push(key);
    else if (exported.decision === 'ask') permissions.ask.push(key);
    else permissions.deny.push(key);
  }
  return { permissions, notes };
}

/**
 * Renders policies as a Claude Code settings.json fragment. settings.json is strict JSON validated by Claude Code,
 * so it carries no comments nor invented fields: the reasons live in the other formats and the API's JSON policy,
 * and the name notes in the export's report.
 */
export function exportClaudeCode(policies: readonly StarterPolicy[]): PolicyExport {
  const { permissions, notes } = buildClaudeCodePermissions(policies);
  return { text: `${JSON.stringify({ permissions }, null, 2)}\n`, notes };
}

/** Renders one server's policy as a Claude Code settings.json fragment. */
export function toClaudeCodeSettings(policy: StarterPolicy): string {
  return exportClaudeCode([policy]).text;
}
