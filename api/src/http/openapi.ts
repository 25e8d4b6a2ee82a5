// The served OpenAPI document: what @fastify/swagger builds from the route schemas, made readable for its users.
//
// The route schemas stay the one source (they validate, serialise and document); this pass only rewrites how the
// document spells them: named components instead of repeated inline objects, `enum` lists instead of `anyOf` of
// one-value literals, and query parameters with a default marked optional (the server fills them in).
import type { TSchema } from 'typebox';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON copy of a schema (TypeBox keeps its bookkeeping in non-enumerable keys, which JSON drops). */
function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The one value a literal schema admits (`{const}` or a one-item `{enum}`), if it is one. */
function literalOf(schema: Json): string | number | boolean | undefined {
  if (!isObject(schema)) return undefined;
  const keys = Object.keys(schema).filter((key) => key !== 'type');
  if (keys.length !== 1) return undefined;
  const value = 'const' in schema ? schema.const : Array.isArray(schema.enum) ? schema.enum[0] : undefined;
  if (keys[0] === 'enum' && (!Array.isArray(schema.enum) || schema.enum.length !== 1)) return undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}

/** `anyOf` of literals becomes one `enum` (keeping `default`, `description`...), and a lone `const` an `enum`. */
export function collapseLiterals(node: Json): Json {
  if (Array.isArray(node)) return node.map(collapseLiterals);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = collapseLiterals(value);
  if (Array.isArray(out.anyOf) && out.anyOf.length > 0) {
    const members = out.anyOf;
    const values = members.map(literalOf);
    const types = new Set(members.map((member) => (isObject(member) ? member.type : undefined)));
    const [type] = types;
    if (values.every((value) => value !== undefined) && types.size === 1 && typeof type === 'string') {
      const { anyOf: _members, ...rest } = out;
      return { type, enum: values.filter((value) => value !== undefined), ...rest };
    }
  }
  if ('const' in out && !('enum' in out)) {
    const { const: value, ...rest } = out;
    return withType({ ...rest, enum: [value ?? null] });
  }
  // A record's one pattern is spelled `additionalProperties` in the document (as @fastify/swagger writes it).
  if (isObject(out.patternProperties) && !('additionalProperties' in out)) {
    const [pattern] = Object.values(out.patternProperties);
    const { patternProperties: _patterns, ...rest } = out;
    return { ...rest, additionalProperties: pattern ?? {} };
  }
  return Array.isArray(out.enum) ? withType(out) : out;
}

/** An enum of strings says `type: string`, as code generators expect. */
function withType(schema: JsonObject): JsonObject {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  if ('type' in schema || values.length === 0 || !values.every((value) => typeof value === 'string'))
    return schema;
  return { type: 'string', ...schema };
}

/** A key for structural equality: the JSON text with object keys sorted. */
function canonical(node: Json): string {
  if (Array.isArray(node)) return `[${node.map(canonical).join(',')}]`;
  if (!isObject(node)) return JSON.stringify(node);
  const keys = Object.keys(node).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(node[key] ?? null)}`).join(',')}}`;
}

/** Replaces every schema equal to a named one by a `$ref` to it, and returns the components it referred to. */
function hoistNamed(
  node: Json,
  named: Map<string, { name: string; schema: Json }>,
  components: JsonObject,
  isRoot = false,
): Json {
  if (Array.isArray(node)) return node.map((item) => hoistNamed(item, named, components));
  if (!isObject(node)) return node;
  const match = isRoot ? undefined : named.get(canonical(node));
  if (match) {
    if (!(match.name in components)) {
      components[match.name] = {};
      components[match.name] = hoistNamed(match.schema, named, components, true);
    }
    return { $ref: `#/components/schemas/${match.name}` };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = hoistNamed(value, named, components);
  return out;
}

/** Marks a query parameter with a default as optional: a request without it gets the default. */
function refineParameter(parameter: Json): Json {
  if (!isObject(parameter) || parameter.in !== 'query') return parameter;
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  const description = typeof parameter.description === 'string' ? parameter.description : '';
  return {
    ...parameter,
    ...('default' in schema ? { required: false } : {}),
    // api/src/input/query-enums.ts matches these in any letter case.
    ...(Array.isArray(schema.enum)
      ? { description: description ? `${description} (any letter case)` : 'Any letter case' }
      : {}),
  };
}

/** Rewrites the generated document: named components, enum lists, optional defaulted parameters. */
export function refineOpenApi<D extends object>(
  document: D,
  componentSchemas: Readonly<Record<string, TSchema>>,
): D {
  const doc = collapseLiterals(toJson(document));
  if (!isObject(doc)) throw new Error('the OpenAPI document is not an object');
  const named = new Map<string, { name: string; schema: Json }>();
  for (const [name, schema] of Object.entries(componentSchemas)) {
    const json = collapseLiterals(toJson(schema));
    named.set(canonical(json), { name, schema: json });
  }
  const schemas: JsonObject = {};
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    const operations: JsonObject = {};
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const { parameters, ...rest } = operation;
      operations[method] = {
        ...(hoistNamed(rest, named, schemas) as JsonObject),
        ...(Array.isArray(parameters) ? { parameters: parameters.map(refineParameter) } : {}),
      };
    }
    paths[path] = operations;
  }
  const components = isObject(doc.components) ? doc.components : {};
  const sorted: JsonObject = isObject(components.schemas) ? { ...components.schemas } : {};
  for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name] ?? null;
  // The same document, respelled: still the OpenAPI document the caller passed in.
  return { ...doc, paths, components: { ...components, schemas: sorted } } as unknown as D;
}
