// What a tool's starter policy does, in one sentence, and the answers a reader of its page asks: can I rate-limit it, how do I block it completely — each from the policy model and the exporters themselves.
import { parse as parseToml } from 'smol-toml';
import { type ExportedDecision, exportDecision, type FormatAbilities } from '../policy/decisions.js';
import type {
  ArgumentRule,
  PolicyFormat,
  PolicyInput,
  PolicyProfile,
  StarterPolicy,
  ToolPolicy,
} from '../policy/model.js';
import { POLICY_FORMATS, POLICY_PROFILES } from '../policy/model.js';
import { recommendToolPolicy } from '../policy/recommend.js';
import { exportPolicy } from '../policy/render.js';
import { AGENTGATEWAY_ABILITIES } from '../policy/render-agentgateway.js';
import { CEDAR_ABILITIES } from '../policy/render-cedar.js';
import { buildClaudeCodePermissions, CLAUDE_CODE_ABILITIES } from '../policy/render-claude-code.js';
import { CODEX_ABILITIES, tomlString } from '../policy/render-codex.js';
import { CURSOR_ABILITIES } from '../policy/render-cursor.js';
import { buildGatewayPolicy } from '../policy/render-json.js';
import { VSCODE_ABILITIES } from '../policy/render-vscode.js';
import { buildInterceptPolicy } from '../policy/render-yaml.js';
import { listOf } from './english.js';

/** How one format blocks the tool completely: the entry its exporter writes for a hidden tool, and whether the client enforces it. */
export interface BlockEntry {
  format: PolicyFormat;
  /** The entry, as the format's exporter writes it for this tool alone, without its comments. */
  entry: string;
  /** False when the format has no way to refuse a call (Cursor, VS Code): the entry only makes the tool ask. */
  isEnforced: boolean;
  /** What the format could not do and did instead (the exporter's own fallback notes); empty when nothing was lost. */
  notes: string[];
}

/** Whether and how the tool can be rate-limited: the starter policy's own limits, and which formats carry one. */
export interface RateLimitAnswer {
  /** The limit the asked profile's policy sets, if any. */
  limit: { max: number; window: string } | null;
  /** Every profile whose policy sets a limit on this tool, with it. */
  limitedUnder: { profile: PolicyProfile; max: number; window: string }[];
  /** The formats that write the limit into the file (the others cannot: see `fallbacks`). */
  carriedBy: PolicyFormat[];
  /** For each format that cannot carry a limit, what its export does instead (the exporter's note). */
  fallbacks: { format: PolicyFormat; note: string }[];
  /** The gateway JSON entry of the tool under the first profile that limits it (its `limits`), or null. */
  snippet: { profile: PolicyProfile; format: 'json'; text: string } | null;
}

/** The answers of a tool page: its policy's rule in a sentence, rate limits and how to block it, per format. */
export interface ToolAnswers {
  profile: PolicyProfile;
  /** What the model decides for the tool under the profile. */
  decision: 'allow' | 'ask' | 'deny' | 'hide';
  /** One sentence: what the recommended rule does ("The balanced starter policy asks you before each call."). */
  rule: string;
  rateLimit: RateLimitAnswer;
  block: BlockEntry[];
}

/** What each client or gateway format can say, from its exporter; gateway JSON and Intercept YAML carry every rule. */
const ABILITIES: Partial<Record<PolicyFormat, FormatAbilities>> = {
  'claude-code': CLAUDE_CODE_ABILITIES,
  codex: CODEX_ABILITIES,
  cursor: CURSOR_ABILITIES,
  vscode: VSCODE_ABILITIES,
  cedar: CEDAR_ABILITIES,
  agentgateway: AGENTGATEWAY_ABILITIES,
};

/** A one-tool starter policy of the server, for asking the exporters what they write for the tool. */
function oneToolPolicy(serverName: string, tool: ToolPolicy, profile: PolicyProfile): StarterPolicy {
  return { version: '1', profile, serverName, default: 'deny', tools: [tool] };
}

/** The format's decision for the tool, as its exporter makes it (json and yaml carry every decision as it is). */
function decisionIn(tool: ToolPolicy, format: PolicyFormat): ExportedDecision | null {
  const abilities = ABILITIES[format];
  return abilities === undefined ? null : exportDecision(tool, format, abilities);
}

