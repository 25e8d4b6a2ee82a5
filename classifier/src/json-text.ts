// Parsing untrusted JSON text into a value, or a message that says where it broke.

/** The parsed value, or the reason (with line and column) it is not JSON. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text; a syntax error names its line and column. */
export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    if (position === undefined) return { ok: false, message: `malformed JSON: ${message}` };
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    const column = Number(position) - before.lastIndexOf('\n');
    return { ok: false, message: `malformed JSON at line ${line}, column ${column}: ${message}` };
  }
}
