// Rendering a StarterPolicy as a Cursor permissions.json (JSONC) `mcpAllowlist`.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions, mergeCollisions } from './decisions.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Cursor's allow-list lets a tool run without approval; every other tool asks. It cannot deny or hide. */
export const CURSOR_ABILITIES: FormatAbilities = { ask: true, deny: false, hide: false };

/** The `mcpAllowlist` entry of one tool: `server:tool`. */
export function cursorAllowEntry(serverName: string, toolName: string): string {
  return `${serverName}:${toolName}`;
}

/** Renders a policy as Cursor permissions.json: JSONC, so every tool's rule is explained in a comment. */
export function toCursorPermissions(policy: StarterPolicy): string {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const decisions = exportDecisions(policy, 'cursor', CURSOR_ABILITIES);
  const merged = mergeCollisions(decisions, (name) => cursorAllowEntry(server, name));
  const notes: string[] = [];
  const entries: string[] = [];
  for (const [entry, exported] of merged) {
    const lines = decisionLines(exported, entry);
    if (exported.decision === 'allow')
      entries.push(`${commented(lines, '//', '    ')}    ${JSON.stringify(entry)}`);
    else notes.push(...lines);
  }
  const header = [
    ...headerLines(policy, 'cursor', server),
    'Tools not on mcpAllowlist ask for approval in Cursor:',
    ...notes,
  ];
  const list = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return `${commented(header, '//')}{\n  "mcpAllowlist": ${list}\n}\n`;
}
