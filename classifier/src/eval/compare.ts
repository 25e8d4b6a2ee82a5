// Verdicts against the committed baseline: what changed, whether towards the label, and the gate `npm test` applies.
// Pure: callers hand over the parsed baseline and the scored sets.
import type { Evidence } from '../types.js';
import { riskRank } from '../types.js';
import { type Baseline, type BaselineVerdict, buildBaseline, byCodeUnit } from './baseline.js';
import type { Label, ScoredTool } from './metrics.js';

/** The command that rewrites the baseline, as the gate tells the developer. */
export const UPDATE_BASELINE_COMMAND = 'npm run eval -- --update-baseline';

/** What a change breaks that the gate refuses (eval/README.md: the dangerous errors). */
export type Regression = 'under-classification' | 'lost High+Critical hit';

/** One verdict that differs from the baseline. */
export interface VerdictChange {
  set: string;
  server: string;
  tool: string;
  /** The label now in the set (a relabelled tool is judged against its new label). */
  label: Label;
  /** Absent when the tool is new to the set. */
  before?: BaselineVerdict;
  /** Absent when the tool has left the set. */
  after?: BaselineVerdict;
  /** The evidence of the new classification (absent when the tool left the set). */
  evidence: Evidence[];
  /** Closer to the label (category right, then risk distance, then factors), further, or neither. */
  direction: 'toward' | 'away' | 'sideways';
  /** Category and risk now match the label and did not before. */
  fixed: boolean;
  /** Category and risk matched the label and now do not. */
  broken: boolean;
  regressions: Regression[];
}

/** Every verdict that differs between the baseline and the scored sets, in set, server, tool order. */
export function diffVerdicts(
  baseline: Baseline,
  scoredSets: Readonly<Record<string, readonly ScoredTool[]>>,
): VerdictChange[] {
  const current = buildBaseline(scoredSets).sets;
  const evidence = new Map<string, Evidence[]>();
  for (const [setName, items] of Object.entries(scoredSets)) {
    for (const item of items) evidence.set(keyOf(setName, item.server, item.tool), item.got.evidence);
  }
  const changes: VerdictChange[] = [];
  const setNames = union(Object.keys(baseline.sets), Object.keys(current));
  for (const setName of setNames) {
    const beforeServers = baseline.sets[setName] ?? {};
    const afterServers = current[setName] ?? {};
    for (const server of union(Object.keys(beforeServers), Object.keys(afterServers))) {
      const beforeTools = beforeServers[server] ?? {};
      const afterTools = afterServers[server] ?? {};
      for (const tool of union(Object.keys(beforeTools), Object.keys(afterTools))) {
        const before = beforeTools[tool];
        const after = afterTools[tool];
        if (before !== undefined && after !== undefined && sameVerdict(before, after)) continue;
        const label = after?.label ?? before?.label;
        if (label === undefined) continue;
        changes.push(
          describeChange(
            setName,
            server,
            tool,
            label,
            before,
            after,
            evidence.get(keyOf(setName, server, tool)),
          ),
        );
      }
    }
  }
  return changes;
}

function describeChange(
  set: string,
  server: string,
  tool: string,
  label: Label,
  before: BaselineVerdict | undefined,
  after: BaselineVerdict | undefined,
  evidence: Evidence[] | undefined,
): VerdictChange {
  const change: VerdictChange = {
    set,
    server,
    tool,
    label,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    evidence: evidence ?? [],
    direction: 'sideways',
    fixed: false,
    broken: false,
    regressions: [],
  };
  if (after === undefined) return change;
  const wasRight = before !== undefined && isRight(before, label);
  change.fixed = !wasRight && isRight(after, label);
  change.broken = wasRight && !isRight(after, label);
  const order = before === undefined ? 0 : compareDistance(distance(after, label), distance(before, label));
  change.direction = order < 0 ? 'toward' : order > 0 ? 'away' : 'sideways';
  // A tool new to the set has no earlier verdict: an under-classification of it is new; it had no hit to lose.
  if (label.category !== 'Read' && after.category === 'Read' && before?.category !== 'Read')
    change.regressions.push('under-classification');
  if (
    isHighCritical(label.risk) &&
    before !== undefined &&
    isHighCritical(before.risk) &&
    !isHighCritical(after.risk)
  )
    change.regressions.push('lost High+Critical hit');
  return change;
}

