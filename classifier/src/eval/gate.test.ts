// The eval as a gate: `npm test` fails on a new under-classification or a lost High+Critical hit on dev or dev2,
// and on a baseline that no longer matches every verdict (regenerate it with `npm run eval -- --update-baseline`).
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGate, type GateResult } from './compare.js';
import { BASELINE_SETS, loadBaseline, scoreSets } from './load.js';

describe('the eval gate against classifier/eval/baseline.json', () => {
  let gate: GateResult;
  let problems: string[];
  beforeAll(() => {
    const scored = scoreSets(BASELINE_SETS);
    problems = scored.problems;
    gate = checkGate(loadBaseline(), scored.scoredSets);
  });

  it('reads every labelled tool of dev and dev2', () => {
    expect(problems).toEqual([]);
  });

  it('finds no new under-classification and no lost High+Critical hit on dev or dev2', () => {
    if (gate.regressions !== undefined) expect.fail(gate.regressions);
    expect(gate.changes.filter((change) => change.regressions.length > 0)).toEqual([]);
  });

  it('has a baseline that matches every verdict on dev and dev2', () => {
    if (gate.stale !== undefined) expect.fail(gate.stale);
    expect(gate.changes).toEqual([]);
  });
});
