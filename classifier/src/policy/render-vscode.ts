// Rendering a StarterPolicy as VS Code settings (JSONC): `chat.tools.eligibleForAutoApproval` per MCP tool.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions, mergeCollisions } from './decisions.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** VS Code can keep a tool from ever being auto-approved (it always asks); a settings file cannot deny or hide it. */
export const VSCODE_ABILITIES: FormatAbilities = { ask: true, deny: false, hide: false };

/** The tool reference VS Code uses for an MCP tool: `server/tool`. */
export function vscodeToolKey(serverName: string, toolName: string): string {
  return `${serverName}/${toolName}`;
}

/** Renders a policy as a VS Code settings.json fragment: `true` may be auto-approved, `false` always asks. */
export function toVscodeSettings(policy: StarterPolicy): string {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const decisions = exportDecisions(policy, 'vscode', VSCODE_ABILITIES);
  const merged = mergeCollisions(decisions, (name) => vscodeToolKey(server, name));
  const entries = [...merged].map(
    ([key, exported]) =>
      `${commented(decisionLines(exported, key), '//', '    ')}    ${JSON.stringify(key)}: ${exported.decision === 'allow'}`,
  );
  const body = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
  return `${commented(headerLines(policy, 'vscode', server), '//')}{\n  "chat.tools.eligibleForAutoApproval": ${body}\n}\n`;
}
