// Opaque page cursors: clients pass back what we gave them and never parse it.
import { ToolriskDbError } from '../errors.js';

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor from a client; a forged or damaged one is CURSOR_INVALID. */
export function decodeCursor(cursor: string | undefined, parts: number): string[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((part) => typeof part === 'string'))
      return key;
  } catch {
    // fall through to the 400 below
  }
  return rejectCursor();
}

/** Throws CURSOR_INVALID for a cursor the catalogue did not issue (the API answers it with a 400). */
export function rejectCursor(): never {
  throw new ToolriskDbError('CURSOR_INVALID', 'cursor is not one this API issued');
}
