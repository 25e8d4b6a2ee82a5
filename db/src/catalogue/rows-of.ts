// The rows of a raw `db.execute` result, whichever engine answered: PGlite gives `{rows}`, postgres.js an array.

/** The result rows as plain records. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows = Array.isArray(result)
    ? result
    : isObject(result) && Array.isArray(result.rows)
      ? result.rows
      : [];
  return rows.filter(isObject);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
