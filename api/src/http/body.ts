// Reading request bodies: strict UTF-8, bounded nesting, then fastify's prototype-poisoning-safe JSON parser.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/** Deeper JSON than this is refused before parsing: no tools/list document needs it, and recursion does not end well. */
export const MAX_JSON_DEPTH = 64;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The nesting depth of JSON text, counting brackets outside strings (stops early past `limit`). */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92)
        index += 1; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (code === 93 || code === 125) depth -= 1;
  }
  return deepest;
}

/** Replaces the JSON body parser: invalid UTF-8 and over-deep nesting become 400s with their own codes. */
export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Only JSON bodies are accepted; anything else, text/plain included, is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(typeof body === 'string' ? Buffer.from(body) : body);
    } catch {
      done(new ApiError('BODY_NOT_UTF8', 'the body is not valid UTF-8'), undefined);
      return;
    }
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new ApiError('BODY_TOO_DEEP', `the body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
