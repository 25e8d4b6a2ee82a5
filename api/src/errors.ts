// The API's error envelope: stable codes, their HTTP status, and RFC 9457 problem documents.

/** Every code an API error response can carry, with its status. Clients branch on `code`. */
export const API_ERROR_STATUS = {
  /** A query, path or body field fails its schema (`errors[].path` names it); also a cursor this API did not issue. */
  VALIDATION_FAILED: 400,
  /** A request the HTTP layer could not read (a malformed URL, a bad header); the detail says what. */
  BAD_REQUEST: 400,
  BODY_MALFORMED: 400,
  BODY_NOT_UTF8: 400,
  BODY_TOO_DEEP: 400,
  DOCUMENT_INVALID: 400,
  /** A field holds NUL, a lone surrogate or (in a path or query) another control character. */
  TEXT_INVALID: 400,
  /** The input limits (`api/src/input/limits.ts`): each names its field and carries `limit`. */
  ID_TOO_LONG: 400,
  NAME_TOO_LONG: 400,
  TITLE_TOO_LONG: 400,
  DESCRIPTION_TOO_LONG: 400,
  QUERY_TOO_LONG: 400,
  SCHEMA_TOO_LARGE: 400,
  SCHEMA_TOO_DEEP: 400,
  TOO_MANY_TOOLS: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** store=true over a server the key does not own: a catalogue server, or one another key stored or submitted. */
  SERVER_NOT_OWNED: 403,
  NOT_FOUND: 404,
  SERVER_NOT_FOUND: 404,
  TOOL_NOT_FOUND: 404,
  KEY_NOT_FOUND: 404,
  /** No crawl run with that id. */
  RUN_NOT_FOUND: 404,
  NOT_ACCEPTABLE: 406,
  /** The request (headers and body) did not arrive within the request timeout. */
  REQUEST_TIMEOUT: 408,
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A Content-Encoding other than gzip, deflate or br (or identity). */
  ENCODING_UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  /** This client already holds the most open connections allowed. */
  TOO_MANY_CONNECTIONS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  /** The database does not answer; retry after `Retry-After` seconds. */
  UNAVAILABLE: 503,
} as const;
/** A stable code naming one kind of API error. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** An expected failure a handler raises; the error handler turns it into problem+json. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERROR_STATUS[code];
    this.details = details;
  }
}

/** An RFC 9457 problem document with our code and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { path: string; message: string; allowed?: string[] }[];
  [extension: string]: unknown;
}
