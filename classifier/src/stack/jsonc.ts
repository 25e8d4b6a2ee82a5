// Reading JSON with comments and trailing commas (JSONC, as VS Code and Cursor write their files), with errors that say where.
import { lineOf, lineStartsOf } from '../report/json-positions.js';
import type { SourceRegion } from './model.js';

/** The parsed value, or why the text is not JSON(C), with its 1-based line and column. */
export type JsoncParse =
  | { ok: true; value: unknown; regions?: Map<string, SourceRegion> }
  | { ok: false; message: string; line: number; column: number };

/** Nesting past this is refused: no client configuration is this deep, and recursion must stay bounded. */
export const MAX_JSONC_DEPTH = 64;

class JsoncSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A recursive-descent reader of JSON plus comments and trailing commas; it never quotes the text (it may hold secrets). */
class JsoncReader {
  index = 0;
  /** Where each property sits, by JSON pointer: from its key to the end of its value (kept only when asked for). */
  readonly spans = new Map<string, [number, number]>();
  constructor(
    private readonly text: string,
    private readonly isRecordingSpans = false,
  ) {}

  fail(message: string, offset = this.index): never {
    throw new JsoncSyntaxError(message, offset);
  }

  skip(): void {
    const text = this.text;
    while (this.index < text.length) {
      const char = text[this.index];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\ufeff')
        this.index += 1;
      else if (char === '/' && text[this.index + 1] === '/') {
        const end = text.indexOf('\n', this.index);
        this.index = end === -1 ? text.length : end;
      } else if (char === '/' && text[this.index + 1] === '*') {
        const end = text.indexOf('*/', this.index + 2);
        if (end === -1) this.fail('unterminated /* comment');
        this.index = end + 2;
      } else return;
    }
  }

  value(depth: number, path: string): unknown {
    if (depth > MAX_JSONC_DEPTH) this.fail(`nested deeper than ${MAX_JSONC_DEPTH} levels`);
    this.skip();
    const char = this.text[this.index];
    if (char === '{') return this.object(depth, path);
    if (char === '[') return this.array(depth, path);
    if (char === '"') return this.string();
    if (char === undefined) this.fail('unexpected end of text, expected a value');
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.index, this.index + 400),
    )?.[0];
    if (literal === undefined) this.fail(`unexpected character ${JSON.stringify(char)}, expected a value`);
    this.index += literal.length;
    return literal === 'true'
      ? true
      : literal === 'false'
        ? false
        : literal === 'null'
          ? null
          : Number(literal);
  }

  object(depth: number, path: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.index += 1;
    for (;;) {
      this.skip();
      if (this.text[this.index] === '}') {
        this.index += 1;
        return result;
      }
      if (this.text[this.index] !== '"') this.fail('expected a quoted property name or "}"');
      const keyStart = this.index;
      const key = this.string();
      this.skip();
      if (this.text[this.index] !== ':') this.fail('expected ":" after a property name');
      this.index += 1;
      const keyPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      // defineProperty: a key named __proto__ is data, not the object's prototype.
      Object.defineProperty(result, key, {
        value: this.value(depth + 1, keyPath),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      // A repeated key keeps the last span, as the value read is the last one.
      if (this.isRecordingSpans) this.spans.set(keyPath, [keyStart, this.index]);
      this.skip();
      const next = this.text[this.index];
      if (next === ',') this.index += 1;
      else if (next !== '}') this.fail('expected "," or "}" after a property');
    }
  }

  array(depth: number, path: string): unknown[] {
    const result: unknown[] = [];
    this.index += 1;
    for (;;) {
      this.skip();
      if (this.text[this.index] === ']') {
        this.index += 1;
        return result;
      }
      result.push(this.value(depth + 1, `${path}/${result.length}`));
      this.skip();
      const next = this.text[this.index];
      if (next === ',') this.index += 1;
      else if (next !== ']') this.fail('expected "," or "]" after an array item');
    }
  }

  string(): string {
    const start = this.index;
    this.index += 1;
    const text = this.text;
    while (this.index < text.length) {
      const char = text[this.index];
      if (char === '"') {
        this.index += 1;
        return JSON.parse(text.slice(start, this.index)) as string;
      }
      if (char === '\\') {
        const escaped = text[this.index + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.index + 2, this.index + 6)))
            this.fail('bad \\u escape in a string');
          this.index += 6;
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) this.index += 2;
        else this.fail('bad escape in a string');
      } else if (char !== undefined && char < ' ') this.fail('control character in a string');
      else this.index += 1;
    }
    return this.fail('unterminated string', start);
  }
}

/** The 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The region of a span of text: 1-based lines and columns (a line ends at LF, CR or CRLF), the end column exclusive. */
function regionsOf(text: string, spans: ReadonlyMap<string, [number, number]>): Map<string, SourceRegion> {
  const starts = lineStartsOf(text);
  const regions = new Map<string, SourceRegion>();
  for (const [path, [start, end]] of spans) {
    const startLine = lineOf(starts, start);
    const endLine = lineOf(starts, Math.max(start, end - 1));
    regions.set(path, {
      startLine: startLine + 1,
      startColumn: start - (starts[startLine] ?? 0) + 1,
      endLine: endLine + 1,
      endColumn: end - (starts[endLine] ?? 0) + 1,
    });
  }
  return regions;
}

/**
 * Parses JSON or JSONC text (comments, trailing commas); a syntax error names its line and column, never the text.
 * With `regions`, the answer also says where each property sits, by JSON pointer (`/mcpServers/github`).
 */
export function parseJsoncText(text: string, options: { regions?: boolean } = {}): JsoncParse {
  const reader = new JsoncReader(text, options.regions === true);
  try {
    const value = reader.value(0, '');
    reader.skip();
    if (reader.index < text.length) reader.fail('unexpected text after the end of the value');
    return options.regions === true
      ? { ok: true, value, regions: regionsOf(text, reader.spans) }
      : { ok: true, value };
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    const where = positionOf(text, error.offset);
    return { ok: false, message: `${error.message} at line ${where.line}, column ${where.column}`, ...where };
  }
}
