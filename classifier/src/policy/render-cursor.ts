// Rendering starter policies as a Cursor permissions.json (JSONC) `mcpAllowlist`.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { KeyedDecision, PolicyExport } from './export-names.js';
import { keyEntries, noteLines } from './export-names.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Cursor's allow-list lets a tool run without approval; every other tool asks. It cannot deny or hide. */
export const CURSOR_ABILITIES: FormatAbilities = { ask: true, deny: false, hide: false };

/** The `mcpAllowlist` entry of one tool: `server:tool`. */
export function cursorAllowEntry(serverName: string, toolName: string): string {
  return `${serverName}:${toolName}`;
}

/** Why Cursor cannot hold a name in an allow entry, or undefined when it can. */
function cursorWhyNot(server: string, tool: string): string | undefined {
  // `*` is Cursor's wildcard (`github:*`) and it documents no escape: `s:get*` would also allow `s:getx`.
  if (server.includes('*') || tool.includes('*')) return 'holds "*", Cursor\'s wildcard, which has no escape';
  if (server === '' || tool === '') return 'is empty';
  return undefined;
}

/**
 * Renders policies as Cursor permissions.json: JSONC, so every tool's rule is explained in a comment. Only allowed
 * tools have entries; entries several names share (`a:b` + `c` and `a` + `b:c`) are allowed only if all are.
 */
export function exportCursor(policies: readonly StarterPolicy[], header: readonly string[]): PolicyExport {
  const items: KeyedDecision[] = policies.flatMap((policy) => {
    const server = policy.serverName ?? UNNAMED_SERVER;
    return exportDecisions(policy, 'cursor', CURSOR_ABILITIES).map((exported) => {
      // Only an allow is written; a tool that asks has no entry whatever its name.
      const why = exported.decision === 'allow' ? cursorWhyNot(server, exported.name) : undefined;
      return {
        server,
        exported,
        key: cursorAllowEntry(server, exported.name),
        isWritable: why === undefined,
        ...(why === undefined ? {} : { why }),
      };
    });
  });
  const { entries: keyed, notes } = keyEntries(items, 'cursor', 'ask');
  const asking: string[] = [];
  const entries: string[] = [];
  for (const { key, exported } of keyed) {
    const lines = decisionLines(exported, key);
    if (exported.decision === 'allow')
      entries.push(`${commented(lines, '//', '    ')}    ${JSON.stringify(key)}`);
    else asking.push(...lines);
  }
  const lines = [
    ...header,
    ...noteLines(notes),
    'Tools not on mcpAllowlist ask for approval in Cursor:',
    ...asking,
  ];
  const list = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return { text: `${commented(lines, '//')}{\n  "mcpAllowlist": ${list}\n}\n`, notes };
}

/** Renders one server's policy as Cursor permissions.json. */
export function toCursorPermissions(policy: StarterPolicy): string {
  return exportCursor([policy], headerLines(policy, 'cursor', policy.serverName ?? UNNAMED_SERVER)).text;
}
