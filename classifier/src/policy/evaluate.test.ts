import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { conditionHolds, counterKey, evaluateCall, parsePolicy } from './evaluate.js';
import type { ConditionOp, PolicyDecision } from './model.js';

const NOW = new Date('2026-03-04T10:20:30Z');

const INTERCEPT_YAML = `
version: "1"
default: allow
hide: [secret_tool]
tools:
  secret_tool:
    rules: []
  create_issue:
    rules:
      - name: hourly
        rate_limit: 2/hour
        on_deny: two issues an hour
      - name: no-prod
        conditions:
          - path: args.repo
            op: neq
            value: prod
        on_deny: not in prod
  delete_repo:
    rules:
      - name: block
        action: deny
        on_deny: never delete repos
  deploy:
    rules:
      - name: approve
        action: require_approval
        approval_timeout: 5m
        on_deny: deploys need a human
  "*":
    rules:
      - name: global
        rate_limit: 100/minute
`;

function forward(decision: PolicyDecision, counters: Map<string, number>): void {
  for (const key of decision.countersToIncrement) counters.set(key, (counters.get(key) ?? 0) + 1);
}

describe('Intercept-style semantics', () => {
  const policy = parse(INTERCEPT_YAML);
  const call = (tool: string, args: Record<string, unknown> = {}, counters = new Map<string, number>()) =>
    evaluateCall(policy, { tool, args }, counters, NOW);

  it('refuses hidden tools first, even when they are listed', () => {
    expect(call('secret_tool')).toMatchObject({ decision: 'hidden', rule: 'hide' });
  });

  it('allows an unlisted tool under default allow, still under the "*" rules', () => {
    expect(call('anything').decision).toBe('allow');
    expect(call('anything').countersToIncrement).toEqual([counterKey('*/global', 'minute', NOW)]);
  });

  it('refuses an unlisted tool under default deny', () => {
    const strict = { ...policy, default: 'deny' };
    expect(evaluateCall(strict, { tool: 'anything', args: {} }, {}, NOW)).toMatchObject({
      decision: 'deny',
      rule: 'default',
    });
  });

  it('denies when an evaluate rule fails, with its on_deny', () => {
    expect(call('create_issue', { repo: 'prod' })).toMatchObject({
      decision: 'deny',
      rule: 'no-prod',
      reason: 'not in prod',
    });
    expect(call('create_issue', { repo: 'dev' }).decision).toBe('allow');
  });

  it('applies deny and require_approval rules without conditions always', () => {
    expect(call('delete_repo')).toMatchObject({ decision: 'deny', reason: 'never delete repos' });
    expect(call('deploy')).toMatchObject({ decision: 'require_approval', rule: 'approve' });
  });

  it('trips a rate limit on call max+1 and resets in the next window', () => {
    const counters = new Map<string, number>();
    for (let i = 0; i < 2; i += 1) {
      const decision = call('create_issue', { repo: 'dev' }, counters);
      expect(decision.decision).toBe('allow');
      forward(decision, counters);
    }
    expect(call('create_issue', { repo: 'dev' }, counters)).toMatchObject({
      decision: 'deny',
      rule: 'hourly',
    });
    const nextHour = new Date('2026-03-04T11:00:00Z');
    expect(
      evaluateCall(policy, { tool: 'create_issue', args: { repo: 'dev' } }, counters, nextHour).decision,
    ).toBe('allow');
  });
});

describe('hosted gateway semantics', () => {
  const policy = {
    version: '1',
    default: 'deny',
    hide: ['ghost'],
    all_tools: { limits: [{ counter: 'all', window: 'day', max: 1000, scope: 'grant' }] },
    tools: {
      ghost: {},
      read: {},
      transfer: {
        deny_if: [
          { conditions: [{ path: 'args.amount', op: 'lte', value: 50, negate: true }], on_deny: 'over 50' },
        ],
        require: [{ type: 'approval', reason: 'money moves' }],
        limits: [{ counter: 'transfer_rate', window: 'minute', max: 1, scope: 'grant' }],
      },
    },
  };

  it('allows an empty tool entry and refuses an unlisted one', () => {
    expect(evaluateCall(policy, { tool: 'read', args: {} }, {}, NOW).decision).toBe('allow');
    expect(evaluateCall(policy, { tool: 'write', args: {} }, {}, NOW).decision).toBe('deny');
    expect(evaluateCall(policy, { tool: 'ghost', args: {} }, {}, NOW).decision).toBe('hidden');
  });

  it('denies before asking for approval, and counts an approved call', () => {
    expect(evaluateCall(policy, { tool: 'transfer', args: { amount: 51 } }, {}, NOW)).toMatchObject({
      decision: 'deny',
      reason: 'over 50',
    });
    const approved = evaluateCall(policy, { tool: 'transfer', args: { amount: 50 } }, {}, NOW);
    expect(approved.decision).toBe('require_approval');
    expect(approved.countersToIncrement).toEqual([
      counterKey('all', 'day', NOW),
      counterKey('transfer_rate', 'minute', NOW),
    ]);
    const counters = { [counterKey('transfer_rate', 'minute', NOW)]: 1 };
    expect(evaluateCall(policy, { tool: 'transfer', args: { amount: 5 } }, counters, NOW).rule).toBe(
      'limit:transfer_rate',
    );
  });

  it('does not mistake inherited object keys for tools', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(evaluateCall(policy, { tool: name, args: {} }, {}, NOW)).toMatchObject({
        decision: 'deny',
        rule: 'default',
      });
    }
  });
});

