// Reading an untrusted inputSchema for risk signals: code, commands, free-form queries, URLs, paths, money, recipients.
// The walk is bounded (depth, node budget, visited set) so self-referencing or huge schemas are safe.

/** One parameter seen while walking a schema. */
export interface SchemaParam {
  /** Lowercased property name. */
  name: string;
  /** The name as written, for splitting camel case (`testScript` → test, script). */
  rawName: string;
  /** JSON path inside inputSchema, e.g. `properties.options.properties.script`. */
  path: string;
  type: string;
  /** Lowercased description, truncated. */
  description: string;
  /** Lowercased string enum values, bounded. */
  enumValues: string[];
  /** True when the parent object lists it in `required`. */
  required: boolean;
}

/** What the walk found: the parameters and whether it had to stop early. */
export interface SchemaWalk {
  params: SchemaParam[];
  truncated: boolean;
  /** True when inputSchema was present but not an object. */
  invalid: boolean;
}

const MAX_DEPTH = 8;
const MAX_NODES = 400;
const MAX_PARAMS = 120;
const MAX_ENUM = 40;

type JsonObject = Record<string, unknown>;

const HAS_OWN = Object.prototype.hasOwnProperty;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

interface WalkState {
  root: JsonObject;
  visited: Set<unknown>;
  nodes: number;
  walk: SchemaWalk;
}

/**
 * The keywords of one schema node the walk reads, found in one pass over its own keys. Schemas from different
 * servers have as many object shapes as they have key orders, so reading each keyword by name is a megamorphic
 * lookup per keyword (most of them absent); a `for…in` over the few keys a node has reads each value by its
 * enumeration index instead.
 */
interface NodeKeywords {
  ref: unknown;
  properties: unknown;
  required: unknown;
  items: unknown;
  anyOf: unknown;
  oneOf: unknown;
  allOf: unknown;
  additionalProperties: unknown;
  description: unknown;
  enum: unknown;
  const: unknown;
  type: unknown;
}

function keywordsOf(node: JsonObject): NodeKeywords {
  const found: NodeKeywords = {
    ref: undefined,
    properties: undefined,
    required: undefined,
    items: undefined,
    anyOf: undefined,
    oneOf: undefined,
    allOf: undefined,
    additionalProperties: undefined,
    description: undefined,
    enum: undefined,
    const: undefined,
    type: undefined,
  };
  for (const key in node) {
    switch (key) {
      case '$ref':
        found.ref = node[key];
        break;
      case 'properties':
        found.properties = node[key];
        break;
      case 'required':
        found.required = node[key];
        break;
      case 'items':
        found.items = node[key];
        break;
      case 'anyOf':
        found.anyOf = node[key];
        break;
      case 'oneOf':
        found.oneOf = node[key];
        break;
      case 'allOf':
        found.allOf = node[key];
        break;
      case 'additionalProperties':
        found.additionalProperties = node[key];
        break;
      case 'description':
        found.description = node[key];
        break;
      case 'enum':
        found.enum = node[key];
        break;
      case 'const':
        found.const = node[key];
        break;
      case 'type':
        found.type = node[key];
        break;
    }
  }
  return found;
}

/** Walks the properties of inputSchema (nested objects, array items, anyOf/oneOf/allOf, local $ref) within limits. */
export function walkSchema(schema: unknown): SchemaWalk {
  const walk: SchemaWalk = { params: [], truncated: false, invalid: false };
  if (schema === undefined || schema === null) return walk;
  const root = asObject(schema);
  if (root === undefined) {
    walk.invalid = true;
    return walk;
  }
  visitNode({ root, visited: new Set(), nodes: 0, walk }, root, '', 0);
  return walk;
}

