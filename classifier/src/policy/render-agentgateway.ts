// Rendering starter policies as agentgateway `mcpAuthorization` policies: one CEL allow rule per allowed tool.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { PolicyExport } from './export-names.js';
import { keyEntries, mergeServers, noteLines, scalarKeyedDecisions } from './export-names.js';
import { commented, decisionLines, headerLines, serverLabel, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/**
 * agentgateway allows a call when a rule matches and filters other tools out of tools/list; it has no ask. Its
 * request-time CEL sees the tool's name and target only: `mcp.tool.arguments` is filled after the call, so a rule on
 * arguments never matches (agentgateway issues #2069, #3092) and argument rules cannot be carried: such a tool is
 * denied, the stricter decision.
 */
export const AGENTGATEWAY_ABILITIES: FormatAbilities = {
  ask: false,
  deny: true,
  hide: true,
  constraintsWhy:
    'its mcpAuthorization CEL sees only the tool name and target at request time; mcp.tool.arguments is filled after the call, and it keeps no counters',
};

/**
 * A CEL string literal: quotes, backslashes, control characters and the characters YAML will not print raw escaped
 * (`\uXXXX`, `\UXXXXXXXX`), per the CEL spec's string escapes.
 */
export function celString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff ||
      code === 0xfffe ||
      code === 0xffff
    )
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\\uFFFD'; // a lone surrogate is no Unicode scalar: such a name is never written as a tool (see keyEntries)
    else out += char;
  }
  return `${out}"`;
}

/** The CEL rule allowing one tool. */
export function celToolRule(toolName: string): string {
  return `mcp.tool.name == ${celString(toolName)}`;
}

/** One server's `mcpAuthorization` document: allowed tools get a rule, every other tool matches none. */
function agentgatewaySection(policy: StarterPolicy, header: readonly string[]): PolicyExport {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const items = scalarKeyedDecisions(
    server,
    exportDecisions(policy, 'agentgateway', AGENTGATEWAY_ABILITIES),
    'CEL',
  );
  const { entries, notes } = keyEntries(items, 'agentgateway', 'deny');
  const denied: string[] = [];
  const rules: string[] = [];
  for (const { key, exported } of entries) {
    const lines = decisionLines(exported, exported.name);
    // A JSON string is a YAML double-quoted scalar, so the CEL text reads back exactly.
    if (exported.decision === 'allow')
      rules.push(`${commented(lines, '#', '    ')}    - ${JSON.stringify(celToolRule(key))}\n`);
    else denied.push(...lines);
  }
  const lines = [
    ...header,
    ...noteLines(notes),
    "Put under binds[].listeners[].routes[].policies (or the target's policies). Tools matching no rule are denied:",
    ...denied,
  ];
  const list = rules.length === 0 ? ' []\n' : `\n${rules.join('')}`;
  return { text: `${commented(lines, '#')}mcpAuthorization:\n  rules:${list}`, notes };
}

/** Renders policies as agentgateway YAML, one document per server (servers of one name share one). */
export function exportAgentgateway(
  policies: readonly StarterPolicy[],
  header: readonly string[],
): PolicyExport {
  if (policies.length === 1 && policies[0] !== undefined) return agentgatewaySection(policies[0], header);
  const servers = mergeServers(policies, 'agentgateway', (name) => ({ key: name, isWritable: true }));
  const sections = servers.policies.map((policy) =>
    agentgatewaySection(policy, [serverLabel(policy.serverName ?? UNNAMED_SERVER)]),
  );
  const lines = [
    ...header,
    "One document per server: put each under its target's policies.",
    ...noteLines(servers.notes),
  ];
  return {
    text: `${commented(lines, '#')}${sections.map((section) => `---\n${section.text}`).join('')}`,
    notes: [...servers.notes, ...sections.flatMap((section) => section.notes)],
  };
}

/** Renders one server's policy as agentgateway YAML (the `policies` of a route). */
export function toAgentgatewayPolicy(policy: StarterPolicy): string {
  return exportAgentgateway(
    [policy],
    headerLines(policy, 'agentgateway', policy.serverName ?? UNNAMED_SERVER),
  ).text;
}