describe('conditions', () => {
  const holds = (op: ConditionOp, actual: unknown, value?: unknown) =>
    conditionHolds({ path: 'args.x', op, value }, actual === undefined ? {} : { x: actual });

  it('implements every operator', () => {
    expect(holds('eq', 'a', 'a')).toBe(true);
    expect(holds('eq', { b: [1] }, { b: [1] })).toBe(true);
    expect(holds('neq', 'a', 'b')).toBe(true);
    expect(holds('in', 'a', ['a', 'b'])).toBe(true);
    expect(holds('in', ['a', 'c'], ['a', 'b'])).toBe(false);
    expect(holds('not_in', 'c', ['a', 'b'])).toBe(true);
    expect(holds('lt', 1, 2) && holds('lte', 2, 2) && holds('gt', 3, 2) && holds('gte', 2, 2)).toBe(true);
    expect(holds('lte', '1', 2)).toBe(false);
    expect(holds('regex', 'abc', '^a')).toBe(true);
    expect(holds('contains', 'abc', 'b') && holds('contains', ['x', 'y'], 'y')).toBe(true);
    expect(holds('exists', 0) && holds('exists', undefined, false)).toBe(true);
  });

  it('fails every test on an absent argument but exists:false and the negations', () => {
    for (const op of ['eq', 'in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists'] as const)
      expect(holds(op, undefined, 1)).toBe(false);
    expect(holds('neq', undefined, 1) && holds('not_in', undefined, [1])).toBe(true);
  });

  it('reads nested paths without walking the prototype', () => {
    expect(conditionHolds({ path: 'args.a.b', op: 'eq', value: 1 }, { a: { b: 1 } })).toBe(true);
    expect(conditionHolds({ path: 'args.a.constructor', op: 'exists' }, { a: {} })).toBe(false);
  });
});

describe('invalid policies', () => {
  it.each([
    ['not an object', 'nope'],
    ['a wrong version', { version: '2', default: 'deny', tools: {} }],
    [
      'an unknown op',
      {
        version: '1',
        default: 'deny',
        tools: { t: { rules: [{ name: 'r', conditions: [{ path: 'args.x', op: 'like' }] }] } },
      },
    ],
    [
      'a bad rate limit',
      {
        version: '1',
        default: 'deny',
        tools: { t: { rules: [{ name: 'r', rate_limit: '10 per minute' }] } },
      },
    ],
    [
      'a regex that does not compile',
      {
        version: '1',
        default: 'deny',
        tools: { t: { rules: [{ name: 'r', conditions: [{ path: 'args.x', op: 'regex', value: '(' }] }] } },
      },
    ],
    ['an unknown key', { version: '1', default: 'deny', tools: { t: { allow: true } } }],
    [
      'a tool name with a newline and a bad entry',
      { version: '1', default: 'deny', tools: { 'a\nb': { deny_if: 'x' } } },
    ],
  ])('refuses %s with POLICY_INVALID', (_, policy) => {
    expect(() => parsePolicy(policy)).toThrow(expect.objectContaining({ code: 'POLICY_INVALID' }));
    expect(() => evaluateCall(policy, { tool: 't', args: {} }, {}, NOW)).toThrow(/invalid/);
  });

  it('names the offending field', () => {
    expect(() => parsePolicy({ version: '1', default: 'maybe', tools: {} })).toThrow(/\/default/);
  });
});

describe('counter keys', () => {
  it('key by counter name and window start', () => {
    expect(counterKey('c', 'minute', NOW)).toBe('c@minute@2026-03-04T10:20:00.000Z');
    expect(counterKey('c', 'hour', NOW)).toBe('c@hour@2026-03-04T10:00:00.000Z');
    expect(counterKey('c', 'day', NOW)).toBe('c@day@2026-03-04T00:00:00.000Z');
  });
});
