// @toolrisk/api: the HTTP app (JSON API and pages), given its settings and database.

export type { AppDeps } from './app.js';
export { buildApp } from './app.js';
export type { ApiErrorCode, Problem } from './errors.js';
export { API_ERROR_STATUS, ApiError } from './errors.js';
export type { AppConfig, ServerLimits } from './app-config.js';
export type { InputLimit } from './input/limits.js';
export { INPUT_LIMITS } from './input/limits.js';
export { READ_CACHE_TTL_MS } from './http/read-cache.js';
export { SECURITY_HEADERS } from './http/security-headers.js';
export type { McpServerDeps } from './mcp/server.js';
export { callMcpTool, createMcpServer, listMcpTools, MCP_SERVER_INFO } from './mcp/server.js';
export { catalogueTools, resolveStack } from './stacks/resolve.js';
