// The gate's comparison on a synthetic baseline: which changes it refuses, what it says, and how it counts them.
import { describe, expect, it } from 'vitest';
import type { Category, Classification, Evidence, RiskFactor, RiskLevel } from '../types.js';
import { type Baseline, buildBaseline } from './baseline.js';
import { checkGate, diffVerdicts } from './compare.js';
import { formatDiff, formatEvidence, summarizeDiff } from './diff-report.js';
import type { Label, ScoredTool } from './metrics.js';

function verdict(
  category: Category,
  risk: RiskLevel,
  factors: RiskFactor[] = [],
  confidence = 0.9,
): Classification {
  return {
    category,
    risk,
    factors,
    confidence,
    rationale: '',
    evidence: [],
    fiveClass: category,
    classifierVersion: 'test',
  };
}

function scored(tool: string, label: Label, got: Classification, server = 'srv'): ScoredTool {
  return { server, tool, label, got };
}

const WRITE_MEDIUM: Label = { category: 'Write', risk: 'Medium', factors: [] };
const EXECUTE_HIGH: Label = { category: 'Execute', risk: 'High', factors: [] };
const WRITE_CRITICAL: Label = { category: 'Write', risk: 'Critical', factors: ['destructive'] };
const READ_LOW: Label = { category: 'Read', risk: 'Low', factors: [] };

// The world as the baseline saw it: one right verdict per tool, one existing under-classification.
function baselineOf(): Baseline {
  return buildBaseline({
    dev: [
      scored('update_item', WRITE_MEDIUM, verdict('Write', 'Medium')),
      scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Critical', ['destructive'])),
      scored('get_item', READ_LOW, verdict('Read', 'Low')),
    ],
    dev2: [
      scored('run_job', EXECUTE_HIGH, verdict('Write', 'Medium')),
      scored('sync', WRITE_MEDIUM, verdict('Read', 'Low')),
    ],
  });
}

describe('checkGate', () => {
  it('passes, with no message, when every verdict matches the baseline', () => {
    const result = checkGate(baselineOf(), {
      dev: [
        scored('update_item', WRITE_MEDIUM, verdict('Write', 'Medium')),
        scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Critical', ['destructive'])),
        scored('get_item', READ_LOW, verdict('Read', 'Low', [], 0.899)),
      ],
      dev2: [
        scored('run_job', EXECUTE_HIGH, verdict('Write', 'Medium')),
        scored('sync', WRITE_MEDIUM, verdict('Read', 'Low')),
      ],
    });
    expect(result).toEqual({ changes: [] });
  });

  it('names each new under-classification and lost High+Critical hit and says how to accept them', () => {
    const result = checkGate(baselineOf(), {
      dev: [
        scored('update_item', WRITE_MEDIUM, verdict('Read', 'Low')),
        scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Medium')),
        scored('get_item', READ_LOW, verdict('Read', 'Low')),
      ],
      dev2: [
        scored('run_job', EXECUTE_HIGH, verdict('Execute', 'High')),
        // Already called Read in the baseline: stale, but not a new under-classification.
        scored('sync', WRITE_MEDIUM, verdict('Read', 'Medium')),
        scored('exec', EXECUTE_HIGH, verdict('Read', 'Low')),
      ],
    });
    expect(result.regressions).toBe(
      [
        '3 verdict(s) regressed against classifier/eval/baseline.json:',
        '  lost High+Critical hit: dev srv delete_all: Write/Critical [destructive] c=0.90 → Write/Medium [] c=0.90 (label Write/Critical [destructive]; away)',
        '  under-classification: dev srv update_item: Write/Medium [] c=0.90 → Read/Low [] c=0.90 (label Write/Medium []; away)',
        '  under-classification: dev2 srv exec: new tool, now Read/Low [] c=0.90 (label Execute/High [])',
        'If the change is intended, run `npm run eval -- --update-baseline` and commit the baseline with it.',
      ].join('\n'),
    );
  });

  it('calls a baseline stale on any difference and lists only the first N', () => {
    const result = checkGate(
      baselineOf(),
      {
        dev: [
          scored('update_item', WRITE_MEDIUM, verdict('Write', 'Medium', [], 0.8)),
          scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Critical', ['destructive', 'bulk'])),
        ],
        dev2: [
          scored('run_job', EXECUTE_HIGH, verdict('Execute', 'High')),
          scored('sync', { ...WRITE_MEDIUM, risk: 'Low' }, verdict('Read', 'Low')),
        ],
      },
      2,
    );
    expect(result.regressions).toBeUndefined();
    expect(result.stale).toBe(
      [
        'classifier/eval/baseline.json is stale: 5 verdict(s) differ; the first 2:',
        '  dev srv delete_all: Write/Critical [destructive] c=0.90 → Write/Critical [destructive, bulk] c=0.90 (label Write/Critical [destructive]; away)',
        '  dev srv get_item: no longer in the set, was Read/Low [] c=0.90',
        'Run `npm run eval -- --diff` to see them all with their evidence, and `npm run eval -- --update-baseline` to accept them.',
      ].join('\n'),
    );
    expect(result.changes.map((change) => `${change.set} ${change.tool}`)).toEqual([
      'dev delete_all',
      'dev get_item',
      'dev update_item',
      'dev2 run_job',
      'dev2 sync',
    ]);
  });

  it('does not call a High+Critical miss that was already a miss a lost hit', () => {
    const result = checkGate(baselineOf(), {
      dev: [
        scored('update_item', WRITE_MEDIUM, verdict('Write', 'Medium')),
        scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Critical', ['destructive'])),
        scored('get_item', READ_LOW, verdict('Read', 'Low')),
      ],
      dev2: [
        scored('run_job', EXECUTE_HIGH, verdict('Write', 'Low')),
        scored('sync', WRITE_MEDIUM, verdict('Read', 'Low')),
      ],
    });
    expect(result.regressions).toBeUndefined();
    expect(result.stale).toContain('dev2 srv run_job: Write/Medium [] c=0.90 → Write/Low [] c=0.90');
  });
});

