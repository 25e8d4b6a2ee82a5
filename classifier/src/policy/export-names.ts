// Names in exported files: each format's key for a server's and a tool's name, and what an export does when two names share one key or a name cannot be written: the stricter decision and a note, never a silent merge or drop.
import type { ExportedDecision, ToolDecision } from './decisions.js';
import { decideTool, stricterOf } from './decisions.js';
import { escapedName, UNNAMED_SERVER } from './export-notes.js';
import type {
  ArgumentRule,
  PolicyFormat,
  RateLimit,
  StarterPolicy,
  ToolAction,
  ToolPolicy,
} from './model.js';

/** One MCP name: its server and, unless the note is about a whole server, its tool. */
export interface PolicyName {
  server: string;
  tool?: string;
}

/** Why a name is not in the file as it is: it shares an entry with other names, or the format cannot hold it. */
export const POLICY_NAME_NOTE_KINDS = ['merged', 'not_written'] as const;
/** One kind of name note. */
export type PolicyNameNoteKind = (typeof POLICY_NAME_NOTE_KINDS)[number];

/** A name an export could not write exactly: names sharing one entry (all get the strictest decision) or a name left out. */
export interface PolicyNameNote {
  kind: PolicyNameNoteKind;
  format: PolicyFormat;
  /** The entry the names share in the file (merged), or the entry the name would have had (not_written). */
  key: string;
  names: PolicyName[];
  /** What the file decides for these names; null for a whole server, whose tools each keep their own decision. */
  decision: ToolDecision | null;
  /** One sentence a person reads: which names, what the file does instead, and why. */
  message: string;
}

/** A rendered policy file and every name it could not write exactly. */
export interface PolicyExport {
  text: string;
  notes: PolicyNameNote[];
}

/** Whether a string holds a lone surrogate (no Unicode scalar: UTF-8, TOML, Cedar and CEL cannot hold it). */
export function hasLoneSurrogate(text: string): boolean {
  // With the u flag a surrogate pair is one code point, so this class matches only a lone surrogate.
  return /[\uD800-\uDFFF]/u.test(text);
}

/** The string as an engine that reads UTF-8 sees it: each lone surrogate replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

/** A name quoted for a note: JSON escapes, so control characters and lone surrogates stay visible. */
export function quoteName(name: PolicyName): string {
  return name.tool === undefined
    ? `server ${escapedName(name.server)}`
    : `${escapedName(name.server)} tool ${escapedName(name.tool)}`;
}

/** One tool's decision with the key it gets in a format, and whether the format can write its name. */
export interface KeyedDecision {
  server: string;
  exported: ExportedDecision;
  key: string;
  /** False when the format cannot hold the name; why names the rule it breaks. */
  isWritable: boolean;
  why?: string;
}

/**
 * Keys tool decisions by name for an engine whose strings hold Unicode scalars only (Cedar, CEL): such an engine,
 * like a gateway reading UTF-8, turns a lone surrogate into U+FFFD, so a rule naming one would name another tool.
 * Such a name is left out (no rule: the engine denies it), and a name equal to its U+FFFD reading shares its entry.
 */
export function scalarKeyedDecisions(
  server: string,
  decisions: readonly ExportedDecision[],
  engine: string,
): KeyedDecision[] {
  return decisions.map((exported) => {
    const isWritable = !hasLoneSurrogate(exported.name);
    return {
      server,
      exported,
      key: wellFormed(exported.name),
      isWritable,
      ...(isWritable ? {} : { why: `holds a lone surrogate, which ${engine} reads as U+FFFD` }),
    };
  });
}

/** One entry of a file: the decision of every tool that shares its key (the strictest), under the key. */
export interface KeyedEntry {
  key: string;
  /** The server of the first writable tool of the entry. */
  server: string;
  exported: ExportedDecision;
}

function mergedDecision(
  group: readonly KeyedDecision[],
  written: KeyedDecision,
  note: string,
): ExportedDecision {
  const decision = group.map((item) => item.exported.decision).reduce(stricterOf);
  const modelDecision = group.map((item) => item.exported.modelDecision).reduce(stricterOf);
  const carried = group.flatMap((item) => item.exported.carried);
  return {
    name: written.exported.name,
    modelDecision,
    decision,
    reason: group.map((item) => `${item.exported.name}: ${item.exported.reason}`).join('; '),
    fallbacks: [note, ...group.flatMap((item) => item.exported.fallbacks)],
    isWeaker: group.some((item) => item.exported.isWeaker),
    // A call passes only if it passes every rule of every tool sharing the entry.
    carried: decision === 'allow' ? uniqueRules(carried) : [],
  };
}