/** What an argument rule lets through, in words (model.ts, ArgumentRuleKind). */
function ruleCondition(rule: ArgumentRule): string {
  const parameter = `“${rule.parameter}”`;
  switch (rule.kind) {
    case 'sql_read_only':
      return `the SQL in ${parameter} only reads`;
    case 'amount_cap':
      return `the amount in ${parameter} is within the cap`;
    case 'path_roots':
      return `the path in ${parameter} is under the allowed root`;
    case 'recipient_allow_list':
      return `the recipient in ${parameter} is on your allow-list`;
    case 'url_allow_list':
      return `the host of the URL in ${parameter} is on your allow-list`;
  }
}

function perWindow(limit: { max: number; window: string }): string {
  return `${limit.max} ${limit.max === 1 ? 'call' : 'calls'} a ${limit.window}`;
}

/** The recommended rule in one sentence, from the tool's policy under the profile (decisions.ts, decideTool). */
export function describeRule(policy: ToolPolicy, profile: PolicyProfile): string {
  const who = `The ${profile} starter policy`;
  const limit = policy.rateLimit === undefined ? '' : `, up to ${perWindow(policy.rateLimit)}`;
  const refusing = policy.argumentRules.filter((rule) => rule.onFail === 'deny');
  const exempting = policy.argumentRules.filter((rule) => rule.onFail === 'require_approval');
  switch (policy.action) {
    case 'hide':
      return `${who} hides it from the agent and refuses every call.`;
    case 'deny':
      return `${who} refuses every call until an operator opts in.`;
    case 'require_approval': {
      const unless = exempting.length > 0 ? ` unless ${listOf(exempting.map(ruleCondition))}` : '';
      const only =
        refusing.length > 0 ? `, and refuses a call unless ${listOf(refusing.map(ruleCondition))}` : '';
      return `${who} asks you before each call${unless}${only}${limit}.`;
    }
    case 'allow': {
      if (policy.argumentRules.length === 0) return `${who} allows every call${limit}.`;
      const conditions = listOf(policy.argumentRules.map(ruleCondition));
      const otherwise = refusing.length > 0 ? 'refuses the others' : 'asks you about the others';
      return `${who} allows a call only when ${conditions}${limit}; it ${otherwise}.`;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The text without the comment lines its exporter wrote (whole lines starting with the format's marker). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|#)/.test(line))
    .join('\n')
    .trim();
}

/** The entry a format writes for the tool when it is blocked completely (hidden: refused and kept out of the list). */
function blockEntryIn(format: PolicyFormat, policy: StarterPolicy): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ hide: buildGatewayPolicy(policy).hide }, null, 2);
    case 'yaml':
      return `hide:\n${(buildInterceptPolicy(policy).hide ?? []).map((name) => `  - ${JSON.stringify(name)}`).join('\n')}`;
    case 'claude-code':
      return JSON.stringify(
        { permissions: { deny: buildClaudeCodePermissions([policy]).permissions.deny } },
        null,
        2,
      );
    case 'codex': {
      // The server's table and its disabled_tools, read back from the file the exporter wrote.
      const parsed: unknown = parseToml(exportPolicy(policy, 'codex').text);
      const servers = isRecord(parsed) && isRecord(parsed.mcp_servers) ? parsed.mcp_servers : {};
      return Object.entries(servers)
        .map(([key, table]) => {
          const disabled = isRecord(table) && Array.isArray(table.disabled_tools) ? table.disabled_tools : [];
          const names = disabled.filter((name): name is string => typeof name === 'string');
          return `[mcp_servers.${key}]\ndisabled_tools = [${names.map(tomlString).join(', ')}]`;
        })
        .join('\n');
    }
    default:
      return withoutComments(exportPolicy(policy, format).text);
  }
}

