// Argument rules in ToolHive Cedar: for random tools and random calls with random arguments, the Cedar engine (cedar-wasm) decides each call as the decision model does, with the arguments passed the way ToolHive passes them.
import { isAuthorized, preparsePolicySet, statefulIsAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/prng.js';
import type { Category, Classification, RiskFactor } from '../types.js';
import { RISK_LEVELS } from '../types.js';
import { RECIPIENT_PLACEHOLDER } from './argument-rules.js';
import { decideTool } from './decisions.js';
import { evaluateCall } from './evaluate.js';
import type { PolicyInput, StarterPolicy, ToolPolicy } from './model.js';
import { POLICY_PROFILES } from './model.js';
import { recommendPolicy } from './recommend.js';
import { renderPolicy } from './render.js';
import { toolhiveContext } from './toolhive-context.js';

/** The operators Cedar can test on ToolHive's context: numeric comparisons and allow-lists; never a regex. */
const CEDAR_OPS = new Set(['lt', 'lte', 'gt', 'gte', 'in']);

/**
 * The model's decision of a call in Cedar, written from the rules: Cedar has no ask and no counters, so only
 * a call the model allows outright can be permitted, and only when every rule of the tool is one Cedar can test; a
 * list argument under an allow-list rule reaches Cedar only as present, so such a call is refused.
 */
function modelInCedar(
  policy: StarterPolicy,
  tool: ToolPolicy,
  args: Record<string, unknown>,
): 'allow' | 'deny' {
  const model = evaluateCall(policy, { tool: tool.name, args }, {}, new Date(0)).decision;
  const carried =
    decideTool(tool) === 'allow' &&
    tool.rateLimit === undefined &&
    tool.argumentRules.every((rule) => rule.conditions.every((condition) => CEDAR_OPS.has(condition.op)));
  const listUnderAllowList = tool.argumentRules.some(
    (rule) =>
      rule.conditions.some((condition) => condition.op === 'in') && Array.isArray(args[rule.parameter]),
  );
  return model === 'allow' && carried && !listUnderAllowList ? 'allow' : 'deny';
}

const PARAMETERS: Record<string, unknown> = {
  amount: { type: 'number' },
  to: { type: 'string' },
  url: { type: 'string' },
  path: { type: 'string' },
};
const VALUES: Record<string, readonly unknown[]> = {
  amount: [0, 5, 10, 10.01, 99.99, 100, 100.5, 101, 1000, 1000.01, 5000, -3, '5', true, null, [5]],
  to: [RECIPIENT_PLACEHOLDER, 'x@evil.test', '', [RECIPIENT_PLACEHOLDER], [], ['x@evil.test'], 5, null],
  url: ['https://REPLACE_WITH_ALLOWED_HOST/x', 'http://evil.test'],
  path: ['/REPLACE_WITH_ALLOWED_ROOT/a', '/etc/passwd'],
};

function randomTools(next: () => number): PolicyInput[] {
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('empty');
    return item;
  };
  return Array.from({ length: 1 + Math.floor(next() * 6) }, (_, index) => {
    const category: Category = pick(['Read', 'Write', 'Execute'] as const);
    const factors: RiskFactor[] = [
      ...(next() < 0.6 ? (['financial'] as const) : []),
      ...(next() < 0.6 ? (['external_comm'] as const) : []),
    ];
    const classification: Classification = {
      category,
      risk: pick(RISK_LEVELS),
      factors,
      confidence: 0.9,
      rationale: 'generated',
      evidence: [],
      fiveClass: category,
      classifierVersion: 'property',
    };
    const properties = Object.fromEntries(
      Object.entries(PARAMETERS).filter(
        ([name]) => next() < (name === 'amount' || name === 'to' ? 0.7 : 0.15),
      ),
    );
    return { name: `tool_${index}`, classification, inputSchema: { type: 'object', properties } };
  });
}

describe('Cedar carries argument rules as ToolHive context conditions', () => {
  it('decides 5,000 random calls with random arguments as the model does (cedar-wasm)', () => {
    const next = seededRandom(16_003);
    let calls = 0;
    let permittedUnderRules = 0;
    for (let world = 0; world < 100; world += 1) {
      const profile = POLICY_PROFILES[world % POLICY_PROFILES.length] ?? 'balanced';
      const policy = recommendPolicy(randomTools(next), { profile, serverName: 'payments' });
      const id = `world-${world}`;
      expect(preparsePolicySet(id, { staticPolicies: renderPolicy(policy, 'cedar') }).type).toBe('success');
      for (let call = 0; call < 50; call += 1) {
        const tool = policy.tools[Math.floor(next() * policy.tools.length)];
        if (tool === undefined) continue;
        const args: Record<string, unknown> = {};
        for (const [name, values] of Object.entries(VALUES))
          if (next() < 0.8) args[name] = values[Math.floor(next() * values.length)];
        const answer = statefulIsAuthorized({
          principal: { type: 'Client', id: 'agent' },
          action: { type: 'Action', id: 'call_tool' },
          resource: { type: 'Tool', id: tool.name },
          context: toolhiveContext(args),
          preparsedPolicySetId: id,
          entities: [],
        });
        if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
        const expected = modelInCedar(policy, tool, args);
        expect(answer.response.decision, `${profile} ${tool.name} ${JSON.stringify(args)}`).toBe(expected);
        if (expected === 'allow' && tool.argumentRules.length > 0) permittedUnderRules += 1;
        calls += 1;
      }
    }
    expect(calls).toBe(5_000);
    // The property is not vacuous: many calls pass only because their arguments pass a carried rule.
    expect(permittedUnderRules).toBeGreaterThan(100);
  });

  it('writes an amount cap as a decimal comparison on context.arg_amount and says what ToolHive cannot pass', () => {
    const policy = recommendPolicy(
      [
        {
          name: 'pay',
          classification: {
            category: 'Write',
            risk: 'Low',
            factors: ['financial'],
            confidence: 0.9,
            rationale: 'generated',
            evidence: [],
            fiveClass: 'Write',
            classifierVersion: 'property',
          },
          inputSchema: { type: 'object', properties: { amount: { type: 'number' } } },
        },
      ],
      { serverName: 's' },
    );
    const text = renderPolicy(policy, 'cedar');
    expect(text).toContain(
      'when {\n  context has "arg_amount" && context["arg_amount"].lessThanOrEqual(decimal("100.0000"))\n}',
    );
    expect(text).toContain('compared at four places');
    const decide = (amount: unknown) => {
      const answer = isAuthorized({
        principal: { type: 'Client', id: 'agent' },
        action: { type: 'Action', id: 'call_tool' },
        resource: { type: 'Tool', id: 'pay' },
        context: toolhiveContext({ amount }),
        policies: { staticPolicies: text },
        entities: [],
      });
      if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
      return answer.response.decision;
    };
    expect([decide(100), decide(100.01), decide('5'), decide(undefined)]).toEqual([
      'allow',
      'deny',
      'deny',
      'deny',
    ]);
  });
});
