// Query parameters that take one of a list of values (risk, category, factor, sort, format, profile): matched in any
// letter case, so `risk=critical` is `risk=Critical`; a value outside the list is a 400 that lists the allowed ones.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The string values a property schema admits: an `enum`, or an `anyOf` of literals; undefined for other schemas. */
export function enumValuesOf(schema: unknown): string[] | undefined {
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.enum)) {
    return schema.enum.every((value) => typeof value === 'string') ? schema.enum : undefined;
  }
  if (!Array.isArray(schema.anyOf) || schema.anyOf.length === 0) return undefined;
  const values = schema.anyOf.map((member) => (isObject(member) ? member.const : undefined));
  return values.every((value) => typeof value === 'string') ? values : undefined;
}

/** The enum parameters of each route's querystring schema, read once per schema. */
const enumsOfSchema = new WeakMap<object, Map<string, string[]>>();

function queryEnums(request: FastifyRequest): Map<string, string[]> {
  const schema: unknown = request.routeOptions.schema?.querystring;
  if (!isObject(schema) || !isObject(schema.properties)) return new Map();
  let enums = enumsOfSchema.get(schema);
  if (!enums) {
    enums = new Map();
    for (const [name, property] of Object.entries(schema.properties)) {
      const values = enumValuesOf(property);
      if (values) enums.set(name, values);
    }
    enumsOfSchema.set(schema, enums);
  }
  return enums;
}

/** A value as the message quotes it: at most 60 characters. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * Rewrites each enum query value to the allowed value it matches ignoring case (before schema validation), and
 * refuses one that matches none: VALIDATION_FAILED naming the parameter, with the allowed values in the message
 * and in `errors[].allowed`.
 */
export function matchQueryEnums(request: FastifyRequest): void {
  const query: unknown = request.query;
  if (!isObject(query)) return;
  for (const [name, allowed] of queryEnums(request)) {
    const value = query[name];
    // Absent, or repeated (`?risk=a&risk=b`): the schema answers those.
    if (typeof value !== 'string' || allowed.includes(value)) continue;
    const folded = value.toLowerCase();
    const match = allowed.filter((candidate) => candidate.toLowerCase() === folded);
    if (match.length === 1 && match[0] !== undefined) {
      query[name] = match[0];
      continue;
    }
    const path = `/querystring/${name}`;
    const list = allowed.map((candidate) => (candidate === '' ? '"" (any)' : candidate)).join(', ');
    const message = `must be one of ${list} (got ${quoted(value)})`;
    throw new ApiError('VALIDATION_FAILED', `${path}: ${message}`, {
      errors: [{ path, message, allowed }],
    });
  }
}
