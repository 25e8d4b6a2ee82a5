// Effective annotations: the four MCP hints as the verdict shows the tool to be, beside the ones its author declared.
//
// A gateway that keys on `readOnlyHint`, `destructiveHint`, `idempotentHint` and `openWorldHint` trusts whatever the
// tool's author wrote, and a missing hint leaves it to the spec's default. This module reads the hints back off the
// classifier's verdict (category, factors, the evidence that decided them): it is a view of the verdict, never a
// second classifier, so it cannot disagree with the category or factors a reviewer sees. Each inferred hint names
// the rule and the quoted evidence that decided it, and where the verdict cannot tell (is this Write idempotent?)
// the inferred value is `null`, not a guess.
import type { Classification, Evidence, RiskFactor } from '../types.js';
import { readHints } from './annotations.js';
import { lemmaOf, verbKind } from './verbs.js';

/** The four hints of the MCP spec (2025-06-18, `ToolAnnotations`), in its order. */
export const HINT_NAMES = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
/** One MCP tool hint. */
export type HintName = (typeof HINT_NAMES)[number];

/** What the author wrote for a hint: a boolean, nothing, or something else (ignored, as the classifier does). */
export type HintDeclaration = 'boolean' | 'absent' | 'invalid';

/** One hint: declared, inferred from the verdict, what a gateway should use, and whether they disagree. */
export interface EffectiveHint {
  /** The author's value; null when absent or not a boolean. */
  declared: boolean | null;
  declaration: HintDeclaration;
  /** What the verdict shows; null when it cannot tell (only `idempotentHint` can be unknown). */
  inferred: boolean | null;
  /** The value to enforce on: the inferred one, or when unknown the spec's conservative default. */
  effective: boolean;
  /**
   * True when both are booleans and differ. An absent, invalid or unknown side is never a mismatch, nor is
   * destructiveHint or idempotentHint on a Read tool (the spec reads them only when readOnlyHint is false).
   */
  isMismatch: boolean;
  /** True for a mismatch in the direction that would loosen a gateway (e.g. `readOnlyHint: true` on a Write). */
  isUnsafe: boolean;
  /** The id of the rule that inferred the value (`hint.read-only.category`). */
  rule: string;
  /** Plain words a reviewer can check against the verdict: which category, factor or quote decided it. */
  reason: string;
}

/** All four hints of one tool, and whether any declared hint contradicts the verdict. */
export type EffectiveAnnotations = Record<HintName, EffectiveHint> & {
  hasMismatch: boolean;
  /** True when a mismatch would make a gateway that trusts the declared hints looser than the verdict. */
  hasUnsafeMismatch: boolean;
  /** The hints whose declared value contradicts the inferred one, in spec order. */
  mismatches: HintName[];
};

/**
 * The spec's default for each hint when absent. Each is the cautious reading (may write, may destroy, may repeat its
 * effect, may reach outside), so it is also the value enforced when the verdict cannot tell, and the declared
 * value opposite to it is the one that loosens a gateway.
 */
const SPEC_DEFAULTS: Record<HintName, boolean> = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/**
 * Verbs that set a named thing to a state the arguments give: a second identical call finds it so already and has
 * no additional effect (HTTP PUT semantics). Only these make a Write idempotent.
 */
const SETS_STATE = new Set(
  (
    'set put replace upsert overwrite enable disable activate deactivate mark star unstar pin unpin lock unlock ' +
    'mute unmute archive unarchive hide unhide follow unfollow subscribe unsubscribe'
  ).split(' '),
);

/**
 * Verbs whose every call adds one more of something (a line, a comment, a report, a booking): never idempotent. Not
 * `create`, `add` or `insert`: creating a directory at a path or adding a label is often a no-op the second time,
 * and the verdict cannot tell which, so those stay unknown.
 */
const ADDS_EACH_CALL = new Set('append prepend comment submit draft book reserve'.split(' '));

/** Factors that mean the tool reaches entities outside the user's own data (the spec's "open world"). */
const OPEN_WORLD_FACTORS: readonly RiskFactor[] = [
  'untrusted_content',
  'external_comm',
  'financial',
  'code_execution',
];

