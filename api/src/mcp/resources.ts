// The MCP server's resources and prompt: servers and tools as `toolrisk://` documents, and "review this server before I connect it".
import {
  ErrorCode,
  type GetPromptResult,
  type ListResourcesResult,
  McpError,
  type Prompt,
  type ReadResourceResult,
  type ResourceTemplate,
} from '@modelcontextprotocol/sdk/types.js';
import { type Database, listServers, ToolriskDbError } from '@toolrisk/db';
import { ApiError } from '../errors.js';
import { checkServer, checkTool } from './catalogue-answers.js';

/** The URI scheme of toolrisk's resources. */
export const RESOURCE_SCHEME = 'toolrisk:';
const SERVER_TEMPLATE = 'toolrisk://servers/{id}';
const TOOL_TEMPLATE = 'toolrisk://servers/{id}/tools/{name}';
const JSON_TYPE = 'application/json';
/** Servers per resources/list page. */
const RESOURCE_PAGE = 100;
/** MCP's code for a resource that does not exist (spec, server/resources "Error Handling"). */
const RESOURCE_NOT_FOUND = -32002;

/** The resource templates: one server's check, and one tool's. */
export const RESOURCE_TEMPLATES: ResourceTemplate[] = [
  {
    uriTemplate: SERVER_TEMPLATE,
    name: 'server',
    title: 'A catalogued MCP server',
    description:
      "The server's tools with their risk levels (riskiest first) and its balanced starter policy, as check_server answers",
    mimeType: JSON_TYPE,
  },
  {
    uriTemplate: TOOL_TEMPLATE,
    name: 'tool',
    title: 'A catalogued tool',
    description:
      "One tool's category, risk, factors, confidence, rationale, evidence and starter-policy action, as check_tool answers",
    mimeType: JSON_TYPE,
  },
];

/** The URI of a server's resource. */
export function serverUri(id: string): string {
  return `toolrisk://servers/${encodeURIComponent(id)}`;
}

/** The URI of a tool's resource. */
export function toolUri(serverId: string, toolName: string): string {
  return `${serverUri(serverId)}/tools/${encodeURIComponent(toolName)}`;
}

/** One page of the catalogue's servers as resources, in id order. */
export async function listServerResources(
  db: Database,
  cursor: string | undefined,
): Promise<ListResourcesResult> {
  const page = await listServers(db, { limit: RESOURCE_PAGE, cursor, sort: 'name' }).catch(
    (error: unknown) => {
      if (error instanceof ToolriskDbError && error.code === 'CURSOR_INVALID') {
        throw new McpError(ErrorCode.InvalidParams, 'cursor is not one this server issued');
      }
      throw error;
    },
  );
  return {
    resources: page.servers.map((server) => ({
      uri: serverUri(server.id),
      name: server.id,
      title: server.title ?? server.registryName ?? server.id,
      description: `${server.toolCount} tools, highest risk ${server.highestRisk ?? 'unknown'}`,
      mimeType: JSON_TYPE,
    })),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}

type ResourceTarget = { kind: 'server'; id: string } | { kind: 'tool'; id: string; name: string };

/** The server (and tool) a `toolrisk://servers/...` URI names, or null for any other URI. */
export function parseResourceUri(uri: string): ResourceTarget | null {
  const match = /^toolrisk:\/\/servers\/([^/?#]+)(?:\/tools\/([^/?#]+))?$/.exec(uri);
  if (!match?.[1]) return null;
  try {
    const id = decodeURIComponent(match[1]);
    return match[2] === undefined
      ? { kind: 'server', id }
      : { kind: 'tool', id, name: decodeURIComponent(match[2]) };
  } catch {
    return null; // a malformed %-escape names nothing
  }
}

function notFound(uri: string, code: string, message: string): McpError {
  return new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${message}`, { uri, code });
}

/** resources/read: the JSON check_server or check_tool answers; an unknown server or tool is MCP's "resource not found". */
export async function readResource(db: Database, uri: string): Promise<ReadResourceResult> {
  const target = parseResourceUri(uri);
  if (target === null) {
    throw notFound(uri, 'NOT_FOUND', `${uri} is no toolrisk://servers/{id}[/tools/{name}] URI`);
  }
  try {
    const answer =
      target.kind === 'server'
        ? await checkServer(db, { server: target.id })
        : await checkTool(db, { server: target.id, tool: target.name });
    return { contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(answer.structured) }] };
  } catch (error) {
    if (error instanceof ApiError) throw notFound(uri, error.code, error.message);
    throw error;
  }
}

/** The prompt's name. */
export const REVIEW_PROMPT = 'review_server';

/** The prompts the server offers. */
export const PROMPTS: Prompt[] = [
  {
    name: REVIEW_PROMPT,
    title: 'Review this server before I connect it',
    description:
      "Asks the model to review an MCP server from toolrisk's catalogue entry before it is connected: what its riskiest tools can do and which rules to set",
    arguments: [
      {
        name: 'server',
        description: 'A catalogue id, MCP Registry name, package, launch command or URL',
        required: true,
      },
    ],
  },
];

/** prompts/get for review_server: the instructions, and the server's catalogue entry as an embedded resource. */
export async function getReviewPrompt(
  db: Database,
  name: string,
  args: Record<string, string> | undefined,
): Promise<GetPromptResult> {
  if (name !== REVIEW_PROMPT)
    throw new McpError(ErrorCode.InvalidParams, `no prompt "${name}"; prompts/list names them`);
  const server = args?.server?.trim();
  if (!server) throw new McpError(ErrorCode.InvalidParams, 'review_server needs the argument "server"');
  let answer: Awaited<ReturnType<typeof checkServer>>;
  try {
    answer = await checkServer(db, { server });
  } catch (error) {
    if (error instanceof ApiError)
      throw new McpError(ErrorCode.InvalidParams, `${error.code}: ${error.message}`);
    throw error;
  }
  const id = answer.structured.server.id;
  const instructions = [
    `I am about to connect the MCP server "${server}" (toolrisk catalogue id ${id}). Review it before I do, using toolrisk's catalogue entry below.`,
    '1. Say in plain words what an agent could do with its riskiest tools (Critical and High first), citing each rationale.',
    '2. Say which tools should be allowed, which need my approval for each call, and which should be disabled, following the starter policy and saying where you would differ.',
    '3. Note any tool whose declared annotations or description look inconsistent with its classification.',
    '4. End with one line: connect as is, connect with the policy, or do not connect, and why.',
    'If I tell you which client I use, fetch the matching policy file with get_policy (format claude-code, codex, cursor, vscode, cedar or agentgateway).',
  ].join('\n');
  return {
    description: `Review ${id} before connecting it`,
    messages: [
      { role: 'user', content: { type: 'text', text: instructions } },
      {
        role: 'user',
        content: {
          type: 'resource',
          resource: { uri: serverUri(id), mimeType: JSON_TYPE, text: JSON.stringify(answer.structured) },
        },
      },
    ],
  };
}
