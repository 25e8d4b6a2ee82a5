// Rendering a StarterPolicy as an agentgateway `mcpAuthorization` policy: one CEL allow rule per allowed tool.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/**
 * agentgateway allows a call when a rule matches and filters other tools out of tools/list; it has no ask. Its
 * request-time CEL sees the tool's name and target only: `mcp.tool.arguments` is filled after the call, so a rule on
 * arguments never matches (agentgateway issues #2069, #3092) and argument rules cannot be carried.
 */
export const AGENTGATEWAY_ABILITIES: FormatAbilities = {
  ask: false,
  deny: true,
  hide: true,
  constraintsWhy:
    'its mcpAuthorization CEL sees only the tool name and target at request time; mcp.tool.arguments is filled after the call, and it keeps no counters',
};

/** A CEL string literal: quotes, backslashes and control characters escaped (`\uXXXX`), per the CEL spec's string escapes. */
export function celString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\\uFFFD'; // a lone surrogate is no Unicode scalar
    else out += char;
  }
  return `${out}"`;
}

/** The CEL rule allowing one tool. */
export function celToolRule(toolName: string): string {
  return `mcp.tool.name == ${celString(toolName)}`;
}

/** Renders a policy as agentgateway YAML (the `policies` of a route): allowed tools get a rule, every other tool matches none. */
export function toAgentgatewayPolicy(policy: StarterPolicy): string {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const decisions = exportDecisions(policy, 'agentgateway', AGENTGATEWAY_ABILITIES);
  const notes: string[] = [];
  const rules: string[] = [];
  for (const exported of decisions) {
    const lines = decisionLines(exported, exported.name);
    // A JSON string is a YAML double-quoted scalar, so the CEL text reads back exactly.
    if (exported.decision === 'allow')
      rules.push(`${commented(lines, '#', '    ')}    - ${JSON.stringify(celToolRule(exported.name))}\n`);
    else notes.push(...lines);
  }
  const header = [
    ...headerLines(policy, 'agentgateway', server),
    "Put under binds[].listeners[].routes[].policies (or the target's policies). Tools matching no rule are denied:",
    ...notes,
  ];
  const list = rules.length === 0 ? ' []\n' : `\n${rules.join('')}`;
  return `${commented(header, '#')}mcpAuthorization:\n  rules:${list}`;
}