describe('the --diff report', () => {
  const evidence: Evidence[] = [
    { source: 'name', quote: 'run', effect: 'Execute' },
    { source: 'parameter', quote: 'command', effect: 'code_execution', path: 'properties.command' },
  ];

  it('counts changed, fixed and broken verdicts and which way they moved', () => {
    const changes = diffVerdicts(baselineOf(), {
      dev: [
        scored('update_item', WRITE_MEDIUM, verdict('Write', 'High')),
        scored('delete_all', WRITE_CRITICAL, verdict('Write', 'Critical', ['destructive'], 0.7)),
        scored('get_item', READ_LOW, verdict('Read', 'Low')),
      ],
      dev2: [
        { ...scored('run_job', EXECUTE_HIGH, { ...verdict('Execute', 'High'), evidence }) },
        scored('sync', WRITE_MEDIUM, verdict('Write', 'Low')),
      ],
    });
    expect(summarizeDiff(changes)).toEqual({
      changed: 4,
      fixed: 1,
      broken: 1,
      toward: 2,
      away: 1,
      sideways: 1,
      underClassifications: 0,
      lostHighCritical: 0,
    });
    const report = formatDiff(changes);
    expect(report).toContain(
      'dev2 srv run_job: Write/Medium [] c=0.90 → Execute/High [] c=0.90 (label Execute/High []; toward) [fixed]\n' +
        '    name: "run" → Execute\n' +
        '    parameter at properties.command: "command" → code_execution\n',
    );
    expect(report).toContain('(label Write/Medium []; away) [broken]');
    expect(report).toContain('changed: 4 (toward the label 2, away 1, neither 1)');
  });

  it('prints the rule id of an evidence item that names one', () => {
    const withRule = {
      source: 'name',
      quote: 'delete',
      effect: 'destructive',
      rule: 'verb.destroy',
    } as const;
    expect(formatEvidence(withRule)).toBe('name rule=verb.destroy: "delete" → destructive');
    expect(formatEvidence({ source: 'description', quote: 'runs', effect: 'Execute' })).toBe(
      'description: "runs" → Execute',
    );
  });
});
