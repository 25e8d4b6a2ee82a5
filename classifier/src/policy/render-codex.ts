// Rendering starter policies as a Codex config.toml `[mcp_servers.NAME]` fragment: `enabled_tools`, `disabled_tools` and per-tool `approval_mode`.
import type { ExportedDecision, FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { KeyedDecision, KeyedEntry, PolicyExport } from './export-names.js';
import { hasLoneSurrogate, keyEntries, mergeServers, noteLines } from './export-names.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
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

function toolArray(key: string, entries: readonly KeyedEntry[]): string {
  if (entries.length === 0) return `${key} = []\n`;
  const items = entries
    .map(
      ({ exported }) =>
        `${commented(decisionLines(exported, exported.name), '#', '  ')}  ${tomlString(exported.name)},\n`,
    )
    .join('');
  return `${key} = [\n${items}]\n`;
}

function approvalTable(server: string, exported: ExportedDecision): string {
  const mode = exported.decision === 'allow' ? CODEX_APPROVAL_MODES.allow : CODEX_APPROVAL_MODES.ask;
  return `\n[mcp_servers.${server}.tools.${tomlString(exported.name)}]\napproval_mode = "${mode}"\n`;
}

/** Codex's key of a server: its name mapped to [A-Za-z0-9_-]; an empty name has none. */
function codexServerKey(name: string): { key: string; isWritable: boolean; why?: string } {
  const key = codexServerName(name);
  return key === ''
    ? { key, isWritable: false, why: 'is empty, and a Codex server name needs at least one character' }
    : { key, isWritable: true };
}

/** One `[mcp_servers.NAME]` table: its comment lines, the two tool lists and an approval_mode per enabled tool. */
function codexSection(policy: StarterPolicy): PolicyExport {
  const name = policy.serverName ?? UNNAMED_SERVER;
  const server = codexServerName(name);
  const items: KeyedDecision[] = exportDecisions(policy, 'codex', CODEX_ABILITIES).map((exported) => {
    // TOML has no escape for a lone surrogate (no Unicode scalar); Codex could not read such a name from its server either.
    const isWritable = !hasLoneSurrogate(exported.name);
    return {
      server: name,
      exported,
      key: exported.name,
      isWritable,
      ...(isWritable ? {} : { why: 'holds a lone surrogate, which TOML cannot hold' }),
    };
  });
  // enabled_tools is an allow-list: a tool the file does not name is off.
  const { entries, notes } = keyEntries(items, 'codex', 'hide');
  const lines: string[] = [];
  if (server !== name)
    lines.push(`Codex server names hold only [A-Za-z0-9_-]: ${JSON.stringify(name)} is written ${server}`);
  lines.push(...noteLines(notes));
  const enabled = entries.filter(
    ({ exported }) => exported.decision === 'allow' || exported.decision === 'ask',
  );
  const disabled = entries.filter(
    ({ exported }) => exported.decision === 'deny' || exported.decision === 'hide',
  );
  const text =
    commented(lines, '#') +
    `[mcp_servers.${server}]\n` +
    toolArray('enabled_tools', enabled) +
    toolArray('disabled_tools', disabled) +
    enabled.map(({ exported }) => approvalTable(server, exported)).join('');
  return { text, notes };
}

/** The lines every Codex file opens with after its header. */
const CODEX_USAGE = [
  "Merge into ~/.codex/config.toml beside the server's command or url; enabled_tools is an allow-list, so new tools stay off.",
  'approval_mode "approve" runs a tool without asking, "prompt" asks before every call; under approval_policy = "never" Codex refuses a call that needs approval.',
];

/**
 * Renders policies as Codex TOML, one `[mcp_servers.NAME]` table per server. Allowed and asking tools are enabled,
 * with `approval_mode` "approve" or "prompt"; denied and hidden tools are disabled. Servers whose names Codex writes
 * alike (`a.b` and `a_b`) share one table, since Codex cannot tell them apart; a name TOML cannot hold is left off
 * (enabled_tools is an allow-list, so it is off) and said so.
 */
export function exportCodex(policies: readonly StarterPolicy[], header: readonly string[]): PolicyExport {
  const servers = mergeServers(policies, 'codex', codexServerKey);
  const sections = servers.policies.map(codexSection);
  const notes = [...servers.notes, ...sections.flatMap((section) => section.notes)];
  const text = `${commented([...header, ...CODEX_USAGE, ...noteLines(servers.notes)], '#')}${sections.map((section) => section.text).join('\n')}`;
  return { text, notes };
}

/** Renders one server's policy as Codex TOML. */
export function toCodexToml(policy: StarterPolicy): string {
  return exportCodex(
    [policy],
    headerLines(policy, 'codex', codexServerName(policy.serverName ?? UNNAMED_SERVER)),
  ).text;
}
