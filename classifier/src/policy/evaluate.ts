// Deciding one tools/call against a parsed policy (either format): hidden first, then default deny, pins, rules and rate windows.
import { ToolriskClassifierError } from '../errors.js';
import type {
  Condition,
  PolicyCall,
  PolicyCounters,
  PolicyDecision,
  RateWindow,
  StarterPolicy,
} from './model.js';
import { buildGatewayPolicy } from './render-json.js';
import type {
  GatewayCondition,
  GatewayLimit,
  GatewayPolicy,
  InterceptPolicy,
  InterceptRule,
} from './schemas.js';
import { parseGatewayPolicy, parseInterceptPolicy } from './schemas.js';

const WINDOW_MS: Record<RateWindow, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The key a counter is stored under: its name and the start of the window `now` falls in (UTC). */
export function counterKey(counter: string, window: RateWindow, now: Date): string {
  const size = WINDOW_MS[window];
  const start = Math.floor(now.getTime() / size) * size;
  return `${counter}@${window}@${new Date(start).toISOString()}`;
}

function isCounterMap(counters: PolicyCounters): counters is ReadonlyMap<string, number> {
  return counters instanceof Map;
}

function countOf(counters: PolicyCounters, key: string): number {
  if (isCounterMap(counters)) return counters.get(key) ?? 0;
  const value = Object.hasOwn(counters, key) ? counters[key] : undefined;
  return typeof value === 'number' ? value : 0;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ABSENT = Symbol('absent');

function resolvePath(args: Record<string, unknown>, path: string): unknown {
  let current: unknown = args;
  for (const segment of path.split('.').slice(1)) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return ABSENT;
    current = current[segment];
  }
  return current;
}

function isEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  return (
    typeof left === 'object' && typeof right === 'object' && JSON.stringify(left) === JSON.stringify(right)
  );
}

/** Every element of an array argument must pass; a scalar is a one-element list. */
function everyItem(actual: unknown, test: (item: unknown) => boolean): boolean {
  const items = Array.isArray(actual) ? actual : [actual];
  return items.length > 0 && items.every(test);
}

function compileRegex(pattern: unknown): RegExp {
  if (typeof pattern !== 'string') throw new TypeError('regex value must be a string');
  return new RegExp(pattern);
}

/** Whether one condition holds for a call's arguments (absent arguments fail every test but `exists: false`). */
export function conditionHolds(condition: Condition, args: Record<string, unknown>): boolean {
  const actual = resolvePath(args, condition.path);
  const { op, value } = condition;
  if (op === 'exists') return (actual !== ABSENT) === (value !== false);
  if (op === 'neq') return !conditionHolds({ ...condition, op: 'eq' }, args);
  if (op === 'not_in') return !conditionHolds({ ...condition, op: 'in' }, args);
  if (actual === ABSENT) return false;
  switch (op) {
    case 'eq':
      return isEqual(actual, value);
    case 'in':
      return (
        Array.isArray(value) && everyItem(actual, (item) => value.some((allowed) => isEqual(item, allowed)))
      );
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return typeof actual === 'number' && typeof value === 'number' && compare(op, actual, value);
    case 'regex': {
      const pattern = compileRegex(value);
      return everyItem(actual, (item) => typeof item === 'string' && pattern.test(item));
    }
    case 'contains':
      if (typeof actual === 'string') return typeof value === 'string' && actual.includes(value);
      return Array.isArray(actual) && actual.some((item) => isEqual(item, value));
  }
}

function compare(op: 'lt' | 'lte' | 'gt' | 'gte', actual: number, limit: number): boolean {
  if (op === 'lt') return actual < limit;
  if (op === 'lte') return actual <= limit;
  if (op === 'gt') return actual > limit;
  return actual >= limit;
}

function allHold(conditions: readonly Condition[], args: Record<string, unknown>): boolean {
  return conditions.every((condition) => conditionHolds(condition, args));
}

function gatewayHolds(condition: GatewayCondition, args: Record<string, unknown>): boolean {
  const { negate, ...test } = condition;
  return conditionHolds(test, args) !== (negate === true);
}

function deny(rule: string, reason: string): PolicyDecision {
  return { decision: 'deny', rule, reason, countersToIncrement: [] };
}

/** Hidden first, then default deny for unlisted tools, then the definition pin (shared by both formats). */
function gate(
  policy: { default: 'allow' | 'deny'; hide?: string[] | undefined },
  listed: { pin?: { definition_sha256: string } | undefined } | undefined,
  call: PolicyCall,
): PolicyDecision | undefined {
  if (policy.hide?.includes(call.tool)) {
    return {
      decision: 'hidden',
      rule: 'hide',
      reason: `tool "${call.tool}" is hidden`,
      countersToIncrement: [],
    };
  }
  if (listed === undefined && policy.default === 'deny') {
    return deny('default', `tool "${call.tool}" is not in the policy and the default is deny`);
  }
  const pinned = listed?.pin?.definition_sha256;
  if (pinned !== undefined && call.definitionHash !== pinned) {
    const supplied =
      call.definitionHash === undefined
        ? 'no definition hash was supplied'
        : `its definition is now ${call.definitionHash}`;
    return deny(
      'pin',
      `tool "${call.tool}" was reviewed at definition ${pinned}; ${supplied}: review it again`,
    );
  }
  return undefined;
}

