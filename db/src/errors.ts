// The db workspace's error codes.

/** Codes of database-level failures. */
export const DB_ERROR_CODES = [
  /** The database does not answer. */
  'DATABASE_UNAVAILABLE',
  /** A committed migration could not be applied. */
  'MIGRATION_FAILED',
  /** The PGlite data directory (or a parent) cannot be written. */
  'DATA_DIR_READ_ONLY',
  /** The PGlite data directory is a file, or holds files that are not a database. */
  'DATA_DIR_NOT_DATABASE',
  /** The disk holding the PGlite data directory is full. */
  'DATA_DIR_FULL',
  /** A live process holds the PGlite data directory's lock but does not answer. */
  'DATA_DIR_LOCKED',
  /** A page cursor the catalogue did not issue (forged or damaged). */
  'CURSOR_INVALID',
] as const;
/** A stable code naming one kind of database failure. */
export type DbErrorCode = (typeof DB_ERROR_CODES)[number];

/** Base error of the db workspace: a stable `code`, a `cause` and context. */
export class ToolriskDbError extends Error {
  readonly code: DbErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: DbErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ToolriskDbError';
    this.code = code;
    this.context = Object.freeze({ ...options.context });
  }
}

/** The system and SQLSTATE codes of a full disk: ENOSPC and EDQUOT from the file system, 53100 (disk_full). */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', '53100']);

/** The codes that say the database itself cannot be used, not that one request or row was refused. */
const DATABASE_FAILURE_CODES: ReadonlySet<DbErrorCode> = new Set<DbErrorCode>([
  'DATA_DIR_FULL',
  'DATA_DIR_READ_ONLY',
  'DATA_DIR_NOT_DATABASE',
  'DATA_DIR_LOCKED',
]);

function causesOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; chain.length < 8 && typeof current === 'object' && current !== null; ) {
    chain.push(current);
    current = 'cause' in current ? current.cause : undefined;
  }
  return chain;
}

/** True when the error, or one in its cause chain, says the disk is full. */
export function isDiskFull(error: unknown): boolean {
  return causesOf(error).some(
    (cause) =>
      typeof cause === 'object' &&
      cause !== null &&
      'code' in cause &&
      typeof cause.code === 'string' &&
      (DISK_FULL_CODES.has(cause.code) || cause.code === 'DATA_DIR_FULL'),
  );
}

/** DATA_DIR_FULL for `dataDir`, naming what the disk refused (the innermost cause's message). */
export function dataDirFullError(dataDir: string, cause: unknown): ToolriskDbError {
  // The innermost cause is the file system's or PostgreSQL's own word; wrappers between (a query builder's
  // "Failed query: ...") would only print SQL.
  const chain = causesOf(cause);
  const innermost = chain[chain.length - 1] ?? cause;
  const detail = innermost instanceof Error ? innermost.message : String(innermost);
  return new ToolriskDbError(
    'DATA_DIR_FULL',
    `the disk holding ${dataDir} is full (${detail}); the write it refused stored nothing: free space there and run it again`,
    { cause: innermost, context: { dataDir } },
  );
}

/**
 * The error of ours in `error`'s cause chain that says the database itself cannot be used (a full or read-only
 * data directory, say), wherever a driver or query builder wrapped it; undefined for any other failure.
 */
export function databaseFailureOf(error: unknown): ToolriskDbError | undefined {
  for (const cause of causesOf(error)) {
    if (cause instanceof ToolriskDbError && DATABASE_FAILURE_CODES.has(cause.code)) return cause;
  }
  return undefined;
}
