// Rendering a StarterPolicy as a Codex config.toml `[mcp_servers.NAME]` fragment: `enabled_tools`, `disabled_tools` and per-tool `approval_mode`.
import type { ExportedDecision, FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import { commented, commentSafe, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/**
 * Codex registers only the tools on `enabled_tools` and drops those on `disabled_tools` (the model never sees them,
 * so deny is hide); each enabled tool's `approval_mode` says whether a call asks first.
 */
export const CODEX_ABILITIES: FormatAbilities = { ask: true, deny: true, hide: true };

/**
 * The per-tool approval modes written (codex-rs `AppToolApproval`): `approve` runs the tool without asking, `prompt`
 * asks before every call. `auto`, Codex's default, is never written: it asks or not from the server's own annotations.
 */
export const CODEX_APPROVAL_MODES = { allow: 'approve', ask: 'prompt' } as const;

/** A Codex server name: Codex accepts only [A-Za-z0-9_-], so every other character becomes `_`. */
export function codexServerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Whether TOML can hold a name as it is: every string but one with a lone surrogate (no Unicode scalar, no escape). */
export function isTomlExpressible(name: string): boolean {
  // With the u flag a surrogate pair is one code point, so this class matches only a lone surrogate.
  return !/[\uD800-\uDFFF]/u.test(name);
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

function approvalTable(server: string, exported: ExportedDecision): string {
  const mode = exported.decision === 'allow' ? CODEX_APPROVAL_MODES.allow : CODEX_APPROVAL_MODES.ask;
  return `\n[mcp_servers.${server}.tools.${tomlString(exported.name)}]\napproval_mode = "${mode}"\n`;
}

/**
 * Renders a policy as Codex TOML. Allowed and asking tools are enabled, with `approval_mode` "approve" or "prompt";
 * denied and hidden tools are disabled. A name TOML cannot hold is left off (enabled_tools is an allow-list) and said so.
 */
export function toCodexToml(policy: StarterPolicy): string {
  const server = codexServerName(policy.serverName ?? UNNAMED_SERVER);
  const decisions = exportDecisions(policy, 'codex', CODEX_ABILITIES);
  const header = [
    ...headerLines(policy, 'codex', server),
    "Merge into ~/.codex/config.toml beside the server's command or url; enabled_tools is an allow-list, so new tools stay off.",
    'approval_mode "approve" runs a tool without asking, "prompt" asks before every call; under approval_policy = "never" Codex refuses a call that needs approval.',
  ];
  if (policy.serverName !== undefined && server !== policy.serverName) {
    header.push(
      `Codex server names hold only [A-Za-z0-9_-]: ${commentSafe(JSON.stringify(policy.serverName))} is written ${server}`,
    );
  }
  const inexpressible = decisions.filter((exported) => !isTomlExpressible(exported.name));
  for (const exported of inexpressible) {
    header.push(
      `NOT WRITTEN: tool ${JSON.stringify(exported.name)} holds a lone surrogate, which TOML cannot hold; it is off (not on enabled_tools) whatever its rule (${exported.decision})`,
    );
  }
  const written = decisions.filter((exported) => isTomlExpressible(exported.name));
  const enabled = written.filter((exported) => exported.decision === 'allow' || exported.decision === 'ask');
  return (
    commented(header, '#') +
    `[mcp_servers.${server}]\n` +
    toolArray('enabled_tools', enabled) +
    toolArray(
      'disabled_tools',
      written.filter((exported) => exported.decision === 'deny' || exported.decision === 'hide'),
    ) +
    enabled.map((exported) => approvalTable(server, exported)).join('')
  );
}
