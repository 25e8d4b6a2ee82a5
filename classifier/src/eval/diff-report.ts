// `npm run eval -- --diff` as text: each changed verdict with the evidence (and rule ids) behind the new one, then counts.
import type { Evidence } from '../types.js';
import { describeLine, UPDATE_BASELINE_COMMAND, type VerdictChange } from './compare.js';

/** Counts over a list of changes. */
export interface DiffSummary {
  changed: number;
  fixed: number;
  broken: number;
  toward: number;
  away: number;
  sideways: number;
  underClassifications: number;
  lostHighCritical: number;
}

/** Counts changed, fixed and broken verdicts, and which way they moved. */
export function summarizeDiff(changes: readonly VerdictChange[]): DiffSummary {
  const count = (test: (change: VerdictChange) => boolean): number => changes.filter(test).length;
  return {
    changed: changes.length,
    fixed: count((change) => change.fixed),
    broken: count((change) => change.broken),
    toward: count((change) => change.after !== undefined && change.direction === 'toward'),
    away: count((change) => change.after !== undefined && change.direction === 'away'),
    sideways: count((change) => change.after !== undefined && change.direction === 'sideways'),
    underClassifications: count((change) => change.regressions.includes('under-classification')),
    lostHighCritical: count((change) => change.regressions.includes('lost High+Critical hit')),
  };
}

/** One evidence item: source, rule id when the item names one, quote and effect. */
export function formatEvidence(item: Evidence): string {
  const rule = 'rule' in item && typeof item.rule === 'string' ? ` rule=${item.rule}` : '';
  const path = item.path === undefined ? '' : ` at ${item.path}`;
  return `${item.source}${rule}${path}: ${JSON.stringify(item.quote)} → ${item.effect}`;
}

/** The whole diff report. */
export function formatDiff(changes: readonly VerdictChange[]): string {
  const lines: string[] = [];
  for (const change of changes) {
    const marks = [
      change.fixed ? 'fixed' : '',
      change.broken ? 'broken' : '',
      ...change.regressions.map((regression) => `NEW ${regression}`),
    ].filter((mark) => mark !== '');
    lines.push(`${describeLine(change)}${marks.length > 0 ? ` [${marks.join('; ')}]` : ''}`);
    for (const item of change.evidence) lines.push(`    ${formatEvidence(item)}`);
  }
  const summary = summarizeDiff(changes);
  if (changes.length === 0) lines.push('no verdict differs from classifier/eval/baseline.json');
  lines.push(
    '',
    `changed: ${summary.changed} (toward the label ${summary.toward}, away ${summary.away}, neither ${summary.sideways})`,
    `fixed:   ${summary.fixed} (category and risk now match the label)`,
    `broken:  ${summary.broken} (category and risk matched the label, now do not)`,
    `gate:    ${summary.underClassifications} new under-classification(s), ${summary.lostHighCritical} lost High+Critical hit(s)`,
  );
  if (changes.length > 0) lines.push(`accept with: ${UPDATE_BASELINE_COMMAND}`);
  return `${lines.join('\n')}\n`;
}
