// Rendering starter policies as VS Code settings (JSONC): `chat.tools.eligibleForAutoApproval` per MCP tool.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { KeyedDecision, PolicyExport } from './export-names.js';
import { keyEntries, noteLines } from './export-names.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** VS Code can keep a tool from ever being auto-approved (it always asks); a settings file cannot deny or hide it. */
export const VSCODE_ABILITIES: FormatAbilities = { ask: true, deny: false, hide: false };

/** The tool reference VS Code uses for an MCP tool: `server/tool`. */
export function vscodeToolKey(serverName: string, toolName: string): string {
  return `${serverName}/${toolName}`;
}

/**
 * Renders policies as a VS Code settings.json fragment: `true` may be auto-approved, `false` always asks. Keys
 * several names share (`a/b` + `c` and `a` + `b/c`) are `true` only if all their tools are allowed.
 */
export function exportVscode(policies: readonly StarterPolicy[], header: readonly string[]): PolicyExport {
  const items: KeyedDecision[] = policies.flatMap((policy) => {
    const server = policy.serverName ?? UNNAMED_SERVER;
    return exportDecisions(policy, 'vscode', VSCODE_ABILITIES).map((exported) => {
      // `false` only stops auto-approval, so it is safe on any key; `true` on a key with an empty part could widen.
      const isWritable = exported.decision !== 'allow' || (server !== '' && exported.name !== '');
      return {
        server,
        exported,
        key: vscodeToolKey(server, exported.name),
        isWritable,
        ...(isWritable ? {} : { why: 'is empty, and a true on it could reach other tools' }),
      };
    });
  });
  const { entries: keyed, notes } = keyEntries(items, 'vscode', 'ask');
  const entries = keyed.map(
    ({ key, exported }) =>
      `${commented(decisionLines(exported, key), '//', '    ')}    ${JSON.stringify(key)}: ${exported.decision === 'allow'}`,
  );
  const body = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
  const text = `${commented([...header, ...noteLines(notes)], '//')}{\n  "chat.tools.eligibleForAutoApproval": ${body}\n}\n`;
  return { text, notes };
}

/** Renders one server's policy as a VS Code settings.json fragment. */
export function toVscodeSettings(policy: StarterPolicy): string {
  return exportVscode([policy], headerLines(policy, 'vscode', policy.serverName ?? UNNAMED_SERVER)).text;
}
