// Rendering a StarterPolicy as hosted gateway JSON, validated against its schema before it leaves.
import { wellFormedTools } from './export-names.js';
import type { ArgumentRule, StarterPolicy, ToolPolicy } from './model.js';
import type { GatewayCondition, GatewayPolicy, GatewayTool } from './schemas.js';
import { assertGenerated, parseGatewayPolicy } from './schemas.js';

function argumentRuleInto(tool: GatewayTool, rule: ArgumentRule): void {
  const conditions: GatewayCondition[] = rule.conditions.map((condition) => ({ ...condition }));
  if (rule.onFail === 'require_approval') {
    tool.require = [...(tool.require ?? []), { type: 'approval', unless: conditions, reason: rule.reason }];
    return;
  }
  // Deny unless every condition holds = deny if any one fails: one deny_if per negated condition.
  const denials = conditions.map((condition) => ({
    conditions: [{ ...condition, negate: true }],
    on_deny: rule.reason,
  }));
  tool.deny_if = [...(tool.deny_if ?? []), ...denials];
}

function renderTool(policy: ToolPolicy): GatewayTool {
  const tool: GatewayTool = {};
  if (policy.definitionSha256 !== undefined) tool.pin = { definition_sha256: policy.definitionSha256 };
  if (policy.action === 'deny') tool.deny_if = [{ conditions: [], on_deny: policy.reason }];
  const hasConditionalApproval = policy.argumentRules.some((rule) => rule.onFail === 'require_approval');
  // A conditional approval (e.g. SQL: reads pass) refines the row's blanket approval rather than adding to it.
  if (policy.action === 'require_approval' && !hasConditionalApproval) {
    tool.require = [{ type: 'approval', reason: policy.reason }];
  }
  if (policy.rateLimit) {
    const { counter, window, max } = policy.rateLimit;
    tool.limits = [
      {
        counter,
        window,
        max,
        scope: 'grant',
        on_deny: `at most ${max} calls per ${window}: ${policy.reason}`,
      },
    ];
  }
  for (const rule of policy.argumentRules) argumentRuleInto(tool, rule);
  return tool;
}

/** The hosted gateway document of a policy, as a validated object. */
export function buildGatewayPolicy(starter: StarterPolicy): GatewayPolicy {
  // A name with a lone surrogate is left out or shares its U+FFFD twin's entry (see wellFormedTools).
  const { policy } = wellFormedTools(starter, 'json');
  // No prototype: a tool named `__proto__` must become a key, not replace the object's prototype.
  const tools: GatewayPolicy['tools'] = Object.create(null);
  const hide: string[] = [];
  for (const tool of policy.tools) {
    if (tool.action === 'hide') hide.push(tool.name);
    else tools[tool.name] = renderTool(tool);
  }
  const document: GatewayPolicy = { version: '1', default: policy.default, hide, tools };
  return assertGenerated(() => parseGatewayPolicy(document));
}

/** Renders a policy as hosted gateway JSON text (two-space indented, trailing newline). */
export function toGatewayJson(policy: StarterPolicy): string {
  return `${JSON.stringify(buildGatewayPolicy(policy), null, 2)}\n`;
}
