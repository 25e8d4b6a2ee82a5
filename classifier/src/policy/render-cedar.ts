// Rendering starter policies as ToolHive Cedar policies: permit or forbid `Action::"call_tool"` on each `Tool::"<name>"`, an allow's argument rules as `context.arg_<name>` conditions.
import type { FormatAbilities } from './decisions.js';
import { exportDecisions } from './decisions.js';
import type { PolicyExport } from './export-names.js';
import {
  hasLoneSurrogate,
  keyEntries,
  mergeServers,
  noteLines,
  scalarKeyedDecisions,
} from './export-names.js';
import { commented, decisionLines, headerLines, serverLabel, UNNAMED_SERVER } from './export-notes.js';
import type { ArgumentRule, Condition, StarterPolicy } from './model.js';

/** A Cedar string literal: quotes, backslashes and control characters escaped (`\u{..}`), as the Cedar grammar reads them. */
export function cedarString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\u{${code.toString(16)}}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\\u{fffd}'; // a lone surrogate is no Unicode scalar: such a name is never written as a tool (see keyEntries)
    else out += char;
  }
  return `${out}"`;
}

/** The Cedar methods of a decimal comparison, per condition operator. */
const DECIMAL_METHODS = {
  lt: 'lessThan',
  lte: 'lessThanOrEqual',
  gt: 'greaterThan',
  gte: 'greaterThanOrEqual',
} as const;

/** Cedar decimals hold four places and about ±9.2e14. */
function isCedarDecimal(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value) < 9e14 &&
    Number(value.toFixed(4)) === value
  );
}

/** The ToolHive context attribute of an argument: `arg_<name>`. */
export function cedarArgumentAttribute(parameter: string): string {
  return `arg_${parameter}`;
}

/**
 * One condition as a Cedar expression over ToolHive's context, or null when Cedar cannot say it. ToolHive passes a
 * string, boolean or number argument as `context.arg_<name>` (a JSON number as a decimal) and an array or object
 * only as `arg_<name>_present`, so a test on a list argument fails and the call is refused; a regex has no Cedar form.
 */
export function cedarCondition(condition: Condition, parameter: string): string | null {
  if (condition.path !== `args.${parameter}` || hasLoneSurrogate(parameter)) return null;
  const attribute = cedarString(cedarArgumentAttribute(parameter));
  const value = `context[${attribute}]`;
  const present = `context has ${attribute}`;
  const { op } = condition;
  if (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') {
    if (!isCedarDecimal(condition.value)) return null;
    // A string or boolean argument makes the method an error, and Cedar skips a permit whose condition errs: refused.
    return `${present} && ${value}.${DECIMAL_METHODS[op]}(decimal("${condition.value.toFixed(4)}"))`;
  }
  if (op === 'in') {
    const allowed = condition.value;
    if (!Array.isArray(allowed) || allowed.length === 0) return null;
    if (!allowed.every((item) => typeof item === 'string' && !hasLoneSurrogate(item))) return null;
    return `${present} && [${allowed.map((item) => cedarString(String(item))).join(', ')}].contains(${value})`;
  }
  return null;
}

/** Whether Cedar carries every condition of an argument rule. */
function carriesRule(rule: ArgumentRule): boolean {
  return rule.conditions.every((condition) => cedarCondition(condition, rule.parameter) !== null);
}

/**
 * Cedar permits or forbids; ToolHive leaves a forbidden tool out of tools/list, so deny is also hide. It has no ask.
 * It carries numeric caps and allow-lists of an allowed tool as conditions on ToolHive's `context.arg_<name>`.
 */
export const CEDAR_ABILITIES: FormatAbilities = {
  ask: false,
  deny: true,
  hide: true,
  constraintsWhy: 'ToolHive keeps no counters, and Cedar has no regular expressions',
  carries: carriesRule,
};

function whenClause(rules: readonly ArgumentRule[]): string {
  const tests = rules.flatMap((rule) =>
    rule.conditions.map((condition) => cedarCondition(condition, rule.parameter) ?? 'false'),
  );
  return tests.length === 0 ? '' : ` when {\n  ${tests.join(' &&\n  ')}\n}`;
}

/** The notes of carried rules: what ToolHive cannot pass to Cedar, so what is refused though the model allows it. */
function carriedNotes(rules: readonly ArgumentRule[]): string[] {
  return rules.flatMap((rule) => [
    `allowed only under argument rule ${rule.name}: ${rule.reason}`,
    ...(rule.conditions.some((condition) => condition.op === 'in')
      ? [
          `ToolHive passes a list or object argument only as ${cedarArgumentAttribute(rule.parameter)}_present: a call whose "${rule.parameter}" is a list is refused`,
        ]
      : rule.conditions.some((condition) => Object.hasOwn(DECIMAL_METHODS, condition.op))
        ? [
            `ToolHive passes a number as a Cedar decimal of four places: "${rule.parameter}" is compared at four places`,
          ]
        : []),
  ]);
}

/** One server's statements: one permit per allowed tool (under its carried rules), one forbid per other tool. */
function cedarSection(policy: StarterPolicy, idPrefix: string): PolicyExport {
  const server = policy.serverName ?? UNNAMED_SERVER;
  const items = scalarKeyedDecisions(server, exportDecisions(policy, 'cedar', CEDAR_ABILITIES), 'Cedar');
  const { entries, notes } = keyEntries(items, 'cedar', 'deny');
  const statements = entries.map(({ key, exported }, index) => {
    const effect = exported.decision === 'allow' ? 'permit' : 'forbid';
    const id = cedarString(`toolrisk-${idPrefix}${index}-${exported.decision}`);
    const lines = [
      ...decisionLines(exported, exported.name),
      ...carriedNotes(exported.carried).map((note) => `  ${note}`),
    ];
    return (
      commented(lines, '//') +
      `@id(${id})\n${effect} (\n  principal,\n  action == Action::"call_tool",\n  resource == Tool::${cedarString(key)}\n)${effect === 'permit' ? whenClause(exported.carried) : ''};\n`
    );
  });
  return { text: `${commented(noteLines(notes), '//')}${statements.join('\n')}`, notes };
}

/**
 * Renders policies as Cedar text; Cedar denies anything no policy permits. Several servers (a stack) get one
 * section each, under a `server:` comment, with ids unique in the file; servers of one name share a section.
 */
export function exportCedar(policies: readonly StarterPolicy[], header: readonly string[]): PolicyExport {
  const servers = mergeServers(policies, 'cedar', (name) => ({ key: name, isWritable: true }));
  const isStack = policies.length > 1;
  const sections = servers.policies.map((policy, index) => {
    const section = cedarSection(policy, isStack ? `s${index}-` : '');
    const label = isStack ? commented([serverLabel(policy.serverName ?? UNNAMED_SERVER)], '//') : '';
    return { ...section, text: `${label}${section.text}` };
  });
  const notes = [...servers.notes, ...sections.flatMap((section) => section.notes)];
  const text = `${commented([...header, ...noteLines(servers.notes)], '//')}\n${sections.map((section) => section.text).join('\n')}`;
  return { text, notes };
}

/** Renders one server's policy as Cedar text. */
export function toCedarPolicies(policy: StarterPolicy): string {
  return exportCedar([policy], headerLines(policy, 'cedar', policy.serverName ?? UNNAMED_SERVER)).text;
}
