import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seededRandom } from '../../test/prng.js';
import type { Category, Classification, RiskFactor } from '../types.js';
import { RISK_FACTORS, RISK_LEVELS } from '../types.js';
import { evaluateCall, evaluateParsedCall, type ParsedPolicy, parsePolicy } from './evaluate.js';
import type { PolicyCall, PolicyDecision, PolicyInput, PolicyProfile, StarterPolicy } from './model.js';
import { recommendPolicy } from './recommend.js';
import { toGatewayJson } from './render-json.js';
import { toInterceptYaml } from './render-yaml.js';

interface Gen {
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  int: (max: number) => number;
}

function gen(seed: number): Gen {
  const next = seededRandom(seed);
  const int = (max: number) => Math.floor(next() * max);
  return {
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

const NAME_PARTS = [
  'get',
  'delete',
  'run',
  'send',
  'a: b',
  'yes',
  '漢字',
  '😀',
  'q\'"',
  '__proto__',
  ' ',
  '\n',
  '*',
];
const PARAMETERS: Record<string, unknown> = {
  sql: { type: 'string' },
  amount: { type: 'number' },
  path: { type: 'string' },
  to: { type: 'array' },
  url: { type: 'string' },
  limit: { type: 'integer' },
};
const ARG_VALUES: Record<string, unknown[]> = {
  sql: ['SELECT 1', 'DROP TABLE t', 'select 1; delete from t'],
  amount: [5, 50, 500, 5000, '5'],
  path: ['/REPLACE_WITH_ALLOWED_ROOT/a', '/etc/passwd', '/REPLACE_WITH_ALLOWED_ROOT/../x'],
  to: [['REPLACE_WITH_ALLOWED_RECIPIENT'], ['x@evil.test']],
  url: ['https://REPLACE_WITH_ALLOWED_HOST/x', 'http://evil.test'],
  limit: [1, 10_000],
};

function randomClassification(g: Gen): Classification {
  const category: Category = g.pick(['Read', 'Write', 'Execute'] as const);
  const factors = RISK_FACTORS.filter((factor) =>
    g.chance(factor === 'suspicious_description' ? 0.05 : 0.15),
  );
  return {
    category,
    risk: g.pick(RISK_LEVELS),
    factors: factors as RiskFactor[],
    confidence: 0.5,
    rationale: g.chance(0.3) ? 'runs free-form SQL' : 'generated',
    evidence: [],
    fiveClass: category,
    classifierVersion: 'property',
  };
}

function randomTools(g: Gen): PolicyInput[] {
  const names = new Set<string>();
  const count = 1 + g.int(8);
  while (names.size < count) names.add(`${g.pick(NAME_PARTS)}${g.pick(NAME_PARTS)}${g.int(100)}`);
  return [...names].map((name) => {
    const properties = Object.fromEntries(Object.entries(PARAMETERS).filter(() => g.chance(0.3)));
    return { name, classification: randomClassification(g), inputSchema: { type: 'object', properties } };
  });
}

function randomArgs(g: Gen): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(ARG_VALUES)) if (g.chance(0.6)) args[name] = g.pick(values);
  return args;
}

/** Both renderings of a policy, parsed back as a gateway would read them. */
function renderings(policy: StarterPolicy): ParsedPolicy[] {
  return [parsePolicy(JSON.parse(toGatewayJson(policy))), parsePolicy(parse(toInterceptYaml(policy)))];
}

const RESTRICTIVENESS: Record<PolicyDecision['decision'], number> = {
  allow: 0,
  require_approval: 1,
  deny: 2,
  hidden: 3,
};
const NOW = new Date('2026-05-06T07:08:09Z');
const SEEDS = Array.from({ length: 150 }, (_, index) => index + 1);

function forEachWorld(check: (g: Gen, tools: PolicyInput[], seed: number) => void): void {
  for (const seed of SEEDS) {
    const g = gen(seed);
    check(g, randomTools(g), seed);
  }
}

