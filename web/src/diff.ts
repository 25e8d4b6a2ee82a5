// A small line diff (longest common subsequence) of tool definitions as pretty, key-sorted JSON.
import { canonicalJson } from '@toolrisk/classifier';

/** One line of a diff: kept, added or removed. */
export interface DiffLine {
  kind: 'same' | 'add' | 'remove';
  text: string;
}

/** Above this many line pairs the LCS table is too big for a page render: show a whole replacement. */
const MAX_CELLS = 400_000;

/** Pretty-prints a definition with keys sorted at every depth, so equal definitions give equal lines. */
export function definitionLines(definition: unknown): string[] {
  const parsed: unknown = JSON.parse(canonicalJson(definition) ?? 'null');
  return (JSON.stringify(parsed, null, 2) ?? 'null').split('\n');
}

/** Diffs two line lists: the common subsequence kept, the rest removed (from `before`) or added (from `after`). */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const head = before.slice(0, start).map((text): DiffLine => ({ kind: 'same', text }));
  const tail = before.slice(endB).map((text): DiffLine => ({ kind: 'same', text }));
  return [...head, ...middle(before.slice(start, endB), after.slice(start, endA)), ...tail];
}

function middle(b: readonly string[], a: readonly string[]): DiffLine[] {
  if (b.length * a.length > MAX_CELLS) {
    return [
      ...b.map((text): DiffLine => ({ kind: 'remove', text })),
      ...a.map((text): DiffLine => ({ kind: 'add', text })),
    ];
  }
  // lcs[i][j]: length of the LCS of b[i..] and a[j..], in one flat array.
  const width = a.length + 1;
  const lcs = new Uint32Array((b.length + 1) * width);
  for (let i = b.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        b[i] === a[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < b.length || j < a.length) {
    const bi = b[i];
    const aj = a[j];
    if (bi !== undefined && aj !== undefined && bi === aj) {
      out.push({ kind: 'same', text: bi });
      i++;
      j++;
    } else if (
      bi !== undefined &&
      (aj === undefined || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))
    ) {
      out.push({ kind: 'remove', text: bi });
      i++;
    } else if (aj !== undefined) {
      out.push({ kind: 'add', text: aj });
      j++;
    }
  }
  return out;
}

/** A run of unchanged lines folded away, or one line shown. */
export type DiffHunkLine = DiffLine | { kind: 'fold'; count: number };

/** Keeps `context` unchanged lines around each change and folds the rest. */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): DiffHunkLine[] {
  const near = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((line) => line.kind !== 'same'),
  );
  const out: DiffHunkLine[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (line.kind === 'same' && !near[index]) {
      folded++;
      return;
    }
    if (folded > 0) out.push({ kind: 'fold', count: folded });
    folded = 0;
    out.push(line);
  });
  if (folded > 0) out.push({ kind: 'fold', count: folded });
  return out;
}
