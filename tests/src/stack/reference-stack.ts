// The reference stack of the stack tests: real tool definitions (filesystem, fetch, Gmail, GitHub) classified as the catalogue would.
import { readFileSync } from 'node:fs';
import {
  type ClientConfigReading,
  classifyTool,
  hashDefinition,
  type ResolvedServer,
  readClientConfig,
  readToolsDocument,
  serverContextOf,
  serverKey,
} from '@toolrisk/classifier';
import { FIXTURES_DIR } from '../harness/paths.js';

/** tests/fixtures/configs. */
export const CONFIGS_DIR = `${FIXTURES_DIR}/configs`;
/** tests/fixtures/stacks: tools/list captures of the reference servers. */
export const STACKS_DIR = `${FIXTURES_DIR}/stacks`;

/** The reference servers by their configured name, with the capture each one's tools come from. */
export const REFERENCE_CAPTURES: Record<string, string> = {
  filesystem: 'modelcontextprotocol-server-filesystem.json',
  fetch: 'tokenizin-mcp-npx-fetch.json',
  gmail: 'gmail-mcp.json',
  github: 'modelcontextprotocol-server-github.json',
};

/** A capture's tools classified with their server as context, as the catalogue stores them. */
export function resolvedFromCapture(file: string): ResolvedServer {
  const raw: unknown = JSON.parse(readFileSync(`${STACKS_DIR}/${file}`, 'utf8'));
  const document = readToolsDocument(raw);
  const definitions = document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
  const context = serverContextOf({ name: document.server?.name ?? file }, definitions);
  return {
    status: 'catalogue',
    serverId: document.server?.id ?? file,
    matchedBy: 'package',
    tools: definitions.map((definition) => ({
      definition,
      classification: classifyTool(definition, context),
      definitionHash: hashDefinition(definition),
    })),
  };
}

/** A Claude Desktop configuration naming the given reference servers, read, with each server resolved from its capture. */
export function referenceStack(names: readonly string[]): {
  readings: ClientConfigReading[];
  resolved: Map<string, ResolvedServer>;
} {
  const config = JSON.parse(
    readFileSync(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8'),
  ) as {
    mcpServers: Record<string, unknown>;
  };
  const kept = Object.fromEntries(Object.entries(config.mcpServers).filter(([name]) => names.includes(name)));
  const reading = readClientConfig(JSON.stringify({ mcpServers: kept }), 'claude_desktop_config.json');
  const resolved = new Map<string, ResolvedServer>();
  for (const server of reading.servers) {
    const capture = REFERENCE_CAPTURES[server.name];
    if (capture) resolved.set(serverKey(server), resolvedFromCapture(capture));
  }
  return { readings: [reading], resolved };
}
