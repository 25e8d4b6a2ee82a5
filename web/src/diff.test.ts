// Guarantees of the definition diff: minimal line changes, stable key order, and folded context.
import { describe, expect, it } from 'vitest';
import { definitionLines, diffLines, foldUnchanged } from './diff.js';

describe('diffLines', () => {
  it('marks nothing when both sides are equal', () => {
    expect(diffLines(['a', 'b'], ['a', 'b'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('finds a changed line between kept ones, removal before addition', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'remove', text: 'b' },
      { kind: 'add', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('keeps the longest common subsequence across insertions and deletions', () => {
    const before = ['a', 'b', 'c', 'd', 'e'];
    const after = ['b', 'c', 'x', 'e', 'f'];
    const lines = diffLines(before, after);
    expect(lines.filter((line) => line.kind === 'same').map((line) => line.text)).toEqual(['b', 'c', 'e']);
    expect(lines.filter((line) => line.kind !== 'add').map((line) => line.text)).toEqual(before);
    expect(lines.filter((line) => line.kind !== 'remove').map((line) => line.text)).toEqual(after);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['a'])).toEqual([{ kind: 'add', text: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ kind: 'remove', text: 'a' }]);
  });

  it('falls back to a whole replacement when the table would be too big', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `b${i}`);
    const after = Array.from({ length: 1000 }, (_, i) => `a${i}`);
    const lines = diffLines(before, after);
    expect(lines).toHaveLength(2000);
    expect(lines[0]).toEqual({ kind: 'remove', text: 'b0' });
  });
});

describe('definitionLines', () => {
  it('prints keys sorted at every depth, so key order never shows as a change', () => {
    const a = definitionLines({ name: 'x', inputSchema: { type: 'object', properties: { b: {}, a: {} } } });
    const b = definitionLines({ inputSchema: { properties: { a: {}, b: {} }, type: 'object' }, name: 'x' });
    expect(a).toEqual(b);
    expect(diffLines(a, b).every((line) => line.kind === 'same')).toBe(true);
  });

  it('shows a changed description as one removed and one added line', () => {
    const lines = diffLines(
      definitionLines({ name: 'x', description: 'Get it.' }),
      definitionLines({ name: 'x', description: 'Delete it.' }),
    );
    expect(lines.filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'remove', text: '  "description": "Get it.",' },
      { kind: 'add', text: '  "description": "Delete it.",' },
    ]);
  });
});

describe('foldUnchanged', () => {
  it('keeps three lines of context around a change and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const after = [...before];
    after[10] = 'changed';
    const folded = foldUnchanged(diffLines(before, after));
    expect(folded[0]).toEqual({ kind: 'fold', count: 7 });
    expect(folded.at(-1)).toEqual({ kind: 'fold', count: 6 });
    expect(folded.filter((line) => line.kind === 'same')).toHaveLength(6);
  });
});
