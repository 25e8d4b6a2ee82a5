// The API's error envelope: stable codes, their HTTP status, and RFC 9457 problem documents.

/** Every code an API error response can carry, with its status. Clients branch on `code`. */
export const API_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BODY_MALFORMED: 400,
  BODY_NOT_UTF8: 400,
  BODY_TOO_DEEP: 400,
  DOCUMENT_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVER_NOT_FOUND: 404,
  TOOL_NOT_FOUND: 404,
  KEY_NOT_FOUND: 404,
  NOT_ACCEPTABLE: 406,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
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
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}
