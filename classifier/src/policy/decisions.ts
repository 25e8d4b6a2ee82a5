// The one decision model behind every client and gateway export: per tool allow / ask / deny / hide, and the fallback a format without a rule's feature gets.
import type { StarterPolicy, ToolPolicy } from './model.js';

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

/**
 * One tool's decision in a format. Rate limits and argument rules are carried by no format here, so an allowed
 * tool that has one asks instead (a person sees every call) and the fallback names the rule; on a tool that already
 * asks, the approver is told to check it. A decision the format lacks goes to the nearest stricter one it has; when
 * there is none (a client that can only ask), the export is weaker than the model and says so.
 */
export function exportDecision(
  policy: ToolPolicy,
  format: string,
  abilities: FormatAbilities,
): ExportedDecision {
  const modelDecision = decideTool(policy);
  const fallbacks: string[] = [];
  let wanted = modelDecision;
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
  if (wanted === 'allow') {
    return {
      name: policy.name,
      modelDecision,
      decision: 'allow',
      reason: policy.reason,
      fallbacks,
      isWeaker: false,
    };
  }
  if (wanted === 'hide' && !abilities.hide && abilities.deny) {
    // Refused either way; only the tool's visibility differs, so deny is the nearest rule and the note says what is lost.
    fallbacks.push(`${format} cannot hide a tool: denied, but the agent may still see its description`);
    return {
      name: policy.name,
      modelDecision,
      decision: 'deny',
      reason: policy.reason,
      fallbacks,
      isWeaker: false,
    };
  }
  const stricter = stricterExpressible(wanted, abilities);
  if (stricter !== null) {
    if (stricter !== wanted) fallbacks.push(`${format} has no "${wanted}": ${stricter} instead`);
    return {
      name: policy.name,
      modelDecision,
      decision: stricter,
      reason: policy.reason,
      fallbacks,
      isWeaker: false,
    };
  }
  const weaker = strictestExpressible(abilities);
  fallbacks.push(
    `NOT ENFORCED: ${format} has no "${wanted}" nor anything stricter; this file can only make it ${weaker}. ` +
      'Disable or remove the tool in the client or put a gateway in front',
  );
  return {
    name: policy.name,
    modelDecision,
    decision: weaker,
    reason: policy.reason,
    fallbacks,
    isWeaker: true,
  };
}

/** Every tool's decision of a policy in one format, in the policy's order. */
export function exportDecisions(
  policy: StarterPolicy,
  format: string,
  abilities: FormatAbilities,
): ExportedDecision[] {
  return policy.tools.map((tool) => exportDecision(tool, format, abilities));
}

/**
 * Merges decisions whose exported names collide (two MCP names a format maps to one): the strictest wins for all,
 * and each says which names share its entry, so none is silently dropped.
 */
export function mergeCollisions(
  decisions: readonly ExportedDecision[],
  keyOf: (name: string) => string,
): Map<string, ExportedDecision> {
  const byKey = new Map<string, ExportedDecision[]>();
  for (const decision of decisions) {
    const key = keyOf(decision.name);
    byKey.set(key, [...(byKey.get(key) ?? []), decision]);
  }
  const merged = new Map<string, ExportedDecision>();
  for (const [key, group] of byKey) {
    const first = group[0];
    if (first === undefined) continue;
    if (group.length === 1) {
      merged.set(key, first);
      continue;
    }
    const decision = group.map((item) => item.decision).reduce(stricterOf);
    const names = group.map((item) => JSON.stringify(item.name)).join(', ');
    merged.set(key, {
      ...first,
      name: group.map((item) => item.name).join(' | '),
      decision,
      isWeaker: group.some((item) => item.isWeaker),
      reason: group.map((item) => `${item.name}: ${item.reason}`).join('; '),
      fallbacks: [
        `tools ${names} map to the same name here: the strictest decision (${decision}) applies to all`,
        ...group.flatMap((item) => item.fallbacks),
      ],
    });
  }
  return merged;
}