/** How each format blocks the tool completely: its exporters asked for the tool hidden, the strictest decision. */
export function blockEntries(serverName: string, tool: ToolPolicy, profile: PolicyProfile): BlockEntry[] {
  const { rateLimit: _limit, ...rest } = tool;
  const hidden: ToolPolicy = { ...rest, action: 'hide', argumentRules: [] };
  const policy = oneToolPolicy(serverName, hidden, profile);
  return POLICY_FORMATS.map((format) => {
    const exported = decisionIn(hidden, format);
    return {
      format,
      entry: blockEntryIn(format, policy),
      isEnforced: exported?.isWeaker !== true,
      notes: exported?.fallbacks ?? [],
    };
  });
}

/** Whether a format writes a rate limit for the tool: json and yaml write `limits` / a `rate_limit` rule; the rest say they cannot. */
function carriesRateLimit(format: PolicyFormat, limited: ToolPolicy, serverName: string): string | true {
  const policy = oneToolPolicy(serverName, limited, 'balanced');
  if (format === 'json')
    return buildGatewayPolicy(policy).tools[limited.name]?.limits !== undefined || 'no limit written';
  if (format === 'yaml')
    return (
      buildInterceptPolicy(policy).tools[limited.name]?.rules.some(
        (rule) => rule.rate_limit !== undefined,
      ) === true || 'no limit written'
    );
  const exported = decisionIn(limited, format);
  const note = exported?.fallbacks.find((fallback) => fallback.includes('rate limit'));
  return note ?? true;
}

/** Whether and where the tool can be rate-limited: the starter policy's limits per profile and each format's ability. */
export function rateLimitAnswer(
  input: PolicyInput,
  serverName: string,
  profile: PolicyProfile,
): RateLimitAnswer {
  const limitedUnder = POLICY_PROFILES.flatMap((candidate) => {
    const limit = recommendToolPolicy(input, { profile: candidate }).rateLimit;
    return limit === undefined ? [] : [{ profile: candidate, max: limit.max, window: limit.window }];
  });
  const own = recommendToolPolicy(input, { profile }).rateLimit;
  // Which formats carry a limit is asked of the exporters with the tool allowed under its limit (or a per-minute one).
  const example = limitedUnder.find((entry) => entry.profile === profile) ?? limitedUnder[0];
  const limited: ToolPolicy = {
    ...recommendToolPolicy(input, { profile: example?.profile ?? profile }),
    action: 'allow',
    argumentRules: [],
    rateLimit: {
      counter: `${input.name}_rate`,
      window: example?.window === 'hour' || example?.window === 'day' ? example.window : 'minute',
      max: example?.max ?? 60,
    },
  };
  const carriedBy: PolicyFormat[] = [];
  const fallbacks: RateLimitAnswer['fallbacks'] = [];
  for (const format of POLICY_FORMATS) {
    const carried = carriesRateLimit(format, limited, serverName);
    if (carried === true) carriedBy.push(format);
    else fallbacks.push({ format, note: carried });
  }
  let snippet: RateLimitAnswer['snippet'] = null;
  if (example !== undefined) {
    const policy = recommendToolPolicy(input, { profile: example.profile });
    const entry = buildGatewayPolicy(oneToolPolicy(serverName, policy, example.profile)).tools[input.name];
    if (entry?.limits !== undefined)
      snippet = {
        profile: example.profile,
        format: 'json',
        text: JSON.stringify({ tools: { [input.name]: { limits: entry.limits } } }, null, 2),
      };
  }
  return {
    limit: own === undefined ? null : { max: own.max, window: own.window },
    limitedUnder,
    carriedBy,
    fallbacks,
    snippet,
  };
}

/**
 * The answers of a tool's page under one profile: its rule in a sentence, whether and where it can be rate-limited,
 * and the entry that blocks it completely in every format, each asked of the policy model and the exporters.
 */
export function answerToolQuestions(
  input: PolicyInput,
  options: { serverName: string; profile: PolicyProfile },
): ToolAnswers {
  const policy = recommendToolPolicy(input, { profile: options.profile });
  const decision =
    policy.action === 'require_approval' ? 'ask' : policy.action === 'allow' ? 'allow' : policy.action;
  return {
    profile: options.profile,
    decision,
    rule: describeRule(policy, options.profile),
    rateLimit: rateLimitAnswer(input, options.serverName, options.profile),
    block: blockEntries(options.serverName, policy, options.profile),
  };
}
