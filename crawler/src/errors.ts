// The crawler workspace's error codes: failures of sources, introspection and storage.

/** Every code a crawl failure can carry; stored in crawl_errors.code. */
export const CRAWL_ERROR_CODES = [
  'FILE_UNREADABLE', // an import file could not be read
  'JSON_MALFORMED', // an import file or response is not JSON
  'DOCUMENT_INVALID', // a tools/list document with errors (see the issues)
  'REGISTRY_UNAVAILABLE', // the registry answered 5xx or could not be reached after retries
  'REGISTRY_RESPONSE_INVALID', // the registry answered something that is not a ServerList
  'LIST_UNAVAILABLE', // a directory page or list could not be fetched
  'EXEC_NOT_ALLOWED', // a stdio command that the operator did not allow
  'ADDRESS_NOT_ALLOWED', // a remote URL resolving to a private, link-local or loopback address
  'CONNECT_FAILED', // the server could not be started or reached
  'INITIALIZE_FAILED', // the server never completed `initialize`
  'TIMEOUT', // a connect, request or total timeout fired
  'PROTOCOL_ERROR', // malformed JSON-RPC or a response that breaks the MCP schema
  'LIMIT_EXCEEDED', // too many tools or too much output
  'SERVER_CRASHED', // the process exited before the listing finished
  'STORE_FAILED', // writing a server's snapshot failed (a bug or the database)
  'SANDBOX_UNAVAILABLE', // bubblewrap (or prlimit) is missing or cannot create namespaces here: nothing was run
  'PACKAGE_INVALID', // a package spec, registry package entry or installed package that cannot be run (no bin)
  'PACKAGE_UNSUPPORTED', // a registry package of another registry type or transport than npm over stdio
  'PACKAGE_INSTALL_FAILED', // npm could not install the package (unknown version, network, bad tarball)
  'PACKAGE_TOO_LARGE', // the installed package passed the size cap
  'ENTRY_INVALID', // a capture entry that is not an object or names no server
  'ENTRY_DUPLICATE', // a capture entry naming a server its source already listed (the first is kept)
  'TEXT_NOT_UTF8', // bytes that are not UTF-8 (a JSONL line is refused; in a JSON file they become U+FFFD)
  'TEXT_INVALID', // a NUL or a lone surrogate, which PostgreSQL cannot store, in a field (the entry is refused)
  'FIELD_TOO_LARGE', // a server field or a tool schema past its limit (CAPTURE_LIMITS)
  'TOOL_INVALID', // a tool refused from a capture (its document issue code in detail.issue); the others are kept
] as const;
/** A stable code naming one kind of crawl failure. */
export type CrawlErrorCode = (typeof CRAWL_ERROR_CODES)[number];

/** Base error of the crawler workspace: a stable `code`, a `cause` and context. */
export class ToolriskCrawlError extends Error {
  readonly code: CrawlErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: CrawlErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ToolriskCrawlError';
    this.code = code;
    this.context = Object.freeze({ ...options.context });
  }
}
