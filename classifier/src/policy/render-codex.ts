// Rendering a StarterPolicy as a Codex config.toml `[mcp_servers.NAME]` fragment with `enabled_tools` and `disabled_tools`.
import type { ExportedDecision, FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import { commented, commentSafe, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Codex enables or disables each tool; a disabled tool is not offered to the model at all. It has no per-tool ask here. */
export const CODEX_ABILITIES: FormatAbilities = { ask: false, deny: true, hide: true };

/** A Codex server name: Codex accepts only [A-Za-z0-9_-], so every other character becomes `_`. */
export function codexServerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A TOML basic string: quotes, backslashes and every control character escaped (TOML 1.0, "String"). */
export function tomlString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\\uFFFD'; // a lone surrogate is no Unicode scalar; TOML has no escape for it
    else out += char;
  }
  return `${out}"`;
}

function toolArray(key: string, decisions: readonly ExportedDecision[]): string {
  if (decisions.length === 0) return `${key} = []\n`;
  const items = decisions
    .map(
      (exported) =>
        `${commented(decisionLines(exported, exported.name), '#', '  ')}  ${tomlString(exported.name)},\n`,
    )
    .join('');
  return `${key} = [\n${items}]\n`;
}

/** Renders a policy as Codex TOML: tools allowed by the model are enabled, every other tool is disabled. */
export function toCodexToml(policy: StarterPolicy): string {
  const server = codexServerName(policy.serverName ?? UNNAMED_SERVER);
  const decisions = exportDecisions(policy, 'codex', CODEX_ABILITIES);
  const header = [
    ...headerLines(policy, 'codex', server),
    "Merge into ~/.codex/config.toml beside the server's command or url; enabled_tools is an allow-list, so new tools stay off.",
  ];
  if (policy.serverName !== undefined && server !== policy.serverName) {
    header.push(
      `Codex server names hold only [A-Za-z0-9_-]: ${commentSafe(JSON.stringify(policy.serverName))} is written ${server}`,
    );
  }
  return (
    commented(header, '#') +
    `[mcp_servers.${server}]\n` +
    toolArray(
      'enabled_tools',
      decisions.filter((exported) => exported.decision === 'allow'),
    ) +
    toolArray(
      'disabled_tools',
      decisions.filter((exported) => exported.decision !== 'allow'),
    )
  );
}
