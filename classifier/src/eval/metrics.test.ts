// Agreement per confidence band: every tool in exactly one band, empty bands reported as such.
import { describe, expect, it } from 'vitest';
import type { Classification } from '../types.js';
import { measureConfidenceBands, type ScoredTool } from './metrics.js';

function item(tool: string, confidence: number, category: 'Read' | 'Write' = 'Read'): ScoredTool {
  const got: Classification = {
    category,
    risk: 'Low',
    factors: [],
    confidence,
    rationale: '',
    evidence: [],
    fiveClass: category,
    classifierVersion: 'test',
  };
  return { server: 's', tool, label: { category: 'Read', risk: 'Low', factors: [] }, got };
}

describe('measureConfidenceBands', () => {
  it('puts each tool in one band (the last includes 1) and reports an empty band as null', () => {
    const bands = measureConfidenceBands([
      item('a', 0.59),
      item('b', 0.6, 'Write'),
      item('c', 0.9),
      item('d', 1),
    ]);
    expect(bands.map((band) => [band.band, band.tools, band.categoryAccuracy, band.riskExact])).toEqual([
      ['<0.6', 1, 1, 1],
      ['0.6–0.75', 1, 0, 1],
      ['0.75–0.9', 0, null, null],
      ['≥0.9', 2, 1, 1],
    ]);
  });
});
