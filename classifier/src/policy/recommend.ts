// Starter policies from classifications: the taxonomy's "Starter policy per level" table, shifted by profile, plus argument rules.
import { ToolriskClassifierError } from '../errors.js';
import type { Category, Classification } from '../types.js';
import { RISK_LEVELS } from '../types.js';
import { recommendArgumentRules } from './argument-rules.js';
import type {
  PolicyInput,
  PolicyProfile,
  RateLimit,
  RecommendOptions,
  StarterPolicy,
  ToolAction,
  ToolPolicy,
} from './model.js';
import { POLICY_PROFILES } from './model.js';
import { buildGatewayPolicy } from './render-json.js';
import { buildInterceptPolicy } from './render-yaml.js';

/**
 * The rungs of the table, one per row (taxonomy.md, "Starter policy per level"): balanced puts Low on
 * rung 0 and Critical on rung 3. Strict adds one (Critical goes past deny: hidden), permissive takes one.
 */
const RUNGS = ['allow', 'allow_limited', 'require_approval', 'deny', 'hide'] as const;
type Rung = (typeof RUNGS)[number];

const PROFILE_SHIFT: Record<PolicyProfile, number> = { strict: 1, balanced: 0, permissive: -1 };

/** Per-minute limits of the limited rows: Read 60, Write 30, Execute 10 (taxonomy table, Medium and High rows). */
const PER_MINUTE: Record<Category, number> = { Read: 60, Write: 30, Execute: 10 };

/** The profile named, or PROFILE_UNKNOWN listing the valid ones; absent means balanced. */
export function parseProfile(profile: string | undefined): PolicyProfile {
  if (profile === undefined) return 'balanced';
  const known = POLICY_PROFILES.find((candidate) => candidate === profile);
  if (known === undefined) {
    throw new ToolriskClassifierError(
      'PROFILE_UNKNOWN',
      `unknown policy profile "${profile}"; valid profiles: ${POLICY_PROFILES.join(', ')}`,
      { context: { profile, valid: [...POLICY_PROFILES] } },
    );
  }
  return known;
}

function rungOf(classification: Classification, profile: PolicyProfile): Rung {
  const index = RISK_LEVELS.indexOf(classification.risk) + PROFILE_SHIFT[profile];
  return RUNGS[Math.min(Math.max(index, 0), RUNGS.length - 1)] ?? 'deny';
}

function describe(classification: Classification, profile: PolicyProfile): string {
  const factors = classification.factors.length > 0 ? classification.factors.join(', ') : 'no risk factors';
  return `${classification.risk} ${classification.category} (${factors}) under the ${profile} profile`;
}

function actionOf(rung: Rung): ToolAction {
  return rung === 'allow_limited' ? 'allow' : rung;
}

/** Recommends the policy of one tool from its classification (and, for argument rules, its input schema). */
export function recommendToolPolicy(input: PolicyInput, options: RecommendOptions = {}): ToolPolicy {
  const profile = parseProfile(options.profile);
  const { classification } = input;
  const facts = describe(classification, profile);
  // taxonomy.md, "suspicious_description": the description itself carries the attack, so the agent must not see it.
  const rung: Rung = classification.factors.includes('suspicious_description')
    ? 'hide'
    : rungOf(classification, profile);
  const action = actionOf(rung);
  const policy: ToolPolicy = {
    name: input.name,
    category: classification.category,
    level: classification.risk,
    factors: [...classification.factors],
    action,
    reason: reasonFor(rung, facts),
    argumentRules:
      rung === 'hide'
        ? []
        : recommendArgumentRules(classification, input.inputSchema, profile).map((rule) => ({
            ...rule,
            reason: `${rule.reason}; ${facts}`,
          })),
  };
  const exemptsSome = policy.argumentRules.some((rule) => rule.onFail === 'require_approval');
  const rateLimit = rateLimitFor(input.name, classification.category, rung, exemptsSome);
  if (rateLimit) policy.rateLimit = rateLimit;
  if (options.pin === true) policy.definitionSha256 = pinOf(input);
  return policy;
}

/** The definition hash a pinned tool must carry: a sha256 in lower-case hex. */
function pinOf(input: PolicyInput): string {
  const hash = input.definitionHash;
  if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash)) {
    const found = hash === undefined ? 'none was given' : `got "${hash.slice(0, 80)}"`;
    throw new ToolriskClassifierError(
      'POLICY_INVALID',
      `cannot pin tool "${input.name}": pinning needs its definition sha256 (64 lower-case hex digits); ${found}`,
      { context: { tool: input.name } },
    );
  }
  return hash;
}

function reasonFor(rung: Rung, facts: string): string {
  switch (rung) {
    case 'allow':
      return `allowed: ${facts}`;
    case 'allow_limited':
      return `allowed with a rate limit: ${facts}`;
    case 'require_approval':
      return `needs human approval: ${facts}`;
    case 'deny':
      return `denied until an operator opts in: ${facts}`;
    case 'hide':
      return `hidden from the agent: ${facts}`;
  }
}

function rateLimitFor(
  name: string,
  category: Category,
  rung: Rung,
  exemptsSome: boolean,
): RateLimit | undefined {
  // The Medium row limits every category; the High row limits only Execute (taxonomy table). A High tool whose
  // argument rule lets some calls skip approval (e.g. SQL reads) is limited too, or it would get more than the Medium row.
  if (rung === 'allow_limited' || (rung === 'require_approval' && (category === 'Execute' || exemptsSome))) {
    return { counter: `${name}_rate`, window: 'minute', max: PER_MINUTE[category] };
  }
  return undefined;
}

/** Recommends a starter policy for one server's tools under one profile (default: balanced). */
export function recommendPolicy(
  tools: readonly PolicyInput[],
  options: RecommendOptions = {},
): StarterPolicy {
  const profile = parseProfile(options.profile);
  const seen = new Set<string>();
  for (const tool of tools) {
    if (tool.name === '') {
      // MCP tools are called by name: an empty one names nothing a gateway can match (as readToolsDocument says).
      throw new ToolriskClassifierError(
        'TOOL_NAME_MISSING',
        'a tool has an empty name: every tool needs a non-empty name',
        {
          context: { tool: tool.name },
        },
      );
    }
    if (seen.has(tool.name)) {
      throw new ToolriskClassifierError('POLICY_TOOL_DUPLICATE', `tool name "${tool.name}" appears twice`, {
        context: { tool: tool.name },
      });
    }
    seen.add(tool.name);
  }
  const policy: StarterPolicy = {
    version: '1',
    profile,
    default: 'deny',
    tools: tools.map((tool) => recommendToolPolicy(tool, { ...options, profile })),
  };
  if (options.serverName !== undefined) policy.serverName = options.serverName;
  // Our own output must pass both formats' schemas; if it does not, that is a bug (POLICY_INVALID).
  buildGatewayPolicy(policy);
  buildInterceptPolicy(policy);
  return policy;
}