function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function evaluateGateway(
  policy: GatewayPolicy,
  call: PolicyCall,
  counters: PolicyCounters,
  now: Date,
): PolicyDecision {
  const tool = own(policy.tools, call.tool);
  const gated = gate(policy, tool, call);
  if (gated) return gated;
  for (const [index, entry] of (tool?.deny_if ?? []).entries()) {
    if (entry.conditions.every((condition) => gatewayHolds(condition, call.args)))
      return deny(`deny_if[${index}]`, entry.on_deny);
  }
  const limits: GatewayLimit[] = [...(policy.all_tools?.limits ?? []), ...(tool?.limits ?? [])];
  const countersToIncrement: string[] = [];
  for (const limit of limits) {
    const key = counterKey(limit.counter, limit.window, now);
    if (countOf(counters, key) >= limit.max) {
      return deny(
        `limit:${limit.counter}`,
        limit.on_deny ?? `at most ${limit.max} calls per ${limit.window}`,
      );
    }
    countersToIncrement.push(key);
  }
  for (const [index, requirement] of (tool?.require ?? []).entries()) {
    const exempt = requirement.unless?.every((c) => gatewayHolds(c, call.args)) === true;
    if (!exempt)
      return {
        decision: 'require_approval',
        rule: `require[${index}]`,
        reason: requirement.reason,
        countersToIncrement,
      };
  }
  return { decision: 'allow', countersToIncrement };
}

function evaluateIntercept(
  policy: InterceptPolicy,
  call: PolicyCall,
  counters: PolicyCounters,
  now: Date,
): PolicyDecision {
  const tool = own(policy.tools, call.tool);
  const gated = gate(policy, tool, call);
  if (gated) return gated;
  const scoped: [string, InterceptRule][] = [
    ...(tool?.rules ?? []).map((rule): [string, InterceptRule] => [call.tool, rule]),
    ...(own(policy.tools, '*')?.rules ?? []).map((rule): [string, InterceptRule] => ['*', rule]),
  ];
  const countersToIncrement: string[] = [];
  let approval: PolicyDecision | undefined;
  for (const [scope, rule] of scoped) {
    const reason = rule.on_deny ?? `rule "${rule.name}"`;
    const conditions = rule.conditions ?? [];
    const action = rule.action ?? 'evaluate';
    // evaluate: the conditions are what a passing call looks like. deny / require_approval: they exempt a call; none means always.
    const passes =
      action === 'evaluate'
        ? allHold(conditions, call.args)
        : conditions.length > 0 && allHold(conditions, call.args);
    if (!passes && action !== 'require_approval') return deny(rule.name, reason);
    if (rule.rate_limit !== undefined) {
      const [max, window] = parseRateLimit(rule.rate_limit);
      const key = counterKey(`${scope}/${rule.name}`, window, now);
      if (countOf(counters, key) >= max) return deny(rule.name, reason);
      countersToIncrement.push(key);
    }
    if (!passes && approval === undefined) {
      approval = { decision: 'require_approval', rule: rule.name, reason, countersToIncrement: [] };
    }
  }
  return approval ? { ...approval, countersToIncrement } : { decision: 'allow', countersToIncrement };
}

function parseRateLimit(text: string): [number, RateWindow] {
  const [count, window] = text.split('/');
  const known = (['minute', 'hour', 'day'] as const).find((candidate) => candidate === window);
  return [Number(count), known ?? 'minute'];
}

/** Every regex of a policy compiles, or POLICY_INVALID naming the bad one. */
function assertRegexesCompile(conditions: Iterable<Condition>): void {
  for (const condition of conditions) {
    if (condition.op !== 'regex') continue;
    try {
      compileRegex(condition.value);
    } catch (error) {
      throw new ToolriskClassifierError(
        'POLICY_INVALID',
        `invalid policy: regex ${JSON.stringify(condition.value)} at ${condition.path} does not compile`,
        {
          cause: error,
        },
      );
    }
  }
}

/** A policy ready to evaluate: its format and validated document. */
export type ParsedPolicy =
  | { format: 'json'; policy: GatewayPolicy }
  | { format: 'yaml'; policy: InterceptPolicy };

function isStarterPolicy(value: unknown): value is StarterPolicy {
  return isObject(value) && typeof value.profile === 'string' && Array.isArray(value.tools);
}

/** Validates a policy of either format (a parsed JSON/YAML document, or a StarterPolicy); throws POLICY_INVALID. */
export function parsePolicy(value: unknown): ParsedPolicy {
  if (isStarterPolicy(value)) return { format: 'json', policy: buildGatewayPolicy(value) };
  const tools = isObject(value) && isObject(value.tools) ? Object.values(value.tools) : [];
  if (tools.some((tool) => isObject(tool) && Object.hasOwn(tool, 'rules'))) {
    const policy = parseInterceptPolicy(value);
    assertRegexesCompile(
      Object.values(policy.tools).flatMap((tool) => tool.rules.flatMap((rule) => rule.conditions ?? [])),
    );
    return { format: 'yaml', policy };
  }
  const policy = parseGatewayPolicy(value);
  assertRegexesCompile(
    Object.values(policy.tools).flatMap((tool) => [
      ...(tool.deny_if ?? []).flatMap((entry) => entry.conditions),
      ...(tool.require ?? []).flatMap((requirement) => requirement.unless ?? []),
    ]),
  );
  return { format: 'json', policy };
}

/** Decides one tools/call against an already parsed policy (parse once, decide many). */
export function evaluateParsedCall(
  parsed: ParsedPolicy,
  call: PolicyCall,
  counters: PolicyCounters,
  now: Date,
): PolicyDecision {
  return parsed.format === 'json'
    ? evaluateGateway(parsed.policy, call, counters, now)
    : evaluateIntercept(parsed.policy, call, counters, now);
}

/** Decides one tools/call against a policy at `now`; the caller bumps `countersToIncrement` if it forwards the call. */
export function evaluateCall(
  policy: unknown,
  call: PolicyCall,
  counters: PolicyCounters,
  now: Date,
): PolicyDecision {
  return evaluateParsedCall(parsePolicy(policy), call, counters, now);
}
