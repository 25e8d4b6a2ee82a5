// A checked stack's policy in every format the project writes: each server's starter policy, tightened by the flow-breaking rules, in one file.
import { CLASSIFIER_VERSION } from '../classify.js';
import type { PolicyExport } from '../policy/export-names.js';
import { mergeServers, noteLines, wellFormedTools } from '../policy/export-names.js';
import { commented, serverLabel, UNNAMED_SERVER } from '../policy/export-notes.js';
import type { PolicyFormat, StarterPolicy } from '../policy/model.js';
import { parseFormat } from '../policy/render.js';
import { exportAgentgateway } from '../policy/render-agentgateway.js';
import { exportCedar } from '../policy/render-cedar.js';
import { exportClaudeCode } from '../policy/render-claude-code.js';
import { exportCodex } from '../policy/render-codex.js';
import { exportCursor } from '../policy/render-cursor.js';
import { buildGatewayPolicy } from '../policy/render-json.js';
import { exportVscode } from '../policy/render-vscode.js';
import { toInterceptYaml } from '../policy/render-yaml.js';

function stackHeader(policies: readonly StarterPolicy[], format: string): string[] {
  const profile = policies[0]?.profile ?? 'balanced';
  return [
    `toolrisk stack policy (classifier ${CLASSIFIER_VERSION}), format ${format}, profile ${profile}`,
    `servers: ${policies.map((policy) => policy.serverName ?? UNNAMED_SERVER).join(', ') || 'none'}`,
    'Each server\'s starter policy, with the rules that break the stack\'s toxic flows (their reasons say "breaks ...").',
  ];
}

/** Servers of one name are one key of `servers`: they share one policy, a tool on both the stricter of the two. */
function jsonStack(policies: readonly StarterPolicy[]): PolicyExport {
  const merged = mergeServers(policies, 'json', (name) => ({ key: name, isWritable: true }));
  // No prototype: a server named `__proto__` is a key like any other.
  const servers: Record<string, unknown> = Object.create(null);
  for (const policy of merged.policies)
    servers[policy.serverName ?? UNNAMED_SERVER] = buildGatewayPolicy(policy);
  const notes = [
    ...merged.notes,
    ...merged.policies.flatMap((policy) => wellFormedTools(policy, 'json').notes),
  ];
  return { text: `${JSON.stringify({ version: '1', servers }, null, 2)}\n`, notes };
}

/** One YAML document per server, each under a comment naming it; servers of one name share a document. */
function yamlStack(policies: readonly StarterPolicy[]): PolicyExport {
  const merged = mergeServers(policies, 'yaml', (name) => ({ key: name, isWritable: true }));
  const documents = merged.policies.map(
    (policy) =>
      `---\n${commented([serverLabel(policy.serverName ?? UNNAMED_SERVER)], '#')}${toInterceptYaml(policy)}`,
  );
  const notes = [
    ...merged.notes,
    ...merged.policies.flatMap((policy) => wellFormedTools(policy, 'yaml').notes),
  ];
  const header = [...stackHeader(policies, 'yaml'), ...noteLines(notes)];
  return { text: `${commented(header, '#')}${documents.join('')}`, notes };
}

/** Renders a checked stack's policies as one file in the named format, with every name it could not write exactly. */
export function exportStackPolicy(policies: readonly StarterPolicy[], format: string): PolicyExport {
  const known: PolicyFormat = parseFormat(format);
  const header = stackHeader(policies, known);
  switch (known) {
    case 'json':
      return jsonStack(policies);
    case 'yaml':
      return yamlStack(policies);
    case 'claude-code':
      return exportClaudeCode(policies);
    case 'codex':
      return exportCodex(policies, header);
    case 'cursor':
      return exportCursor(policies, header);
    case 'vscode':
      return exportVscode(policies, header);
    case 'cedar':
      return exportCedar(policies, [
        ...header,
        'ToolHive authorizes each server with its own policy set: give each server the section under its "server:" line.',
      ]);
    case 'agentgateway':
      return exportAgentgateway(policies, header);
  }
}