function uniqueRules(rules: readonly ArgumentRule[]): ArgumentRule[] {
  const byIdentity = new Map<string, ArgumentRule>();
  for (const rule of rules) byIdentity.set(`${rule.name}\u0000${JSON.stringify(rule.conditions)}`, rule);
  return [...byIdentity.values()];
}

/**
 * Groups decisions by their key in a format. A key several names share gets the strictest of their decisions, and
 * a note; a name the format cannot write is left out with a note saying what the client does with it instead
 * (`unwritten`: its default for a tool the file does not name), or, when a writable name shares its key (an engine
 * that reads it as that name), the shared entry's strictest decision.
 */
export function keyEntries(
  items: readonly KeyedDecision[],
  format: PolicyFormat,
  unwritten: ToolDecision,
): { entries: KeyedEntry[]; notes: PolicyNameNote[] } {
  const groups = new Map<string, KeyedDecision[]>();
  for (const item of items) groups.set(item.key, [...(groups.get(item.key) ?? []), item]);
  const entries: KeyedEntry[] = [];
  const notes: PolicyNameNote[] = [];
  for (const [key, group] of groups) {
    const names = group.map((item) => ({ server: item.server, tool: item.exported.name }));
    const written = group.find((item) => item.isWritable);
    const unwritable = group.filter((item) => !item.isWritable);
    const whyNot = unwritable.map(
      (item) =>
        `${quoteName({ server: item.server, tool: item.exported.name })} ${item.why ?? 'cannot be written'}`,
    );
    if (written === undefined) {
      for (const item of unwritable) {
        const name = { server: item.server, tool: item.exported.name };
        const isLooser = stricterOf(unwritten, item.exported.decision) !== unwritten;
        notes.push({
          kind: 'not_written',
          format,
          key,
          names: [name],
          decision: unwritten,
          message: `NOT WRITTEN${isLooser ? ', NOT ENFORCED' : ''}: ${quoteName(name)} ${item.why ?? 'cannot be written'}: left out, so ${format} gives it what it gives a tool this file does not name (${unwritten}) instead of ${item.exported.decision}`,
        });
      }
      continue;
    }
    if (group.length === 1) {
      entries.push({ key, server: written.server, exported: written.exported });
      continue;
    }
    const decision = group.map((item) => item.exported.decision).reduce(stricterOf);
    const listed = names.map(quoteName).join(', ');
    const message =
      `${listed} share one entry in ${format} (${JSON.stringify(key)}): the strictest decision (${decision}) applies to all` +
      (whyNot.length > 0 ? `; ${whyNot.join('; ')}, and an engine reads it as that entry` : '');
    notes.push({ kind: 'merged', format, key, names, decision, message });
    entries.push({ key, server: written.server, exported: mergedDecision(group, written, message) });
  }
  return { entries, notes };
}

const ACTION_RANK: Record<ToolAction, number> = { allow: 0, require_approval: 1, deny: 2, hide: 3 };

/** Calls per minute a limit allows at most, to compare limits over different windows. */
function perMinute(limit: RateLimit): number {
  return limit.max / { minute: 1, hour: 60, day: 1440 }[limit.window];
}

/** The stricter of two tools of one name on two servers: the stricter action, every argument rule, the lower limit. */
export function mergeToolPolicies(first: ToolPolicy, second: ToolPolicy): ToolPolicy {
  const stricter = ACTION_RANK[second.action] > ACTION_RANK[first.action] ? second : first;
  const merged: ToolPolicy = {
    ...stricter,
    factors: [...new Set([...first.factors, ...second.factors])],
    reason: `the stricter of two tools of this name: ${first.reason} | ${second.reason}`,
    argumentRules:
      stricter.action === 'hide' ? [] : uniqueRules([...first.argumentRules, ...second.argumentRules]),
  };
  const limits = [first.rateLimit, second.rateLimit].filter((limit) => limit !== undefined);
  const lowest = limits.sort((a, b) => perMinute(a) - perMinute(b))[0];
  if (lowest === undefined || merged.action === 'hide' || merged.action === 'deny') delete merged.rateLimit;
  else merged.rateLimit = lowest;
  // Keep the first pin: a call of the other definition is refused, the stricter outcome.
  const pin = first.definitionSha256 ?? second.definitionSha256;
  if (pin === undefined) delete merged.definitionSha256;
  else merged.definitionSha256 = pin;
  return merged;
}

/**
 * Groups a stack's servers by the name a format writes them under. Servers written alike become one policy (a tool
 * on several of them gets the stricter policy) and a note; a server the format cannot name is left out with a note.
 */
