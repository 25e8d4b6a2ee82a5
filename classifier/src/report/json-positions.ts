// Where values sit in JSON text: the line and column of `$.tools[3]` in the document a user submitted.

/** A span of text, 1-based lines and columns (UTF-16 code units, as SARIF counts by default); the end column is exclusive. */
export interface TextRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** 0-based offset of the first character, and the span's length, in UTF-16 code units. */
  charOffset: number;
  charLength: number;
}

const PATH_SEGMENT = /\.[^.[]+|\[\d+\]/g;

/** Every proper prefix of a JSON path (`$`, `$.tools` for `$.tools[3]`): the containers to descend into. */
function prefixesOf(path: string): string[] {
  const prefixes = ['$'];
  let current = '$';
  for (const segment of path.slice(1).match(PATH_SEGMENT) ?? []) {
    current += segment;
    prefixes.push(current);
  }
  prefixes.pop();
  return prefixes;
}

/** 0-based offsets at which each line starts; a line ends at LF, CR or CRLF (SARIF §3.30.2). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based line holding an offset (binary search over line starts). */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Reads JSON text once, recording the spans of the wanted paths; everything else is skipped without recursion. */
class JsonScanner {
  private i = 0;
  readonly spans = new Map<string, [number, number]>();

  constructor(
    private readonly text: string,
    private readonly wanted: ReadonlySet<string>,
    private readonly containers: ReadonlySet<string>,
  ) {}

  value(path: string): void {
    this.skipWhitespace();
    const start = this.i;
    const char = this.text[this.i];
    if (this.containers.has(path) && (char === '{' || char === '[')) {
      // A repeated key replaces the earlier value (as JSON.parse does): forget what was found under it.
      for (const found of this.spans.keys())
        if (found.startsWith(path) && found !== path) this.spans.delete(found);
      if (char === '{') this.object(path);
      else this.array(path);
    } else {
      this.skipValue();
    }
    if (this.wanted.has(path)) this.spans.set(path, [start, this.i]);
  }

  private object(path: string): void {
    this.i++;
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.i] !== '"') break;
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.i] !== ':') return;
      this.i++;
      this.value(`${path}.${key}`);
      this.skipWhitespace();
      if (this.text[this.i] !== ',') break;
      this.i++;
    }
    if (this.text[this.i] === '}') this.i++;
  }

  private array(path: string): void {
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; this.i < this.text.length; index++) {
      this.value(`${path}[${index}]`);
      this.skipWhitespace();
      if (this.text[this.i] !== ',') break;
      this.i++;
    }
    if (this.text[this.i] === ']') this.i++;
  }

  private skipWhitespace(): void {
    while (this.i < this.text.length) {
      const char = this.text[this.i];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.i++;
    }
  }

  private skipString(): void {
    this.i++;
    while (this.i < this.text.length) {
      const char = this.text[this.i];
      this.i += char === '\\' ? 2 : 1;
      if (char === '"') return;
    }
  }

  private readString(): string {
    const start = this.i;
    this.skipString();
    try {
      const key: unknown = JSON.parse(this.text.slice(start, this.i));
      return typeof key === 'string' ? key : '';
    } catch {
      return '';
    }
  }

  // Iterative, so a hostile 10,000-deep inputSchema cannot exhaust the stack.
  private skipValue(): void {
    const char = this.text[this.i];
    if (char === '"') {
      this.skipString();
      return;
    }
    if (char !== '{' && char !== '[') {
      while (this.i < this.text.length && !',]} \t\n\r'.includes(this.text[this.i] ?? '')) this.i++;
      return;
    }
    let depth = 0;
    while (this.i < this.text.length) {
      const next = this.text[this.i];
      if (next === '"') {
        this.skipString();
        continue;
      }
      this.i++;
      if (next === '{' || next === '[') depth++;
      else if ((next === '}' || next === ']') && --depth === 0) return;
    }
  }
}

/**
 * The regions of the values at `paths` (as the document reader names them: `$.tools[3]`, `$[0]`,
 * `$.result.tools[1]`) in JSON text; a path not in the text is absent from the answer.
 */
export function locateJsonValues(text: string, paths: Iterable<string>): Map<string, TextRegion> {
  const wanted = new Set(paths);
  const containers = new Set([...wanted].flatMap(prefixesOf));
  const scanner = new JsonScanner(text, wanted, containers);
  scanner.value('$');
  const starts = lineStartsOf(text);
  const regions = new Map<string, TextRegion>();
  for (const [path, [start, end]] of scanner.spans) {
    if (end <= start) continue;
    const startLine = lineOf(starts, start);
    const endLine = lineOf(starts, end - 1);
    regions.set(path, {
      startLine: startLine + 1,
      startColumn: start - (starts[startLine] ?? 0) + 1,
      endLine: endLine + 1,
      endColumn: end - (starts[endLine] ?? 0) + 1,
      charOffset: start,
      charLength: end - start,
    });
  }
  return regions;
}
