// @toolrisk/api/testing: what only tests and benchmarks use, kept off the public entry.
export { API_ERROR_STATUS } from './errors.js';
export { READ_CACHE_NOTIFIED_TTL_MS, READ_CACHE_TTL_MS } from './http/read-cache.js';
export { SECURITY_HEADERS } from './http/security-headers.js';
export { INPUT_LIMITS } from './input/limits.js';
export { callMcpTool } from './mcp/server.js';