// A local `$ref` (`#/$defs/x`) is followed one step; a target that is not an object leaves the node as it was.
function resolveRef(state: WalkState, node: JsonObject, ref: unknown): JsonObject {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = state.root;
  for (const part of ref.slice(2).split('/')) {
    const holder = asObject(target);
    if (holder === undefined) return node;
    target = holder[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return asObject(target) ?? node;
}

function visitNode(state: WalkState, raw: JsonObject, path: string, depth: number): void {
  const keywords = keywordsOf(raw);
  const node = resolveRef(state, raw, keywords.ref);
  visitResolved(state, node, node === raw ? keywords : keywordsOf(node), path, depth);
}

function visitResolved(
  state: WalkState,
  node: JsonObject,
  keywords: NodeKeywords,
  path: string,
  depth: number,
): void {
  if (state.visited.has(node)) return;
  if (depth > MAX_DEPTH || state.nodes >= MAX_NODES || state.walk.params.length >= MAX_PARAMS) {
    state.walk.truncated = true;
    return;
  }
  state.visited.add(node);
  state.nodes += 1;
  const properties = asObject(keywords.properties);
  if (properties !== undefined) {
    const prefix = path === '' ? 'properties.' : `${path}.properties.`;
    const required: readonly unknown[] = Array.isArray(keywords.required) ? keywords.required : [];
    // `for…in` reads each value by its enumeration index; with the own-key check it visits what Object.keys
    // lists, in the same order. (V8 folds `hasOwnProperty.call` on the for…in key into a shape check; it does not
    // fold `Object.hasOwn`.)
    for (const key in properties) {
      if (!HAS_OWN.call(properties, key)) continue;
      const child = asObject(properties[key]);
      if (child === undefined) continue;
      const childPath = prefix + key;
      const childKeywords = keywordsOf(child);
      const resolved = resolveRef(state, child, childKeywords.ref);
      const resolvedKeywords = resolved === child ? childKeywords : keywordsOf(resolved);
      addParam(state, key, resolvedKeywords, childPath, required.includes(key));
      visitResolved(state, resolved, resolvedKeywords, childPath, depth + 1);
    }
  }
  const items = asObject(keywords.items);
  if (items !== undefined) visitNode(state, items, `${path}.items`, depth + 1);
  visitCombiner(state, keywords.anyOf, 'anyOf', path, depth);
  visitCombiner(state, keywords.oneOf, 'oneOf', path, depth);
  visitCombiner(state, keywords.allOf, 'allOf', path, depth);
  const additional = asObject(keywords.additionalProperties);
  if (additional !== undefined) visitNode(state, additional, `${path}.additionalProperties`, depth + 1);
}

function visitCombiner(
  state: WalkState,
  options: unknown,
  combiner: string,
  path: string,
  depth: number,
): void {
  if (!Array.isArray(options)) return;
  const count = Math.min(options.length, 20);
  for (let index = 0; index < count; index++) {
    const child = asObject(options[index]);
    if (child !== undefined) visitNode(state, child, `${path}.${combiner}[${index}]`, depth + 1);
  }
}

function addParam(state: WalkState, key: string, node: NodeKeywords, path: string, required: boolean): void {
  if (state.walk.params.length >= MAX_PARAMS) {
    state.walk.truncated = true;
    return;
  }
  const description =
    typeof node.description === 'string' ? node.description.slice(0, 400).toLowerCase() : '';
  const enumValues: string[] = [];
  const rawEnum = Array.isArray(node.enum) ? node.enum : asObject(node.items)?.enum;
  if (Array.isArray(rawEnum)) {
    const count = Math.min(rawEnum.length, MAX_ENUM);
    for (let index = 0; index < count; index++) {
      const value: unknown = rawEnum[index];
      if (typeof value === 'string') enumValues.push(value.toLowerCase());
    }
  }
  if (typeof node.const === 'string') enumValues.push(node.const.toLowerCase());
  const type =
    typeof node.type === 'string' ? node.type : Array.isArray(node.type) ? node.type.join('|') : '';
  state.walk.params.push({
    name: key.slice(0, 100).toLowerCase(),
    rawName: key.slice(0, 100),
    path,
    type,
    description,
    enumValues,
    required,
  });
}
