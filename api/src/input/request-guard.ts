// Every request's path, query and body values checked before a handler (or SQL) sees them: text, integers, lengths.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { INPUT_LIMITS, type InputLimit, isPlainText, isStorableText, TEXT_INVALID } from './limits.js';
import { matchQueryEnums } from './query-enums.js';

/** Path and query fields whose length limit has its own code (other lengths are VALIDATION_FAILED by the schema). */
const LIMITED_FIELDS: Record<'params' | 'querystring', Record<string, InputLimit>> = {
  params: { id: INPUT_LIMITS.id, name: INPUT_LIMITS.name },
  querystring: { q: INPUT_LIMITS.query },
};

/** Query integers are written as decimal digits: AJV would coerce `Infinity`, `1e400` or `0x10` and let some through. */
const DECIMAL_INTEGER = /^[0-9]{1,9}$/;

function invalidText(path: string, allowed: string): never {
  throw new ApiError(TEXT_INVALID, `${path}: holds a character not allowed here (${allowed})`, {
    errors: [{ path, message: `must not hold ${allowed}` }],
  });
}

function valuesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The properties of a route's querystring schema that are integers. */
function integerFields(request: FastifyRequest): Set<string> {
  const schema: unknown = request.routeOptions.schema?.querystring;
  const fields = new Set<string>();
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return fields;
  const { properties } = schema;
  if (typeof properties !== 'object' || properties === null) return fields;
  for (const [name, property] of Object.entries(properties)) {
    if (
      typeof property === 'object' &&
      property !== null &&
      'type' in property &&
      property.type === 'integer'
    ) {
      fields.add(name);
    }
  }
  return fields;
}

function checkFields(request: FastifyRequest, context: 'params' | 'querystring', fields: unknown): void {
  if (typeof fields !== 'object' || fields === null) return;
  const integers = context === 'querystring' ? integerFields(request) : new Set<string>();
  for (const [name, raw] of Object.entries(fields)) {
    const path = `/${context}/${name}`;
    if (!isPlainText(name)) invalidText(`/${context}`, 'control characters or lone surrogates');
    for (const value of valuesOf(raw)) {
      if (typeof value !== 'string') continue;
      if (!isPlainText(value)) invalidText(path, 'control characters or lone surrogates');
      const limit = LIMITED_FIELDS[context][name];
      if (limit && value.length > limit.max) {
        const message = `${value.length} ${limit.unit}, more than the ${limit.max} allowed`;
        throw new ApiError(limit.code, `${path}: ${message}`, {
          limit: limit.max,
          errors: [{ path, message }],
        });
      }
      if (integers.has(name) && !DECIMAL_INTEGER.test(value)) {
        throw new ApiError('VALIDATION_FAILED', `${path}: must be a decimal integer`, {
          errors: [{ path, message: 'must be a decimal integer' }],
        });
      }
    }
  }
}

/** The first string (or key) in a JSON value that cannot be stored, as a JSON pointer under `path`. */
function unstorablePath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (!isStorableText(key)) return at;
    const found = unstorablePath(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Checks path and query values (and JSON body text) of every request, before schema validation runs. */
export function installRequestGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const limit = INPUT_LIMITS.url;
    if (request.url.length > limit.max) {
      throw new ApiError(
        limit.code,
        `the URL is ${request.url.length} characters, more than the ${limit.max} allowed`,
        {
          limit: limit.max,
        },
      );
    }
  });
  app.addHook('preValidation', async (request) => {
    checkFields(request, 'params', request.params);
    checkFields(request, 'querystring', request.query);
    matchQueryEnums(request);
    if (request.body !== undefined) {
      const path = unstorablePath(request.body, '/body');
      // PostgreSQL refuses NUL in text and jsonb, and lone surrogates in jsonb: refused here, named, never a 500.
      if (path !== undefined) invalidText(path, 'NUL or lone surrogates');
    }
  });
}
