// The starter-policy domain: what toolrisk recommends per tool, independent of any gateway's file format.
import type { Category, Classification, RiskFactor, RiskLevel } from '../types.js';

/** The profiles a starter policy can be generated for, strictest first. */
export const POLICY_PROFILES = ['strict', 'balanced', 'permissive'] as const;
/** How far every row of the taxonomy's starter-policy table is shifted. */
export type PolicyProfile = (typeof POLICY_PROFILES)[number];

/** The file formats a starter policy renders to. */
export const POLICY_FORMATS = [
  'json',
  'yaml',
  'claude-code',
  'codex',
  'cursor',
  'vscode',
  'cedar',
  'agentgateway',
] as const;
/** A rendered format: hosted gateway JSON, Intercept-style YAML, or a client's or gateway's own policy file. */
export type PolicyFormat = (typeof POLICY_FORMATS)[number];

/** The comparison operators a condition may use (Intercept-style). */
export const CONDITION_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'lt',
  'lte',
  'gt',
  'gte',
  'regex',
  'contains',
  'exists',
] as const;
/** One comparison operator. */
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** The windows a rate limit counts over. */
export const RATE_WINDOWS = ['minute', 'hour', 'day'] as const;
/** One rate-limit window. */
export type RateWindow = (typeof RATE_WINDOWS)[number];

/** A test on one call argument, e.g. `{path: 'args.amount', op: 'lte', value: 100}`. */
export interface Condition {
  /** Dotted path into the call: `args.<name>[.<name>...]`. */
  path: string;
  op: ConditionOp;
  value?: unknown;
}

/** At most `max` calls per `window`, counted under `counter`. */
export interface RateLimit {
  counter: string;
  window: RateWindow;
  max: number;
}

/** What a call that passes no other check gets: the base of a tool's policy. */
export type ToolAction = 'allow' | 'require_approval' | 'deny' | 'hide';

/** The kinds of argument-level rules toolrisk recommends. */
export type ArgumentRuleKind =
  | 'sql_read_only'
  | 'amount_cap'
  | 'path_roots'
  | 'recipient_allow_list'
  | 'url_allow_list';

/**
 * A check on the arguments: a call passes when every condition holds; otherwise it is denied,
 * or (`onFail: 'require_approval'`) sent for approval.
 */
export interface ArgumentRule {
  name: string;
  kind: ArgumentRuleKind;
  /** The parameter the rule reads, as named in the input schema. */
  parameter: string;
  conditions: Condition[];
  onFail: 'deny' | 'require_approval';
  /** True when a condition holds a placeholder the operator must fill before relying on it. */
  isPlaceholder: boolean;
  reason: string;
}

/** The recommended policy of one tool, with the classification facts it was derived from. */
export interface ToolPolicy {
  name: string;
  category: Category;
  level: RiskLevel;
  factors: RiskFactor[];
  action: ToolAction;
  /** Why the action was chosen: the level, profile and factors, in one sentence. */
  reason: string;
  rateLimit?: RateLimit;
  argumentRules: ArgumentRule[];
  /** sha256 of the reviewed definition; a call presenting another hash is refused. */
  definitionSha256?: string;
}

/** A starter policy for one server: every tool's recommendation under one profile. */
export interface StarterPolicy {
  version: '1';
  profile: PolicyProfile;
  serverName?: string;
  /** Starter policies are always default-deny: a tool added after review is refused until reviewed. */
  default: 'deny';
  tools: ToolPolicy[];
}

/** One tool to recommend a policy for: its name, its classification and optionally its definition. */
export interface PolicyInput {
  name: string;
  classification: Classification;
  definitionHash?: string;
  inputSchema?: unknown;
}

/** Options of `recommendPolicy`. */
export interface RecommendOptions {
  profile?: string;
  pin?: boolean;
  serverName?: string;
}

/** The verdict on one `tools/call`, and the counters the gateway must bump if it forwards the call. */
export interface PolicyDecision {
  decision: 'allow' | 'deny' | 'require_approval' | 'hidden';
  rule?: string;
  reason?: string;
  countersToIncrement: string[];
}

/** One `tools/call` as the gateway sees it. */
export interface PolicyCall {
  tool: string;
  args: Record<string, unknown>;
  definitionHash?: string;
}

/** Calls counted so far, keyed by `counterKey(counter, window, now)`. */
export type PolicyCounters = Readonly<Record<string, number>> | ReadonlyMap<string, number>;
