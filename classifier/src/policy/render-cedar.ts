// Rendering a StarterPolicy as ToolHive Cedar policies: permit or forbid `Action::"call_tool"` on each `Tool::"<name>"`.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import { commented, decisionLines, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { StarterPolicy } from './model.js';

/** Cedar permits or forbids; ToolHive leaves a forbidden tool out of tools/list, so deny is also hide. It has no ask. */
export const CEDAR_ABILITIES: FormatAbilities = { ask: false, deny: true, hide: true };

/** A Cedar string literal: quotes, backslashes and control characters escaped (`\u{..}`), as the Cedar grammar reads them. */
export function cedarString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\\u{fffd}'; // a lone surrogate is no Unicode scalar
    else out += char;
  }
  return `${out}"`;
}

/** Renders a policy as Cedar text: one permit per allowed tool, one forbid per other tool; Cedar denies anything unlisted. */
export function toCedarPolicies(policy: StarterPolicy): string {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const decisions = exportDecisions(policy, 'cedar', CEDAR_ABILITIES);
  const header = headerLines(policy, 'cedar', server);
  const statements = decisions.map((exported, index) => {
    const effect = exported.decision === 'allow' ? 'permit' : 'forbid';
    const id = cedarString(`toolrisk-${index}-${exported.decision}`);
    return (
      commented(decisionLines(exported, exported.name), '//') +
      `@id(${id})\n${effect} (\n  principal,\n  action == Action::"call_tool",\n  resource == Tool::${cedarString(exported.name)}\n);\n`
    );
  });
  return `${commented(header, '//')}\n${statements.join('\n')}`;
}
