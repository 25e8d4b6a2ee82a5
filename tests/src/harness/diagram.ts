// Reading the arrows of a box-drawing diagram (the README's workspace layout): `a/ ──► b/, c/`, `b/ ◄── a/`, and
// lines that turn (│ └ ┘ ┌ ┐) from one folder name to an arrowhead (► ◄ ▲ ▼) at another.

type Direction = 'up' | 'down' | 'left' | 'right';

const STEP: Record<Direction, [number, number]> = { up: [-1, 0], down: [1, 0], left: [0, -1], right: [0, 1] };
const OPPOSITE: Record<Direction, Direction> = { up: 'down', down: 'up', left: 'right', right: 'left' };

/** The directions each drawing character joins; an arrowhead joins only its tail. */
const JOINS: Record<string, Direction[]> = {
  '─': ['left', 'right'],
  '│': ['up', 'down'],
  '└': ['up', 'right'],
  '┘': ['up', 'left'],
  '┌': ['down', 'right'],
  '┐': ['down', 'left'],
  '►': ['left'],
  '◄': ['right'],
  '▲': ['down'],
  '▼': ['up'],
};
/** Where each arrowhead points. */
const HEADS: Record<string, Direction> = { '►': 'right', '◄': 'left', '▲': 'up', '▼': 'down' };

interface Token {
  name: string;
  row: number;
  start: number;
  end: number;
}

/** Every arrow the diagram draws, as `from → to` between folder names (`cli/` is `cli`), sorted. */
export function diagramEdges(diagram: string): string[] {
  const lines = diagram.split('\n');
  const at = (row: number, col: number): string => lines[row]?.[col] ?? ' ';
  const tokens: Token[] = lines.flatMap((line, row) =>
    [...line.matchAll(/[a-z]+\//g)].map((match) => ({
      name: match[0].slice(0, -1),
      row,
      start: match.index,
      end: match.index + match[0].length - 1,
    })),
  );
  const tokenAt = (row: number, col: number) =>
    tokens.find((token) => token.row === row && col >= token.start && col <= token.end);
  const joins = (row: number, col: number, direction: Direction): boolean =>
    (JOINS[at(row, col)] ?? []).includes(direction);

  /** The folder a line's open end reaches: across text on its row, across blanks only up or down. */
  const reach = (row: number, col: number, direction: Direction): Token | undefined => {
    const [dr, dc] = STEP[direction];
    for (let r = row + dr, c = col + dc; r >= 0 && r < lines.length && c >= 0 && c < 200; r += dr, c += dc) {
      const token = tokenAt(r, c);
      if (token) return token;
      if (at(r, c) in JOINS) return undefined;
      if (dr !== 0 && at(r, c) !== ' ') return undefined;
    }
    return undefined;
  };
  /** A target and the folders listed after it with commas (`──► api/, crawler/`). */
  const listFrom = (first: Token): Token[] => {
    const listed = [first];
    for (let token = first; ; ) {
      const rest = (lines[token.row] ?? '').slice(token.end + 1);
      const next = /^,\s*/.exec(rest);
      const following = next ? tokenAt(token.row, token.end + 1 + next[0].length) : undefined;
      if (!following) return listed;
      listed.push(following);
      token = following;
    }
  };

  const edges = new Set<string>();
  const seen = new Set<string>();
  for (const [row, line] of lines.entries()) {
    for (let col = 0; col < line.length; col++) {
      if (!(at(row, col) in JOINS) || seen.has(`${row},${col}`)) continue;
      // One drawn line: every character joined to the next, from its tail's folders to its heads' folders.
      const sources: Token[] = [];
      const targets: Token[] = [];
      const queue: [number, number][] = [[row, col]];
      seen.add(`${row},${col}`);
      while (queue.length > 0) {
        const [r, c] = queue.pop() ?? [0, 0];
        const head = HEADS[at(r, c)];
        if (head) {
          const target = reach(r, c, head);
          if (target) targets.push(...(head === 'right' ? listFrom(target) : [target]));
        }
        for (const direction of JOINS[at(r, c)] ?? []) {
          const [dr, dc] = STEP[direction];
          const [nr, nc] = [r + dr, c + dc];
          if (joins(nr, nc, OPPOSITE[direction])) {
            if (!seen.has(`${nr},${nc}`)) {
              seen.add(`${nr},${nc}`);
              queue.push([nr, nc]);
            }
          } else {
            const source = reach(r, c, direction);
            if (source) sources.push(source);
          }
        }
      }
      for (const source of sources)
        for (const target of targets) edges.add(`${source.name} → ${target.name}`);
    }
  }
  return [...edges].sort();
}

/** The first fenced block of `markdown` after the line `after`, as drawn. */
export function fencedBlockAfter(markdown: string, after: string): string {
  const start = markdown.indexOf(after);
  if (start < 0) return '';
  const block = /```\n([\s\S]*?)\n```/.exec(markdown.slice(start));
  return block?.[1] ?? '';
}
