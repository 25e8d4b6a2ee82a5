// Rendering a StarterPolicy as Intercept-style YAML, validated against its schema before it leaves.
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { wellFormedTools } from './export-names.js';
import { commentSafe } from './export-notes.js';
import type { ArgumentRule, StarterPolicy, ToolPolicy } from './model.js';
import type { InterceptPolicy, InterceptRule } from './schemas.js';
import { assertGenerated, parseInterceptPolicy } from './schemas.js';

/** How long a gateway holds a call for approval before refusing it. */
export const APPROVAL_TIMEOUT = '10m';

/** The format's own keys: the only strings written plain; every other string is double-quoted. */
const STRUCTURAL_KEYS = new Set([
  'version',
  'default',
  'hide',
  'tools',
  'pin',
  'definition_sha256',
  'rules',
  'name',
  'action',
  'conditions',
  'path',
  'op',
  'value',
  'rate_limit',
  'approval_timeout',
  'on_deny',
]);

function argumentRule(rule: ArgumentRule): InterceptRule {
  const conditions = rule.conditions.map((condition) => ({ ...condition }));
  if (rule.onFail === 'require_approval') {
    return {
      name: rule.name,
      action: 'require_approval',
      conditions,
      approval_timeout: APPROVAL_TIMEOUT,
      on_deny: rule.reason,
    };
  }
  return { name: rule.name, action: 'evaluate', conditions, on_deny: rule.reason };
}

function renderRules(policy: ToolPolicy): InterceptRule[] {
  const rules: InterceptRule[] = [];
  if (policy.action === 'deny') rules.push({ name: 'deny', action: 'deny', on_deny: policy.reason });
  const hasConditionalApproval = policy.argumentRules.some((rule) => rule.onFail === 'require_approval');
  // A conditional approval (e.g. SQL: reads pass) refines the row's blanket approval rather than adding to it.
  if (policy.action === 'require_approval' && !hasConditionalApproval) {
    rules.push({
      name: 'approval',
      action: 'require_approval',
      approval_timeout: APPROVAL_TIMEOUT,
      on_deny: policy.reason,
    });
  }
  if (policy.rateLimit) {
    const { max, window } = policy.rateLimit;
    rules.push({
      name: 'rate-limit',
      rate_limit: `${max}/${window}`,
      on_deny: `at most ${max} calls per ${window}: ${policy.reason}`,
    });
  }
  return [...rules, ...policy.argumentRules.map(argumentRule)];
}

/** The Intercept-style document of a policy, as a validated object. */
export function buildInterceptPolicy(starter: StarterPolicy): InterceptPolicy {
  // A name with a lone surrogate is left out or shares its U+FFFD twin's entry (see wellFormedTools).
  const { policy } = wellFormedTools(starter, 'yaml');
  // No prototype: a tool named `__proto__` must become a key, not replace the object's prototype.
  const tools: InterceptPolicy['tools'] = Object.create(null);
  const hide: string[] = [];
  for (const tool of policy.tools) {
    if (tool.action === 'hide') {
      hide.push(tool.name);
      continue;
    }
    const entry: InterceptPolicy['tools'][string] = { rules: renderRules(tool) };
    if (tool.definitionSha256 !== undefined) entry.pin = { definition_sha256: tool.definitionSha256 };
    tools[tool.name] = entry;
  }
  const document: InterceptPolicy = { version: '1', default: policy.default, hide, tools };
  return assertGenerated(() => parseInterceptPolicy(document));
}

/**
 * Renders a policy as Intercept-style YAML text. Every string but the format's own keys is double-quoted,
 * so tool names like `yes`, `<<`, `a: b` or `0o7` read back as the same string under YAML 1.1 and 1.2.
 */
export function toInterceptYaml(policy: StarterPolicy): string {
  const document = new Document(buildInterceptPolicy(policy));
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && !STRUCTURAL_KEYS.has(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string') node.type = 'QUOTE_DOUBLE';
    },
  });
  commentTools(document, policy);
  return document.toString({ lineWidth: 0 });
}

/** Puts each tool's rule and reason in a comment above its entry (under `tools`, or its item of `hide`). */
function commentTools(document: Document, policy: StarterPolicy): void {
  const reasons = new Map(
    policy.tools.map((tool) => [tool.name, `${tool.action}; toolrisk's rule: ${tool.reason}`]),
  );
  const tools = document.get('tools', true);
  if (isMap(tools))
    for (const pair of tools.items)
      if (isScalar(pair.key) && typeof pair.key.value === 'string') {
        const reason = reasons.get(pair.key.value);
        if (reason !== undefined) pair.key.commentBefore = ` ${commentSafe(reason)}`;
      }
  const hidden = document.get('hide', true);
  if (isSeq(hidden))
    for (const item of hidden.items)
      if (isScalar(item) && typeof item.value === 'string') {
        const reason = reasons.get(item.value);
        if (reason !== undefined) item.commentBefore = ` ${commentSafe(reason)}`;
      }
}
