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
