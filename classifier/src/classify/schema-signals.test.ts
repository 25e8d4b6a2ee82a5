// The schema walk reads each node's keywords in one pass over its keys: checked against reading them by name.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/prng.js';
import { type SchemaParam, type SchemaWalk, walkSchema } from './schema-signals.js';

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

// The walk as it was written before, each keyword read by name: the reference the one-pass walk must equal.
function referenceWalk(schema: unknown): SchemaWalk {
  const walk: SchemaWalk = { params: [], truncated: false, invalid: false };
  if (schema === undefined || schema === null) return walk;
  const root = asObject(schema);
  if (root === undefined) {
    walk.invalid = true;
    return walk;
  }
  const visited = new Set<unknown>();
  let nodes = 0;
  const resolve = (node: JsonObject): JsonObject => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const holder = asObject(target);
      if (holder === undefined) return node;
      target = holder[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    return asObject(target) ?? node;
  };
  const addParam = (key: string, node: JsonObject, path: string, required: boolean): void => {
    if (walk.params.length >= 120) {
      walk.truncated = true;
      return;
    }
    const description =
      typeof node.description === 'string' ? node.description.slice(0, 400).toLowerCase() : '';
    const enumValues: string[] = [];
    const rawEnum = Array.isArray(node.enum) ? node.enum : asObject(node.items)?.enum;
    if (Array.isArray(rawEnum)) {
      for (let index = 0; index < Math.min(rawEnum.length, 40); index++) {
        const value: unknown = rawEnum[index];
        if (typeof value === 'string') enumValues.push(value.toLowerCase());
      }
    }
    if (typeof node.const === 'string') enumValues.push(node.const.toLowerCase());
    const type =
      typeof node.type === 'string' ? node.type : Array.isArray(node.type) ? node.type.join('|') : '';
    const param: SchemaParam = {
      name: key.slice(0, 100).toLowerCase(),
      rawName: key.slice(0, 100),
      path,
      type,
      description,
      enumValues,
      required,
    };
    walk.params.push(param);
  };
  const visitResolved = (node: JsonObject, path: string, depth: number): void => {
    if (visited.has(node)) return;
    if (depth > 8 || nodes >= 400 || walk.params.length >= 120) {
      walk.truncated = true;
      return;
    }
    visited.add(node);
    nodes += 1;
    const properties = asObject(node.properties);
    if (properties !== undefined) {
      const prefix = path === '' ? 'properties.' : `${path}.properties.`;
      const required: readonly unknown[] = Array.isArray(node.required) ? node.required : [];
      for (const key of Object.keys(properties)) {
        const child = asObject(properties[key]);
        if (child === undefined) continue;
        const resolved = resolve(child);
        addParam(key, resolved, prefix + key, required.includes(key));
        visitResolved(resolved, prefix + key, depth + 1);
      }
    }
    const items = asObject(node.items);
    if (items !== undefined) visitResolved(resolve(items), `${path}.items`, depth + 1);
    for (const combiner of ['anyOf', 'oneOf', 'allOf']) {
      const options = node[combiner];
      if (!Array.isArray(options)) continue;
      for (let index = 0; index < Math.min(options.length, 20); index++) {
        const child = asObject(options[index]);
        if (child !== undefined) visitResolved(resolve(child), `${path}.${combiner}[${index}]`, depth + 1);
      }
    }
    const additional = asObject(node.additionalProperties);
    if (additional !== undefined)
      visitResolved(resolve(additional), `${path}.additionalProperties`, depth + 1);
  };
  visitResolved(resolve(root), '', 0);
  return walk;
}

const NAMES = [
  'query',
  'path',
  'Code',
  'to',
  'url',
  'items',
  'properties',
  '$ref',
  'enum',
  '__proto__',
  '0',
  'a/b',
];
const TYPES: unknown[] = ['string', 'object', 'array', ['string', 'null'], 3, undefined];

// A random schema: nested properties, items, combiners, additionalProperties, local $refs (some into cycles, some
// broken), enums, consts, odd-typed keywords, and keys in random order.
function randomSchema(next: () => number, depth: number): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  if (depth > 5 || next() < 0.15) return pick([{ type: 'string' }, 'oops', null, [], { $ref: '#/$defs/x' }]);
  const entries: [string, unknown][] = [];
  const type = pick(TYPES);
  if (type !== undefined) entries.push(['type', type]);
  if (next() < 0.5) entries.push(['description', pick(['Run the SQL', 'A URL', 'İstanbul CODE', '', 7])]);
  if (next() < 0.6) {
    const properties: [string, unknown][] = [];
    const count = Math.floor(next() * 4);
    for (let i = 0; i < count; i++) properties.push([pick(NAMES), randomSchema(next, depth + 1)]);
    entries.push(['properties', Object.fromEntries(properties)]);
    if (next() < 0.5) entries.push(['required', pick([['query'], ['to', 'path'], 'query', []])]);
  }
  if (next() < 0.25) entries.push(['items', randomSchema(next, depth + 1)]);
  if (next() < 0.2) entries.push([pick(['anyOf', 'oneOf', 'allOf']), [randomSchema(next, depth + 1), 4]]);
  if (next() < 0.15) entries.push(['additionalProperties', pick([true, randomSchema(next, depth + 1)])]);
  if (next() < 0.25) entries.push(['enum', pick([['GET', 'post', 3], 'x', [null]])]);
  if (next() < 0.1) entries.push(['const', pick(['Delete', 1])]);
  if (next() < 0.2)
    entries.push(['$ref', pick(['#/$defs/x', '#/properties/query', '#', '#/nope/x', 'http://x', 5])]);
  if (depth === 0) entries.push(['$defs', { x: randomSchema(next, depth + 1) }]);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
  }
  return Object.fromEntries(entries);
}

describe('schema walk', () => {
  it('finds the parameters, truncation and invalidity that reading each keyword by name finds', () => {
    const next = seededRandom(20261201);
    for (let i = 0; i < 3000; i++) {
      const schema = randomSchema(next, 0);
      expect(walkSchema(schema), JSON.stringify(schema)).toEqual(referenceWalk(schema));
    }
  });

  it('follows a $ref cycle once and stops at the depth limit', () => {
    const schema = {
      type: 'object',
      properties: { node: { $ref: '#/$defs/node' } },
      $defs: {
        node: { type: 'object', properties: { child: { $ref: '#/$defs/node' }, name: { type: 'string' } } },
      },
    };
    expect(walkSchema(schema)).toEqual(referenceWalk(schema));
    expect(walkSchema(schema).params.map((param) => param.path)).toEqual([
      'properties.node',
      'properties.node.properties.child',
      'properties.node.properties.name',
    ]);
  });
});
