// Rendering a StarterPolicy as a Claude Code settings.json `permissions` fragment with exact `mcp__<server>__<tool>` rules.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions, mergeCollisions } from './decisions.js';
import { UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Claude Code has allow, ask and deny rules; a denied MCP tool is also left out of the model's context, not hidden from tools/list. */
export const CLAUDE_CODE_ABILITIES: FormatAbilities = { ask: true, deny: true, hide: false };

/** A server or tool name as Claude Code writes it in a tool name: every character outside [A-Za-z0-9_-] becomes `_`. */
export function claudeCodeNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The exact Claude Code permission rule of one MCP tool (no wildcard, which Claude Code would ignore or widen). */
export function claudeCodeToolRule(serverName: string, toolName: string): string {
  return `mcp__${claudeCodeNamePart(serverName)}__${claudeCodeNamePart(toolName)}`;
}

/** The Claude Code `permissions` object of a policy. */
export function buildClaudeCodePermissions(policy: StarterPolicy): {
  permissions: { allow: string[]; ask: string[]; deny: string[] };
} {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const decisions = exportDecisions(policy, 'claude-code', CLAUDE_CODE_ABILITIES);
  const merged = mergeCollisions(decisions, (name) => claudeCodeToolRule(server, name));
  const permissions = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const [rule, exported] of merged) {
    // hide is not expressible here; exportDecision already turned it into deny.
    if (exported.decision === 'allow') permissions.allow.push(rule);
    else if (exported.decision === 'ask') permissions.ask.push(rule);
    else permissions.deny.push(rule);
  }
  return { permissions };
}

/**
 * Renders a policy as a Claude Code settings.json fragment. settings.json is strict JSON validated by Claude Code,
 * so it carries no comments nor invented fields: the reasons live in the other formats and the API's JSON policy.
 */
export function toClaudeCodeSettings(policy: StarterPolicy): string {
  return `${JSON.stringify(buildClaudeCodePermissions(policy), null, 2)}\n`;
}
