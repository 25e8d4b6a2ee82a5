// The db workspace's error codes.

/** Codes of database-level failures. */
export const DB_ERROR_CODES = ['DATABASE_UNAVAILABLE', 'MIGRATION_FAILED'] as const;
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