/** The inferred hints of a classified tool beside its declared `annotations` (any shape; only booleans count). */
export function effectiveAnnotations(
  annotations: unknown,
  classification: Pick<Classification, 'category' | 'factors' | 'evidence'>,
): EffectiveAnnotations {
  const inferred: Record<HintName, Inference> = {
    readOnlyHint: inferReadOnly(classification),
    destructiveHint: inferDestructive(classification),
    idempotentHint: inferIdempotent(classification),
    openWorldHint: inferOpenWorld(classification),
  };
  const declared = declaredHints(annotations);
  // The spec reads destructiveHint and idempotentHint only when readOnlyHint is false: on a Read tool what its author
  // wrote for them means nothing, so it is shown but never counted as a mismatch.
  const changes = classification.category !== 'Read';
  const hints: Record<HintName, EffectiveHint> = {
    readOnlyHint: compare('readOnlyHint', declared.readOnlyHint, inferred.readOnlyHint, true),
    destructiveHint: compare('destructiveHint', declared.destructiveHint, inferred.destructiveHint, changes),
    idempotentHint: compare('idempotentHint', declared.idempotentHint, inferred.idempotentHint, changes),
    openWorldHint: compare('openWorldHint', declared.openWorldHint, inferred.openWorldHint, true),
  };
  const mismatches = HINT_NAMES.filter((name) => hints[name].isMismatch);
  return {
    ...hints,
    hasMismatch: mismatches.length > 0,
    hasUnsafeMismatch: mismatches.some((name) => hints[name].isUnsafe),
    mismatches,
  };
}

interface Inference {
  value: boolean | null;
  rule: string;
  reason: string;
}

function compare(
  name: HintName,
  declared: Declared,
  inference: Inference,
  isMeaningful: boolean,
): EffectiveHint {
  const isMismatch =
    isMeaningful && declared.value !== null && inference.value !== null && declared.value !== inference.value;
  return {
    declared: declared.value,
    declaration: declared.declaration,
    inferred: inference.value,
    effective: inference.value ?? SPEC_DEFAULTS[name],
    isMismatch,
    isUnsafe: isMismatch && declared.value !== SPEC_DEFAULTS[name],
    rule: inference.rule,
    reason: inference.reason,
  };
}

// The classifier's own reading of the hints (`readHints`) decides the values; only whether a key was there at all
// is read here, so a non-boolean (`"true"`, 1) shows as invalid rather than absent.
function declaredHints(annotations: unknown): Record<HintName, Declared> {
  const record = isRecord(annotations) ? annotations : undefined;
  const hints = readHints(record);
  const declared = (name: HintName, value: boolean | undefined): Declared => {
    if (value !== undefined) return { value, declaration: 'boolean' };
    return { value: null, declaration: record?.[name] !== undefined ? 'invalid' : 'absent' };
  };
  return {
    readOnlyHint: declared('readOnlyHint', hints.readOnly),
    destructiveHint: declared('destructiveHint', hints.destructive),
    idempotentHint: declared('idempotentHint', hints.idempotent),
    openWorldHint: declared('openWorldHint', hints.openWorld),
  };
}

