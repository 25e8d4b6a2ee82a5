// Checking that a model's quote really occurs in the tool definition, and naming where it was found.
import type { EvidenceSource, ToolDefinition } from '../types.js';

/** A piece of definition text and where it came from. */
interface Segment {
  source: EvidenceSource;
  key: string;
  path?: string;
}

/** Quotes shorter than this (letters and digits only) prove nothing and are never counted as found. */
export const MIN_QUOTE_CHARS = 3;

// The schema walk is bounded: untrusted schemas may be huge or self-referencing.
const MAX_SEGMENTS = 2000;
const MAX_DEPTH = 12;

// Letters and digits only, lower case: "readOnlyHint: true" matches {"readOnlyHint":true}, and a quote
// differing from the text in spacing, quoting or punctuation still matches, while a word not in it does not.
function keyOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function definitionSegments(tool: ToolDefinition): Segment[] {
  const segments: Segment[] = [];
  const push = (source: EvidenceSource, text: string, path?: string): void => {
    if (segments.length >= MAX_SEGMENTS) return;
    const key = keyOf(text);
    if (key.length === 0) return;
    segments.push(path === undefined ? { source, key } : { source, key, path });
  };
  if (typeof tool.name === 'string') push('name', tool.name);
  if (typeof tool.title === 'string') push('title', tool.title);
  if (typeof tool.description === 'string') push('description', tool.description);
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || segments.length >= MAX_SEGMENTS) return;
    if (typeof value === 'string') push('parameter', value, path);
    else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        push('parameter', key, `${path}.${key}`);
        walk(child, `${path}.${key}`, depth + 1);
      }
    }
  };
  walk(tool.inputSchema, 'inputSchema', 0);
  if (tool.annotations !== null && typeof tool.annotations === 'object') {
    for (const [key, value] of Object.entries(tool.annotations)) {
      push('annotation', `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  return segments;
}

/** Where a quote occurs in a definition, or undefined when it occurs nowhere (or is too short to count). */
export interface QuoteMatch {
  source: EvidenceSource;
  path?: string;
}

/** Finds quotes in one definition; build once per tool and ask for each quote. */
export class DefinitionText {
  private readonly segments: Segment[];

  constructor(tool: ToolDefinition) {
    this.segments = definitionSegments(tool);
  }

  /** Where the quote occurs inside one field of the definition, or undefined if it does not. */
  find(quote: string): QuoteMatch | undefined {
    const key = keyOf(quote);
    if (key.length < MIN_QUOTE_CHARS) return undefined;
    const segment = this.segments.find((candidate) => candidate.key.includes(key));
    if (segment === undefined) return undefined;
    return segment.path === undefined
      ? { source: segment.source }
      : { source: segment.source, path: segment.path };
  }

  /** True when the two quotes overlap (one contains the other), compared as find() compares them. */
  static overlaps(a: string, b: string): boolean {
    const keyA = keyOf(a);
    const keyB = keyOf(b);
    if (keyA.length === 0 || keyB.length === 0) return false;
    return keyA.includes(keyB) || keyB.includes(keyA);
  }
}
