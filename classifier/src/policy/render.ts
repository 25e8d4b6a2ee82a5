// Choosing a policy format by name and rendering a StarterPolicy in it.
import { ToolriskClassifierError } from '../errors.js';
import type { PolicyFormat, StarterPolicy } from './model.js';
import { POLICY_FORMATS } from './model.js';
import { toAgentgatewayPolicy } from './render-agentgateway.js';
import { toCedarPolicies } from './render-cedar.js';
import { toClaudeCodeSettings } from './render-claude-code.js';
import { toCodexToml } from './render-codex.js';
import { toCursorPermissions } from './render-cursor.js';
import { toGatewayJson } from './render-json.js';
import { toVscodeSettings } from './render-vscode.js';
import { toInterceptYaml } from './render-yaml.js';

/** Every format's renderer: a pure function of the policy. */
const RENDERERS: Record<PolicyFormat, (policy: StarterPolicy) => string> = {
  json: toGatewayJson,
  yaml: toInterceptYaml,
  'claude-code': toClaudeCodeSettings,
  codex: toCodexToml,
  cursor: toCursorPermissions,
  vscode: toVscodeSettings,
  cedar: toCedarPolicies,
  agentgateway: toAgentgatewayPolicy,
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

/** Renders a policy as text in the named format (see POLICY_FORMATS and the README's formats table). */
export function renderPolicy(policy: StarterPolicy, format: string): string {
  return RENDERERS[parseFormat(format)](policy);
}