interface Declared {
  value: boolean | null;
  declaration: HintDeclaration;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type Verdict = Pick<Classification, 'category' | 'factors' | 'evidence'>;

// taxonomy.md, Category: Read "returns information and changes nothing that outlives the call".
function inferReadOnly(verdict: Verdict): Inference {
  const why = categoryWhy(verdict);
  if (verdict.category === 'Read')
    return {
      value: true,
      rule: 'hint.read-only.read',
      reason: `Read${why}: changes nothing that outlives the call`,
    };
  return {
    value: false,
    rule: 'hint.read-only.changes',
    reason: `${verdict.category}${why}: ${verdict.category === 'Write' ? 'changes persistent state or sends on the user’s behalf' : 'runs what its arguments decide'}`,
  };
}

// The spec's destructiveHint is meaningful only for a tool that is not read-only; the taxonomy's `destructive` factor
// ("can delete, overwrite or irreversibly change") is the same claim. An Execute tool runs what its arguments say,
// so it may destroy whether or not a factor was found.
function inferDestructive(verdict: Verdict): Inference {
  if (verdict.factors.includes('destructive'))
    return {
      value: true,
      rule: 'hint.destructive.factor',
      reason: `factor destructive${factorWhy(verdict, 'destructive')}`,
    };
  if (verdict.category === 'Execute')
    return {
      value: true,
      rule: 'hint.destructive.execute',
      reason: `Execute${categoryWhy(verdict)}: what it runs is decided by its arguments, so it may destroy`,
    };
  if (verdict.category === 'Read')
    return {
      value: false,
      rule: 'hint.destructive.read',
      reason: 'Read: it changes nothing, so destroys nothing',
    };
  return {
    value: false,
    rule: 'hint.destructive.additive',
    reason:
      'Write without the destructive factor: nothing shows it deletes, overwrites or irreversibly changes',
  };
}

// The spec: idempotent means "calling the tool repeatedly with the same arguments will have no additional effect".
// Read tools have none to begin with. A Write is idempotent only when the verb that decided its category sets a
// named thing to a given state, and not idempotent when that verb adds something each call; any other Write, and
// every Execute (its effect is its arguments'), is unknown, since guessing would be a claim the verdict cannot back.
function inferIdempotent(verdict: Verdict): Inference {
  if (verdict.category === 'Read')
    return {
      value: true,
      rule: 'hint.idempotent.read',
      reason: 'Read: a repeated call changes nothing (the spec reads this hint only when not read-only)',
    };
  if (verdict.category === 'Execute')
    return {
      value: null,
      rule: 'hint.idempotent.execute',
      reason: 'Execute: whether a repeated run adds an effect depends on what its arguments run',
    };
  const verb = decidingVerb(verdict);
  if (verb !== undefined && SETS_STATE.has(verb.lemma))
    return {
      value: true,
      rule: 'hint.idempotent.sets-state',
      reason: `the ${verb.source} verb "${verb.quote}" sets a state: a repeated call finds it set`,
    };
  const kind = verb === undefined ? undefined : verbKind(verb.lemma);
  if (verb !== undefined && (ADDS_EACH_CALL.has(verb.lemma) || kind === 'send' || kind === 'financial'))
    return {
      value: false,
      rule: 'hint.idempotent.adds-each-call',
      reason: `the ${verb.source} verb "${verb.quote}" ${kind === 'send' ? 'sends again' : kind === 'financial' ? 'moves money again' : 'adds another'} on each call`,
    };
  return {
    value: null,
    rule: 'hint.idempotent.unknown',
    reason:
      verb === undefined
        ? 'Write decided by no verb: nothing shows whether a repeated call adds an effect'
        : `the ${verb.source} verb "${verb.quote}" does not show whether a repeated call adds an effect`,
  };
}

// The spec's open world: "may interact with an open world of external entities" (a web search), against a closed
// domain (a memory). Third-party content, sending outside the user's control, moving money and running code each
// reach outside; so does every Execute tool, whose reach its arguments decide.
function inferOpenWorld(verdict: Verdict): Inference {
  const factor = OPEN_WORLD_FACTORS.find((candidate) => verdict.factors.includes(candidate));
  if (factor !== undefined)
    return {
      value: true,
      rule: 'hint.open-world.factor',
      reason: `factor ${factor}${factorWhy(verdict, factor)}`,
    };
  if (verdict.category === 'Execute')
    return {
      value: true,
      rule: 'hint.open-world.execute',
      reason: `Execute${categoryWhy(verdict)}: what it reaches is decided by its arguments`,
    };
  return {
    value: false,
    rule: 'hint.open-world.closed',
    reason: `no factor shows it reaches outside the user’s own data (${OPEN_WORLD_FACTORS.join(', ')})`,
  };
}

/** The evidence that decided the category (the category rules log it with an effect naming the category). */
function categoryEvidence(verdict: Verdict): Evidence | undefined {
  return verdict.evidence.find(
    (item) => item.rule?.startsWith('category.') === true && item.effect.startsWith(verdict.category),
  );
}

function categoryWhy(verdict: Verdict): string {
  const item = categoryEvidence(verdict);
  return item === undefined ? '' : ` (the ${item.source} "${item.quote}")`;
}

// A factor's quote is always logged with the effect `factor (Level): why`, past the evidence cap too.
function factorWhy(verdict: Verdict, factor: RiskFactor): string {
  const item = verdict.evidence.find((candidate) => candidate.effect.startsWith(`${factor} (`));
  return item === undefined ? '' : ` (the ${item.source} "${item.quote}")`;
}

const VERB_RULE = /^category\.(read|write|execute)\.(name|title|description)-verb$/;

/** The verb that decided the category, read back from its evidence (`category.write.name-verb`, quote "set"). */
function decidingVerb(verdict: Verdict): { lemma: string; quote: string; source: string } | undefined {
  const item = categoryEvidence(verdict);
  if (item?.rule === undefined || !VERB_RULE.test(item.rule)) return undefined;
  return { lemma: lemmaOf(item.quote.toLowerCase()), quote: item.quote, source: item.source };
}
