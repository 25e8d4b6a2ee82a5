// @toolrisk/api: the HTTP app (JSON API and pages), given its settings and database.

export { buildApp } from './app.js';
export { createMcpServer } from './mcp/server.js';
export { resolveStack } from './stacks/resolve.js';
