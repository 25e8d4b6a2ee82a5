// The one decision model behind every client and gateway export: per tool allow / ask / deny / hide, and the fallback a format without a rule's feature gets.
import type { ArgumentRule, StarterPolicy, ToolPolicy } from './model.js';

/** The decisions an export can give a tool, loosest first. */
export const TOOL_DECISIONS = ['allow', 'ask', 'deny', 'hide'] as const;
/** One decision: run, run after a person approves, refuse, or refuse and keep out of the tool list. */
export type ToolDecision = (typeof TOOL_DECISIONS)[number];

/** What a file format can say about one tool; `allow` is always expressible. */
export interface FormatAbilities {
  /** The client asks a person before the call. */
  ask: boolean;
  /** The call is refused. */
  deny: boolean;
  /** The tool is kept out of `tools/list` (a refused tool the agent never sees). */
  hide: boolean;
  /** Why the format cannot carry rate limits and argument rules, when there is more to say than that it has no field for them. */
  constraintsWhy?: string;
  /** Whether the format can write this argument rule as a condition of an allow (ToolHive Cedar's `context.arg_<name>`). */
  carries?: (rule: ArgumentRule) => boolean;
}

/** One tool's decision in one format, with why, and what the format could not carry. */
export interface ExportedDecision {
  name: string;
  /** What toolrisk's model decides (before any format limits). */
  modelDecision: ToolDecision;
  /** What the file says. */
  decision: ToolDecision;
  /** The policy's one-sentence reason (level, category, factors, profile). */
  reason: string;
  /** Each rule the format cannot express and what the export did instead; empty when nothing was lost. */
  fallbacks: string[];
  /** True when the file is looser than the model (the format has nothing stricter): the file must say so loudly. */
  isWeaker: boolean;
  /** The argument rules an allow carries as its conditions (a call that fails one is refused); empty for most formats. */
  carried: ArgumentRule[];
}

const RANK: Record<ToolDecision, number> = { allow: 0, ask: 1, deny: 2, hide: 3 };

/** The stricter of two decisions. */
export function stricterOf(a: ToolDecision, b: ToolDecision): ToolDecision {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether `a` is at least as strict as `b`. */
export function isAtLeastAsStrict(a: ToolDecision, b: ToolDecision): boolean {
  return RANK[a] >= RANK[b];
}

/** The model's decision of one tool: the starter policy's action, with an allowed-but-constrained tool asking. */
export function decideTool(policy: ToolPolicy): ToolDecision {
  switch (policy.action) {
    case 'hide':
      return 'hide';
    case 'deny':
      return 'deny';
    case 'require_approval':
      return 'ask';
    case 'allow':
      return 'allow';
  }
}

/** The constraints of a tool's policy that no client or gateway format here can carry. */
function constraintsOf(policy: ToolPolicy): string[] {
  const constraints: string[] = [];
  if (policy.rateLimit) {
    constraints.push(`rate limit of ${policy.rateLimit.max} calls per ${policy.rateLimit.window}`);
  }
  for (const rule of policy.argumentRules) {
    const onFail = rule.onFail === 'deny' ? 'deny' : 'ask';
    constraints.push(`argument rule ${rule.name} on "${rule.parameter}" (else ${onFail})`);
  }
  return constraints;
}

/** The decision one step stricter than `decision` that the format can express, or null when it has none. */
function stricterExpressible(decision: ToolDecision, abilities: FormatAbilities): ToolDecision | null {
  const order: ToolDecision[] = ['ask', 'deny', 'hide'];
  for (const candidate of order) {
    if (RANK[candidate] < RANK[decision]) continue;
    if (candidate === 'ask' && abilities.ask) return 'ask';
    if (candidate === 'deny' && abilities.deny) return 'deny';
    if (candidate === 'hide' && abilities.hide) return 'hide';
  }
  return null;
}

/** The loosest-but-strictest decision the format has when it has nothing at least as strict as `decision`. */
function strictestExpressible(abilities: FormatAbilities): ToolDecision {
  if (abilities.hide) return 'hide';
  if (abilities.deny) return 'deny';
  return abilities.ask ? 'ask' : 'allow';
}

/** The argument rules the format carries as conditions of the tool's allow: all of them or none, and never with a rate limit. */
function carriedRules(policy: ToolPolicy, abilities: FormatAbilities): ArgumentRule[] {
  const { carries } = abilities;
  if (carries === undefined || policy.rateLimit !== undefined || policy.argumentRules.length === 0) return [];
  return policy.argumentRules.every((rule) => carries(rule)) ? policy.argumentRules : [];
}

/**
 * One tool's decision in a format. An allowed tool with a rate limit or argument rule the format cannot carry asks
 * instead (a person sees every call) and the fallback names the rule; on a tool that already asks, the approver is
 * told to check it. A format that carries every rule of an allowed tool (Cedar conditions) allows it under them. A
 * decision the format lacks goes to the nearest stricter one it has; when there is none (a client that can only
 * ask), the export is weaker than the model and says so.
 */
export function exportDecision(
  policy: ToolPolicy,
  format: string,
  abilities: FormatAbilities,
): ExportedDecision {
  const modelDecision = decideTool(policy);
  const fallbacks: string[] = [];
  const result = (
    decision: ToolDecision,
    isWeaker = false,
    carried: ArgumentRule[] = [],
  ): ExportedDecision => ({
    name: policy.name,
    modelDecision,
    decision,
    reason: policy.reason,
    fallbacks,
    isWeaker,
    carried,
  });
  let wanted = modelDecision;
  const carried = wanted === 'allow' ? carriedRules(policy, abilities) : [];
  if (carried.length > 0) {
    for (const rule of carried) {
      if (rule.onFail === 'require_approval' && !abilities.ask)
        fallbacks.push(`${format} has no "ask": a call failing argument rule ${rule.name} is denied instead`);
    }
    return result('allow', false, carried);
  }
  const constraints = constraintsOf(policy);
  const why = abilities.constraintsWhy === undefined ? '' : ` (${abilities.constraintsWhy})`;
  if (constraints.length > 0 && (wanted === 'allow' || wanted === 'ask')) {
    for (const constraint of constraints) {
      fallbacks.push(
        wanted === 'allow'
          ? `${format} cannot express the ${constraint}${why}: asks instead`
          : `${format} cannot express the ${constraint}${why}: the approver must check it`,
      );
    }
    wanted = 'ask';
  }
  if (wanted === 'allow') return result('allow');
  if (wanted === 'hide' && !abilities.hide && abilities.deny) {
    // Refused either way; only the tool's visibility differs, so deny is the nearest rule and the note says what is lost.
    fallbacks.push(`${format} cannot hide a tool: denied, but the agent may still see its description`);
    return result('deny');
  }
  const stricter = stricterExpressible(wanted, abilities);
  if (stricter !== null) {
    if (stricter !== wanted) fallbacks.push(`${format} has no "${wanted}": ${stricter} instead`);
    return result(stricter);
  }
  const weaker = strictestExpressible(abilities);
  fallbacks.push(
    `NOT ENFORCED: ${format} has no "${wanted}" nor anything stricter; this file can only make it ${weaker}. ` +
      'Disable or remove the tool in the client or put a gateway in front',
  );
  return result(weaker, true);
}

/** Every tool's decision of a policy in one format, in the policy's order. */
export function exportDecisions(
  policy: StarterPolicy,
  format: string,
  abilities: FormatAbilities,
): ExportedDecision[] {
  return policy.tools.map((tool) => exportDecision(tool, format, abilities));
}
