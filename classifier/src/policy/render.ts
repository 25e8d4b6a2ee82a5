// Choosing a policy format by name and rendering a StarterPolicy in it.
import { ToolriskClassifierError } from '../errors.js';
import type { PolicyExport } from './export-names.js';
import { noteLines, wellFormedTools } from './export-names.js';
import { commented, headerLines, UNNAMED_SERVER } from './export-notes.js';
import type { PolicyFormat, StarterPolicy } from './model.js';
import { POLICY_FORMATS } from './model.js';
import { exportAgentgateway } from './render-agentgateway.js';
import { exportCedar } from './render-cedar.js';
import { exportClaudeCode } from './render-claude-code.js';
import { codexServerName, exportCodex } from './render-codex.js';
import { exportCursor } from './render-cursor.js';
import { toGatewayJson } from './render-json.js';
import { exportVscode } from './render-vscode.js';
import { toInterceptYaml } from './render-yaml.js';

function header(
  policy: StarterPolicy,
  format: PolicyFormat,
  serverName = policy.serverName ?? UNNAMED_SERVER,
): string[] {
  return headerLines(policy, format, serverName);
}

/** Every format's exporter: a pure function of the policy. JSON and YAML hold every name but a lone surrogate. */
const EXPORTERS: Record<PolicyFormat, (policy: StarterPolicy) => PolicyExport> = {
  json: (policy) => ({ text: toGatewayJson(policy), notes: wellFormedTools(policy, 'json').notes }),
  yaml: (policy) => {
    const { notes } = wellFormedTools(policy, 'yaml');
    const lines = [...header(policy, 'yaml'), ...noteLines(notes)];
    return { text: `${commented(lines, '#')}${toInterceptYaml(policy)}`, notes };
  },
  'claude-code': (policy) => exportClaudeCode([policy]),
  codex: (policy) =>
    exportCodex([policy], header(policy, 'codex', codexServerName(policy.serverName ?? UNNAMED_SERVER))),
  cursor: (policy) => exportCursor([policy], header(policy, 'cursor')),
  vscode: (policy) => exportVscode([policy], header(policy, 'vscode')),
  cedar: (policy) => exportCedar([policy], header(policy, 'cedar')),
  agentgateway: (policy) => exportAgentgateway([policy], header(policy, 'agentgateway')),
};

/** The media types policy files are served as (JSONC and Cedar text are plain text: no JSON parser reads them). */
export const POLICY_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/toml',
  'text/plain',
] as const;
/** One media type of a policy file. */
export type PolicyMediaType = (typeof POLICY_MEDIA_TYPES)[number];

/** Per format, the media type of its file and the end of its download name (after `<subject>.<profile>.`). */
export const POLICY_FORMAT_FILES: Readonly<
  Record<PolicyFormat, { mediaType: PolicyMediaType; suffix: string }>
> = {
  json: { mediaType: 'application/json', suffix: 'policy.json' },
  yaml: { mediaType: 'application/yaml', suffix: 'policy.yaml' },
  'claude-code': { mediaType: 'application/json', suffix: 'claude-code.settings.json' },
  codex: { mediaType: 'application/toml', suffix: 'codex.config.toml' },
  cursor: { mediaType: 'text/plain', suffix: 'cursor.permissions.json' },
  vscode: { mediaType: 'text/plain', suffix: 'vscode.settings.json' },
  cedar: { mediaType: 'text/plain', suffix: 'toolhive.cedar' },
  agentgateway: { mediaType: 'application/yaml', suffix: 'agentgateway.yaml' },
};

/** The format named, or FORMAT_UNKNOWN listing the valid ones; absent means json. */
export function parseFormat(format: string | undefined): PolicyFormat {
  if (format === undefined) return 'json';
  const known = POLICY_FORMATS.find((candidate) => candidate === format);
  if (known === undefined) {
    throw new ToolriskClassifierError(
      'FORMAT_UNKNOWN',
      `unknown policy format "${format}"; valid formats: ${POLICY_FORMATS.join(', ')}`,
      { context: { format, valid: [...POLICY_FORMATS] } },
    );
  }
  return known;
}

/** Renders a policy in the named format, with every name the file could not write exactly (merged or left out). */
export function exportPolicy(policy: StarterPolicy, format: string): PolicyExport {
  return EXPORTERS[parseFormat(format)](policy);
}

/** Renders a policy as text in the named format (see POLICY_FORMATS and the README's formats table). */
export function renderPolicy(policy: StarterPolicy, format: string): string {
  return exportPolicy(policy, format).text;
}
