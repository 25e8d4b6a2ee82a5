// The classifier workspace's error codes: one base error, the documented list of codes.

/** Every code a document or tool problem can carry. Callers branch on these, never on messages. */
export const DOCUMENT_ISSUE_CODES = [
  'DOCUMENT_NOT_OBJECT', // the document is neither an object nor an array of tools
  'TOOLS_MISSING', // an object without a `tools` array
  'TOOL_NOT_OBJECT', // an entry of `tools` is not an object
  'TOOL_NAME_MISSING', // a tool without a non-empty string `name`
  'TOOL_NAME_DUPLICATE', // two tools of one server share a name
  'DESCRIPTION_TOO_LONG', // a tool or server description past INPUT_LIMITS.description
  'ID_TOO_LONG', // a server id, name, package or version past INPUT_LIMITS.id
  'NAME_TOO_LONG', // a tool name past INPUT_LIMITS.name
  'TITLE_TOO_LONG', // a tool or server title (or repository) past INPUT_LIMITS.title
  'SCHEMA_TOO_LARGE', // an inputSchema, outputSchema or annotations past INPUT_LIMITS.schemaBytes as JSON
  'SCHEMA_TOO_DEEP', // a schema or annotations nested past INPUT_LIMITS.schemaDepth
  'TEXT_INVALID', // a name, title or description holding NUL or a lone surrogate (no database stores them)
  'DESCRIPTION_NOT_STRING', // a description that is not a string (ignored, warning)
  'SCHEMA_INVALID', // an inputSchema that is not a JSON Schema object (ignored, warning)
  'ANNOTATIONS_INVALID', // annotations that are not an object (ignored, warning)
  'TOO_MANY_TOOLS', // more tools than the caller allows, at most INPUT_LIMITS.toolCount
] as const;
/** A stable code naming one kind of document problem. */
export type DocumentIssueCode = (typeof DOCUMENT_ISSUE_CODES)[number];

/** Base error of the classifier workspace: a stable `code`, a `cause` and context. */
export class ToolriskClassifierError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ToolriskClassifierError';
    this.code = code;
    this.context = Object.freeze({ ...options.context });
  }
}

/** Every code a starter-policy problem can carry (recommendPolicy, renderers, evaluateCall). */
export const POLICY_ERROR_CODES = [
  'PROFILE_UNKNOWN', // a profile other than strict, balanced, permissive
  'FORMAT_UNKNOWN', // a format not in POLICY_FORMATS
  'POLICY_INVALID', // a policy that fails its JSON Schema (from outside: bad input; from us: a bug)
  'POLICY_TOOL_DUPLICATE', // two tools of one policy share a name
] as const;
/** A stable code naming one kind of starter-policy problem. */
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];