/** What the gate found: regressions (dangerous new errors) and staleness (any difference at all), as messages. */
export interface GateResult {
  changes: VerdictChange[];
  /** Undefined when no change is a regression. */
  regressions?: string;
  /** Undefined when the baseline matches every verdict. */
  stale?: string;
}

/** Applies the gate: every regression is named; a stale baseline lists its first `limit` differences. */
export function checkGate(
  baseline: Baseline,
  scoredSets: Readonly<Record<string, readonly ScoredTool[]>>,
  limit = 20,
): GateResult {
  const changes = diffVerdicts(baseline, scoredSets);
  const result: GateResult = { changes };
  const regressed = changes.filter((change) => change.regressions.length > 0);
  if (regressed.length > 0) {
    result.regressions = [
      `${regressed.length} verdict(s) regressed against classifier/eval/baseline.json:`,
      ...regressed.map((change) => `  ${change.regressions.join(', ')}: ${describeLine(change)}`),
      `If the change is intended, run \`${UPDATE_BASELINE_COMMAND}\` and commit the baseline with it.`,
    ].join('\n');
  }
  if (changes.length > 0) {
    result.stale = [
      `classifier/eval/baseline.json is stale: ${changes.length} verdict(s) differ; the first ${Math.min(limit, changes.length)}:`,
      ...changes.slice(0, limit).map((change) => `  ${describeLine(change)}`),
      `Run \`npm run eval -- --diff\` to see them all with their evidence, and \`${UPDATE_BASELINE_COMMAND}\` to accept them.`,
    ].join('\n');
  }
  return result;
}

/** One line for a change: where, old → new verdict, and the label. */
export function describeLine(change: VerdictChange): string {
  const where = `${change.set} ${change.server} ${change.tool}`;
  const label = `label ${formatVerdict(change.label)}`;
  if (change.before === undefined) return `${where}: new tool, now ${formatVerdict(change.after)} (${label})`;
  if (change.after === undefined)
    return `${where}: no longer in the set, was ${formatVerdict(change.before)}`;
  return `${where}: ${formatVerdict(change.before)} → ${formatVerdict(change.after)} (${label}; ${change.direction})`;
}

/** `Category/Risk [factors] c=0.85`; the confidence only for classifier verdicts. */
export function formatVerdict(verdict: BaselineVerdict | Label | undefined): string {
  if (verdict === undefined) return 'nothing';
  const factors = verdict.factors.length === 0 ? '[]' : `[${verdict.factors.join(', ')}]`;
  const confidence = 'confidence' in verdict ? ` c=${verdict.confidence.toFixed(2)}` : '';
  return `${verdict.category}/${verdict.risk} ${factors}${confidence}`;
}

function sameVerdict(a: BaselineVerdict, b: BaselineVerdict): boolean {
  return (
    a.category === b.category &&
    a.risk === b.risk &&
    a.confidence === b.confidence &&
    sameList(a.factors, b.factors) &&
    a.label.category === b.label.category &&
    a.label.risk === b.label.risk &&
    sameList(a.label.factors, b.label.factors)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function isRight(verdict: BaselineVerdict, label: Label): boolean {
  return verdict.category === label.category && verdict.risk === label.risk;
}

function isHighCritical(risk: string): boolean {
  return risk === 'High' || risk === 'Critical';
}

// Lexicographic: a wrong category outweighs any risk distance, which outweighs factor differences.
function distance(verdict: BaselineVerdict, label: Label): [number, number, number] {
  const wrongCategory = verdict.category === label.category ? 0 : 1;
  const riskDistance = Math.abs(riskRank(verdict.risk) - riskRank(label.risk));
  const labelled = new Set(label.factors);
  const given = new Set(verdict.factors);
  const factorMismatch =
    verdict.factors.filter((factor) => !labelled.has(factor)).length +
    label.factors.filter((factor) => !given.has(factor)).length;
  return [wrongCategory, riskDistance, factorMismatch];
}

function compareDistance(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort(byCodeUnit);
}

function keyOf(set: string, server: string, tool: string): string {
  return JSON.stringify([set, server, tool]);
}