export function mergeServers(
  policies: readonly StarterPolicy[],
  format: PolicyFormat,
  serverKeyOf: (name: string) => { key: string; isWritable: boolean; why?: string },
): { policies: StarterPolicy[]; notes: PolicyNameNote[] } {
  const groups = new Map<string, StarterPolicy[]>();
  const notes: PolicyNameNote[] = [];
  for (const policy of policies) {
    const name = policy.serverName ?? UNNAMED_SERVER;
    const { key, isWritable, why } = serverKeyOf(name);
    if (!isWritable) {
      notes.push({
        kind: 'not_written',
        format,
        key,
        names: [{ server: name }],
        decision: null,
        message: `NOT WRITTEN: ${quoteName({ server: name })} ${why ?? 'cannot be written'} in ${format}: its ${policy.tools.length} tools are left out; give the server a name ${format} can hold and export again`,
      });
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), policy]);
  }
  const merged: StarterPolicy[] = [];
  for (const [key, group] of groups) {
    const [first, ...others] = group;
    if (first === undefined) continue;
    if (others.length === 0) {
      merged.push(first);
      continue;
    }
    const tools = new Map<string, ToolPolicy>();
    for (const policy of group)
      for (const tool of policy.tools) {
        const known = tools.get(tool.name);
        tools.set(tool.name, known === undefined ? tool : mergeToolPolicies(known, tool));
      }
    const names = group.map((policy) => ({ server: policy.serverName ?? UNNAMED_SERVER }));
    notes.push({
      kind: 'merged',
      format,
      key,
      names,
      decision: null,
      message: `${names.map(quoteName).join(', ')} are one server in ${format} (${escapedName(key)}): written as one, a tool on several of them gets the strictest of their rules`,
    });
    merged.push({ ...first, tools: [...tools.values()] });
  }
  return { policies: merged, notes };
}

/**
 * A policy whose tool names every UTF-8 reader reads alike: a name with a lone surrogate is left out (its file's
 * default denies it), and when another tool's name is its U+FFFD reading, that tool gets the stricter policy of the two.
 * JSON could escape the surrogate, but a gateway decoding UTF-8 (Go's encoding/json) reads it as U+FFFD, and others
 * (serde_json) refuse the document.
 */
export function wellFormedTools(
  policy: StarterPolicy,
  format: PolicyFormat,
): { policy: StarterPolicy; notes: PolicyNameNote[] } {
  if (!policy.tools.some((tool) => hasLoneSurrogate(tool.name))) return { policy, notes: [] };
  const server = policy.serverName ?? UNNAMED_SERVER;
  const groups = new Map<string, ToolPolicy[]>();
  for (const tool of policy.tools) {
    const key = wellFormed(tool.name);
    groups.set(key, [...(groups.get(key) ?? []), tool]);
  }
  const tools: ToolPolicy[] = [];
  const notes: PolicyNameNote[] = [];
  for (const [key, group] of groups) {
    const written = group.find((tool) => !hasLoneSurrogate(tool.name));
    const names = group.map((tool) => ({ server, tool: tool.name }));
    if (written === undefined) {
      for (const tool of group) {
        const name = { server, tool: tool.name };
        // The default refuses the call; only a hidden tool loses something: the gateway may list it.
        const lost = tool.action === 'hide' ? ', NOT ENFORCED: refused, but not hidden from tools/list' : '';
        notes.push({
          kind: 'not_written',
          format,
          key,
          names: [name],
          decision: 'deny',
          message: `NOT WRITTEN${lost}: ${quoteName(name)} holds a lone surrogate, which a gateway reading UTF-8 reads as U+FFFD: left out, so the default (deny) refuses it`,
        });
      }
      continue;
    }
    if (group.length === 1) {
      tools.push(written);
      continue;
    }
    const merged = group.reduce((a, b) => (a === b ? a : mergeToolPolicies(a, b)), written);
    notes.push({
      kind: 'merged',
      format,
      key,
      names,
      decision: decideTool(merged),
      message: `${names.map(quoteName).join(', ')} share one entry in ${format} (${escapedName(key)}): a lone surrogate reads as U+FFFD, so the stricter policy of them applies to all`,
    });
    tools.push({ ...merged, name: written.name });
  }
  return { policy: { ...policy, tools }, notes };
}

/** The comment lines a file gives its name notes (the header of formats that have comments). */
export function noteLines(notes: readonly PolicyNameNote[]): string[] {
  return notes.map((note) => `NAMES: ${note.message}`);
}
