// A submitted tools/list document against the limits table, before anything classifies or stores it.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { INPUT_LIMITS, type InputLimit } from './limits.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws the limit's code naming the field, with the limit and the size found. */
function refuse(limit: InputLimit, path: string, size: number): never {
  const message = `${size} ${limit.unit}, more than the ${limit.max} allowed`;
  throw new ApiError(limit.code, `${path}: ${message}`, {
    limit: limit.max,
    errors: [{ path, message }],
  });
}

function checkLength(value: unknown, limit: InputLimit, path: string): void {
  if (typeof value === 'string' && value.length > limit.max) refuse(limit, path, value.length);
}

/** Nesting levels of a JSON value (a scalar is 0); the body parser already bounds the whole body's depth. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

function checkSchema(value: unknown, path: string, checkDepth: boolean): void {
  if (value === undefined || value === null) return;
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > INPUT_LIMITS.schemaBytes.max) refuse(INPUT_LIMITS.schemaBytes, path, bytes);
  if (!checkDepth) return;
  const depth = depthOf(value);
  if (depth > INPUT_LIMITS.schemaDepth.max) refuse(INPUT_LIMITS.schemaDepth, path, depth);
}

/** The tools array of any accepted body shape, with its JSON pointer; undefined when the shape is not one (validation reports it). */
function toolsOf(body: unknown): { tools: unknown[]; path: string } | undefined {
  if (Array.isArray(body)) return { tools: body, path: '/body' };
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.tools)) return { tools: body.tools, path: '/body/tools' };
  if (isRecord(body.result) && Array.isArray(body.result.tools)) {
    return { tools: body.result.tools, path: '/body/result/tools' };
  }
  return undefined;
}

/** Checks a classify body's server block and every tool against INPUT_LIMITS; throws the first limit's code. */
export function checkDocumentLimits(body: unknown): void {
  const found = toolsOf(body);
  if (!found) return;
  const { tools, path } = found;
  if (tools.length > INPUT_LIMITS.toolCount.max) refuse(INPUT_LIMITS.toolCount, path, tools.length);
  if (isRecord(body) && isRecord(body.server)) {
    const server = body.server;
    for (const field of ['id', 'name', 'package']) {
      checkLength(server[field], INPUT_LIMITS.id, `/body/server/${field}`);
    }
    checkLength(server.title, INPUT_LIMITS.title, '/body/server/title');
    checkLength(server.description, INPUT_LIMITS.description, '/body/server/description');
  }
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool)) continue;
    const at = `${path}/${index}`;
    checkLength(tool.name, INPUT_LIMITS.name, `${at}/name`);
    checkLength(tool.title, INPUT_LIMITS.title, `${at}/title`);
    checkLength(tool.description, INPUT_LIMITS.description, `${at}/description`);
    checkSchema(tool.inputSchema, `${at}/inputSchema`, true);
    checkSchema(tool.outputSchema, `${at}/outputSchema`, true);
    checkSchema(tool.annotations, `${at}/annotations`, false);
  }
}

/** A route `preValidation` hook applying checkDocumentLimits to the body. */
export async function limitDocument(request: FastifyRequest): Promise<void> {
  checkDocumentLimits(request.body);
}
