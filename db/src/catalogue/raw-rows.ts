// The rows of a raw `db.execute` on either driver: PGlite answers `{ rows }`, postgres.js an array.

/** The rows of a raw query's result; the caller's SQL names the columns `T` describes. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  return [];
}
