// The one table of input limits: how long an id, name, title or description, how large and deep a schema, how many tools.

/** One input limit: the most a field may hold, in what unit, and the code an input over it is refused with. */
export interface InputLimit {
  readonly max: number;
  readonly unit: 'characters' | 'bytes' | 'levels' | 'tools';
  readonly code:
    | 'ID_TOO_LONG'
    | 'NAME_TOO_LONG'
    | 'TITLE_TOO_LONG'
    | 'DESCRIPTION_TOO_LONG'
    | 'QUERY_TOO_LONG'
    | 'SCHEMA_TOO_LARGE'
    | 'SCHEMA_TOO_DEEP'
    | 'TOO_MANY_TOOLS'
    | 'URI_TOO_LONG';
}

/**
 * Every input limit, enforced at every edge: the API (path and query schemas, POST bodies) and every tools/list
 * document read by readToolsDocument (imports, crawled servers, the API). The shipped catalogue and the eval sets stay
 * far inside them (longest tool name 55, description 13,090, schema 16,611 bytes, 22 levels, 120 tools); a 1 MB name
 * or a 400 KB description is an attack on every page that shows it, not a tool.
 */
export const INPUT_LIMITS = {
  /** Server ids, registry names and package names. */
  id: { max: 200, unit: 'characters', code: 'ID_TOO_LONG' },
  /** Tool names (MCP recommends at most 128). */
  name: { max: 256, unit: 'characters', code: 'NAME_TOO_LONG' },
  /** Tool and server titles. */
  title: { max: 500, unit: 'characters', code: 'TITLE_TOO_LONG' },
  /** Tool and server descriptions. */
  description: { max: 65_536, unit: 'characters', code: 'DESCRIPTION_TOO_LONG' },
  /** Search words (`q`). */
  query: { max: 200, unit: 'characters', code: 'QUERY_TOO_LONG' },
  /** A tool's inputSchema, outputSchema or annotations, as JSON text. */
  schemaBytes: { max: 262_144, unit: 'bytes', code: 'SCHEMA_TOO_LARGE' },
  /** Nesting of a tool's inputSchema or outputSchema. */
  schemaDepth: { max: 40, unit: 'levels', code: 'SCHEMA_TOO_DEEP' },
  /** Tools in one document. */
  toolCount: { max: 2000, unit: 'tools', code: 'TOO_MANY_TOOLS' },
  /** A request's path and query (Node refuses request lines and headers past 16 KB with HEADERS_TOO_LARGE). */
  url: { max: 8192, unit: 'characters', code: 'URI_TOO_LONG' },
} as const satisfies Record<string, InputLimit>;

/** Lone UTF-16 surrogates: PostgreSQL refuses them in jsonb (and UTF-8 cannot carry them). */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when text can be stored: no NUL, no lone surrogate (other control characters are kept, and flagged by the pages). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * True when a JSON value nests deeper than max levels (a scalar is 0). Iterative, and it stops at the first path past
 * max, so a 200,000-deep value is refused without recursion (no "Maximum call stack size exceeded").
 */
export function isDeeperThan(value: unknown, max: number): boolean {
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.node !== 'object' || next.node === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.node)) pending.push({ node: child, depth });
  }
  return false;
}
