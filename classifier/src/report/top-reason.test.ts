// The reason a --fail-on gate prints: the observation that set the level, else the rationale's own words.
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../classify.js';
import type { Classification } from '../types.js';
import { topReasonOf } from './top-reason.js';

const base: Classification = {
  category: 'Write',
  risk: 'Medium',
  factors: [],
  confidence: 0.9,
  rationale:
    'Write: The name verb "edit" shows a tool that changes state. Medium because a Write changes state.',
  evidence: [{ source: 'name', quote: 'edit', effect: 'Write (changes state)' }],
  fiveClass: 'Write',
  classifierVersion: '0.0.0',
};

describe('topReasonOf', () => {
  it('names the evidence that set the level, quote included', () => {
    const classification = classifyTool({ name: 'delete_file', description: 'Delete a file' });
    const reason = topReasonOf(classification);
    expect(classification.evidence.map((item) => item.effect)).toContain(reason);
    expect(reason).toContain(`(${classification.risk})`);
  });

  it('falls back to the first reason of the level sentence, then to the first sentence', () => {
    expect(topReasonOf(base)).toBe('a Write changes state');
    expect(
      topReasonOf({
        ...base,
        rationale: 'Medium because a Write changes state; it sends mail. Confidence 0.5.',
      }),
    ).toBe('a Write changes state');
    expect(topReasonOf({ ...base, rationale: 'Write: it changes state. More.' })).toBe(
      'Write: it changes state',
    );
  });
});
