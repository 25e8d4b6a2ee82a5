// A checked stack's policy in every format the project writes: each server's starter policy, tightened by the flow-breaking rules, in one file.
import { CLASSIFIER_VERSION } from '../classify.js';
import { exportDecisions, mergeCollisions } from '../policy/decisions.js';
import { commented, decisionLines } from '../policy/export-notes.js';
import type { PolicyFormat, StarterPolicy } from '../policy/model.js';
import { parseFormat } from '../policy/render.js';
import { toAgentgatewayPolicy } from '../policy/render-agentgateway.js';
import { cedarString, toCedarPolicies } from '../policy/render-cedar.js';
import { buildClaudeCodePermissions } from '../policy/render-claude-code.js';
import { toCodexToml } from '../policy/render-codex.js';
import { CURSOR_ABILITIES, cursorAllowEntry } from '../policy/render-cursor.js';
import { buildGatewayPolicy } from '../policy/render-json.js';
import { VSCODE_ABILITIES, vscodeToolKey } from '../policy/render-vscode.js';
import { toInterceptYaml } from '../policy/render-yaml.js';

function stackHeader(policies: readonly StarterPolicy[], format: string): string[] {
  const profile = policies[0]?.profile ?? 'balanced';
  return [
    `toolrisk stack policy (classifier ${CLASSIFIER_VERSION}), format ${format}, profile ${profile}`,
    `servers: ${policies.map((policy) => policy.serverName ?? 'server').join(', ') || 'none'}`,
    'Each server\'s starter policy, with the rules that break the stack\'s toxic flows (their reasons say "breaks ...").',
  ];
}

function cursorStack(policies: readonly StarterPolicy[]): string {
  const entries: string[] = [];
  const notes: string[] = [];
  for (const policy of policies) {
    const server = policy.serverName ?? 'server';
    const merged = mergeCollisions(exportDecisions(policy, 'cursor', CURSOR_ABILITIES), (name) =>
      cursorAllowEntry(server, name),
    );
    for (const [entry, exported] of merged) {
      const lines = decisionLines(exported, entry);
      if (exported.decision === 'allow')
        entries.push(`${commented(lines, '//', '    ')}    ${JSON.stringify(entry)}`);
      else notes.push(...lines);
    }
  }
  const header = [
    ...stackHeader(policies, 'cursor'),
    'Tools not on mcpAllowlist ask for approval in Cursor:',
    ...notes,
  ];
  const list = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return `${commented(header, '//')}{\n  "mcpAllowlist": ${list}\n}\n`;
}

function vscodeStack(policies: readonly StarterPolicy[]): string {
  const entries: string[] = [];
  for (const policy of policies) {
    const server = policy.serverName ?? 'server';
    const merged = mergeCollisions(exportDecisions(policy, 'vscode', VSCODE_ABILITIES), (name) =>
      vscodeToolKey(server, name),
    );
    for (const [entry, exported] of merged)
      entries.push(
        `${commented(decisionLines(exported, entry), '//', '    ')}    ${JSON.stringify(entry)}: ${exported.decision === 'allow'}`,
      );
  }
  const body = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
  return `${commented(stackHeader(policies, 'vscode'), '//')}{\n  "chat.tools.eligibleForAutoApproval": ${body}\n}\n`;
}

function claudeCodeStack(policies: readonly StarterPolicy[]): string {
  const permissions = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const policy of policies) {
    const one = buildClaudeCodePermissions(policy).permissions;
    permissions.allow.push(...one.allow);
    permissions.ask.push(...one.ask);
    permissions.deny.push(...one.deny);
  }
  return `${JSON.stringify({ permissions }, null, 2)}\n`;
}

function jsonStack(policies: readonly StarterPolicy[]): string {
  // No prototype: a server named `__proto__` is a key like any other.
  const servers: Record<string, unknown> = Object.create(null);
  for (const policy of policies) servers[policy.serverName ?? 'server'] = buildGatewayPolicy(policy);
  return `${JSON.stringify({ version: '1', servers }, null, 2)}\n`;
}

/** Cedar policy ids must be unique in a set: each server's ids are prefixed with its position in the stack. */
function cedarStack(policies: readonly StarterPolicy[]): string {
  const sections = policies.map((policy, index) =>
    toCedarPolicies(policy).replaceAll(
      '@id("toolrisk-',
      `@id(${cedarString(`s${index}-`).slice(0, -1)}toolrisk-`,
    ),
  );
  const header = [
    ...stackHeader(policies, 'cedar'),
    'ToolHive authorizes each server with its own policy set: give each server the section under its "server:" line.',
  ];
  return `${commented(header, '//')}\n${sections.join('\n')}`;
}

/** Renders a checked stack's policies as one file in the named format (see POLICY_FORMATS). */
export function renderStackPolicy(policies: readonly StarterPolicy[], format: string): string {
  const known: PolicyFormat = parseFormat(format);
  switch (known) {
    case 'json':
      return jsonStack(policies);
    case 'yaml':
      return `${commented(stackHeader(policies, 'yaml'), '#')}${policies.map((policy) => `---\n${toInterceptYaml(policy)}`).join('')}`;
    case 'claude-code':
      return claudeCodeStack(policies);
    case 'codex':
      return `${commented(stackHeader(policies, 'codex'), '#')}\n${policies.map(toCodexToml).join('\n')}`;
    case 'cursor':
      return cursorStack(policies);
    case 'vscode':
      return vscodeStack(policies);
    case 'cedar':
      return cedarStack(policies);
    case 'agentgateway':
      return `${commented([...stackHeader(policies, 'agentgateway'), "One document per server: put each under its target's policies."], '#')}${policies.map((policy) => `---\n${toAgentgatewayPolicy(policy)}`).join('')}`;
  }
}
