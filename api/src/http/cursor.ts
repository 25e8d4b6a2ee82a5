// Signed page cursors: the catalogue's cursor plus an HMAC, so a cursor we did not issue is a 400 before any SQL runs.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

const MAC_BYTES = 16;

/** Signs the catalogue's cursors on the way out and checks them on the way in. */
export class CursorSigner {
  constructor(private readonly key: string) {}

  /** The cursor a client gets: `<catalogue cursor>.<mac>`; undefined stays undefined (no next page). */
  sign(cursor: string | undefined): string | undefined {
    return cursor === undefined ? undefined : `${cursor}.${this.macOf(cursor)}`;
  }

  /** The catalogue cursor inside a client's cursor; a forged, damaged or foreign one is a 400 naming the field. */
  open(signed: string | undefined): string | undefined {
    if (signed === undefined || signed === '') return undefined;
    const dot = signed.lastIndexOf('.');
    const cursor = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.macOf(cursor), 'base64url');
    if (dot < 1 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError('VALIDATION_FAILED', 'cursor is not one this API issued', {
        errors: [{ path: '/querystring/cursor', message: 'unknown cursor' }],
      });
    }
    return cursor;
  }

  private macOf(cursor: string): string {
    return createHmac('sha256', this.key)
      .update(cursor)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');
  }
}
