// Choosing a policy format by name and rendering a StarterPolicy in it.
import { ToolriskClassifierError } from '../errors.js';
import type { PolicyFormat, StarterPolicy } from './model.js';
import { POLICY_FORMATS } from './model.js';
import { toGatewayJson } from './render-json.js';
import { toInterceptYaml } from './render-yaml.js';

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

/** Renders a policy as text in the named format (json: hosted gateway, yaml: Intercept-style). */
export function renderPolicy(policy: StarterPolicy, format: string): string {
  return parseFormat(format) === 'json' ? toGatewayJson(policy) : toInterceptYaml(policy);
}
