// `toolrisk mcp`: the catalogue as an MCP server over stdio, for Claude Desktop, Claude Code, Cursor, VS Code, Codex.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '@toolrisk/api';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { readArgs, usageError } from './args.js';
import type { CliCommand, Command } from './io.js';

const USAGE = `usage: toolrisk mcp

Serves the local catalogue as an MCP server on standard input and output (JSON-RPC, one message a line), read-only:
check_server, check_tool, search_tools, classify_tools, get_policy. The database comes from the environment
(DATABASE_URL or TOOLRISK_DATA_DIR), as for toolrisk serve; an empty one is seeded first. Logs go to stderr.
`;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Serves MCP on stdio until the client closes standard input, or SIGINT or SIGTERM. */
const run: CliCommand = async (args, io) => {
  const parsed = readArgs(args, {});
  if (typeof parsed === 'string') return usageError(io, 'mcp', parsed, USAGE);
  if (parsed.positionals.length > 0)
    return usageError(io, 'mcp', `unexpected argument "${parsed.positionals[0]}"`, USAGE);
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config, {
    prepare: true,
    log: (message) => io.stderr(`toolrisk: ${message}\n`),
  });
  const server = createMcpServer({
    db: handle.db,
    logError: (error) => io.stderr(`toolrisk mcp: a tool failed: ${messageOf(error)}\n`),
  });
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    // Standard input ending is how an MCP client says it is done with a stdio server.
    process.stdin.once('end', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    server.onclose = stop;
  });
  await server.connect(new StdioServerTransport());
  io.stderr(`toolrisk: MCP server on stdio (${handle.engine})\n`);
  await stopped;
  await server.close();
  await handle.close();
  return 0;
};

/** Serves the catalogue as an MCP server over stdio. */
export const mcpCommand: Command = { usage: USAGE, run };