describe('generated policies do what they say', () => {
  it('never allow a Critical tool under balanced or strict', () => {
    forEachWorld((g, tools, seed) => {
      for (const profile of ['balanced', 'strict'] as const) {
        for (const parsed of renderings(recommendPolicy(tools, { profile }))) {
          for (const tool of tools.filter((t) => t.classification.risk === 'Critical')) {
            const decision = evaluateParsedCall(parsed, { tool: tool.name, args: randomArgs(g) }, {}, NOW);
            expect(decision.decision, `seed ${seed} ${profile} ${tool.name}`).not.toBe('allow');
            expect(decision.decision).not.toBe('require_approval');
          }
        }
      }
    });
  });

  it('trip every rate limit on call max+1', () => {
    forEachWorld((_, tools, seed) => {
      const policy = recommendPolicy(tools, { profile: 'permissive' });
      for (const parsed of renderings(policy)) {
        for (const tool of policy.tools.filter((t) => t.rateLimit && t.argumentRules.length === 0)) {
          const counters = new Map<string, number>();
          const call: PolicyCall = { tool: tool.name, args: {} };
          for (let i = 0; i < (tool.rateLimit?.max ?? 0); i += 1) {
            const decision = evaluateParsedCall(parsed, call, counters, NOW);
            expect(decision.decision, `seed ${seed} ${tool.name} call ${i + 1}`).not.toBe('deny');
            for (const key of decision.countersToIncrement) counters.set(key, (counters.get(key) ?? 0) + 1);
          }
          expect(evaluateParsedCall(parsed, call, counters, NOW).decision, `seed ${seed} ${tool.name}`).toBe(
            'deny',
          );
        }
      }
    });
  });

  it('refuse unknown tools under default deny', () => {
    forEachWorld((g, tools, seed) => {
      for (const parsed of renderings(
        recommendPolicy(tools, { profile: g.pick(['strict', 'balanced', 'permissive']) }),
      )) {
        const decision = evaluateParsedCall(
          parsed,
          { tool: `unknown-${seed}`, args: randomArgs(g) },
          {},
          NOW,
        );
        expect(decision).toMatchObject({ decision: 'deny', rule: 'default' });
      }
    });
  });

  it('refuse hidden tools first, whatever the call carries', () => {
    forEachWorld((g, tools) => {
      const policy = recommendPolicy(tools, { profile: 'strict', pin: false });
      for (const parsed of renderings(policy)) {
        for (const tool of policy.tools.filter((t) => t.action === 'hide')) {
          const call = { tool: tool.name, args: randomArgs(g), definitionHash: 'f'.repeat(64) };
          expect(evaluateParsedCall(parsed, call, {}, NOW).decision).toBe('hidden');
        }
      }
    });
  });

  it('shift monotonically: strict never allows more than balanced, nor balanced than permissive', () => {
    const profiles: PolicyProfile[] = ['strict', 'balanced', 'permissive'];
    forEachWorld((g, tools, seed) => {
      const policies = profiles.map((profile) => recommendPolicy(tools, { profile }));
      for (const tool of tools) {
        const args = randomArgs(g);
        const ranks = policies.map(
          (p) => RESTRICTIVENESS[evaluateCall(p, { tool: tool.name, args }, {}, NOW).decision],
        );
        const [strict = 0, balanced = 0, permissive = 0] = ranks;
        expect(strict >= balanced && balanced >= permissive, `seed ${seed} ${tool.name}: ${ranks}`).toBe(
          true,
        );
        const allowedInBurst = policies.map((p) => {
          const counters = new Map<string, number>();
          let allowed = 0;
          for (let i = 0; i < 80; i += 1) {
            const decision = evaluateCall(p, { tool: tool.name, args }, counters, NOW);
            if (decision.decision === 'allow') allowed += 1;
            for (const key of decision.countersToIncrement) counters.set(key, (counters.get(key) ?? 0) + 1);
          }
          return allowed;
        });
        const [a = 0, b = 0, c = 0] = allowedInBurst;
        expect(a <= b && b <= c, `seed ${seed} ${tool.name}: ${allowedInBurst}`).toBe(true);
      }
    });
  });

  it('decide the same in both formats', () => {
    forEachWorld((g, tools, seed) => {
      const [json, yaml] = renderings(
        recommendPolicy(tools, { profile: g.pick(['strict', 'balanced', 'permissive']) }),
      );
      if (!json || !yaml) throw new Error('two renderings expected');
      for (const tool of tools) {
        const call = { tool: tool.name, args: randomArgs(g) };
        const fromJson = evaluateParsedCall(json, call, {}, NOW).decision;
        expect(evaluateParsedCall(yaml, call, {}, NOW).decision, `seed ${seed} ${tool.name}`).toBe(fromJson);
      }
    });
  });
});
