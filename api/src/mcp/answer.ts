// What an MCP tool of ours answers: structured content matching its output schema, a short summary, or a coded error.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Static, TSchema } from 'typebox';
import type { ApiErrorCode } from '../errors.js';

/** A tool's answer before it becomes a CallToolResult. */
export interface McpAnswer<Output extends TSchema> {
  structured: Static<Output>;
  /** One or two sentences for the model to read. */
  summary: string;
  /** Text worth showing whole after the summary (a policy file). */
  extraText?: string;
}

/** A successful result: the summary (and any extra text) as content, the answer as structuredContent. */
export function toolResult(answer: McpAnswer<TSchema>): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: answer.summary }];
  if (answer.extraText !== undefined) content.push({ type: 'text', text: answer.extraText });
  return { content, structuredContent: { ...answerObject(answer.structured) } };
}

function answerObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('an MCP answer must be an object');
  }
  return Object.fromEntries(Object.entries(value));
}

/** Where a tool error's code sits in the result's `_meta`, for clients that branch on it rather than read text. */
export const ERROR_META_KEY = 'io.toolrisk/error';

/**
 * A tool error: `isError` with the API's stable code, never a protocol error, so the calling model reads it.
 * The text is `CODE: message`; no structuredContent, which clients check against the success output schema.
 */
export function toolError(
  code: ApiErrorCode,
  message: string,
  details: { limit?: number } = {},
): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    _meta: { [ERROR_META_KEY]: { code, message, ...details } },
  };
}
