// The baseline file: sorted, rounded, read back as written, and refused with a JSON path when it is not a baseline.
import { describe, expect, it } from 'vitest';
import type { Classification } from '../types.js';
import { buildBaseline, parseBaseline, serializeBaseline } from './baseline.js';
import type { ScoredTool } from './metrics.js';

function item(
  server: string,
  tool: string,
  confidence: number,
  category: 'Read' | 'Write' = 'Read',
): ScoredTool {
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
  return { server, tool, label: { category: 'Read', risk: 'Low', factors: [] }, got };
}

describe('the baseline file', () => {
  it('sorts sets, servers and tools by code unit and rounds confidence to 2 dp', () => {
    const baseline = buildBaseline({
      dev2: [item('b', 'z', 0.5)],
      dev: [item('b', 'a', 0.916), item('a', 'b', 0.333), item('B', 'c', 1)],
    });
    expect(Object.keys(baseline.sets)).toEqual(['dev', 'dev2']);
    expect(Object.keys(baseline.sets.dev ?? {})).toEqual(['B', 'a', 'b']);
    expect(baseline.sets.dev?.b?.a?.confidence).toBe(0.92);
    expect(baseline.sets.dev?.a?.b?.confidence).toBe(0.33);
  });

  it('reads back exactly what it wrote, with short lists on one line', () => {
    const baseline = buildBaseline({ dev: [item('srv', 'tool', 0.9)] });
    const text = serializeBaseline(baseline);
    expect(parseBaseline(JSON.parse(text))).toEqual(baseline);
    expect(text).toContain('\n          "factors": [],\n');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('names the JSON path of the first thing that is not a baseline', () => {
    const broken = { sets: { dev: { srv: { tool: { category: 'Maybe' } } } } };
    expect(() => parseBaseline(broken)).toThrow('baseline: $.sets.dev.srv.tool.label is not an object');
    expect(() => parseBaseline([])).toThrow('baseline: $ is not an object');
  });
});
