// toolrisk as an MCP server: the catalogue's read-only answers as tools, for any transport (stdio, streamable HTTP).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { CLASSIFIER_VERSION } from '@toolrisk/classifier';
import { type Database, isDatabaseUnavailable } from '@toolrisk/db';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ApiError } from '../errors.js';
import { INPUT_LIMITS, type InputLimit, isPlainText, TEXT_INVALID } from '../input/limits.js';
import { type McpAnswer, toolError, toolResult } from './answer.js';
import { checkServer, checkTool, getPolicy, searchCatalogueTools } from './catalogue-answers.js';
import { classifyTools } from './classify-answer.js';
import {
  getReviewPrompt,
  listServerResources,
  PROMPTS,
  RESOURCE_TEMPLATES,
  readResource,
} from './resources.js';
import { checkStackAnswer } from './stack-answer.js';
import {
  MCP_TOOL_ANNOTATIONS,
  MCP_TOOLS,
  type McpToolArguments,
  type McpToolName,
  TOOL_INPUTS,
} from './tools.js';

/** What the MCP server reads: the catalogue, and where to report its own failures. */
export interface McpServerDeps {
  db: Database;
  /** Called with an unexpected error before INTERNAL is answered (the HTTP app logs it; stdio writes stderr). */
  logError?: (error: unknown) => void;
}

/** The name and version the server introduces itself with. */
export const MCP_SERVER_INFO = { name: 'toolrisk', version: CLASSIFIER_VERSION } as const;

const INSTRUCTIONS =
  'toolrisk answers from a local catalogue of MCP tool risk classifications. Before connecting an MCP server or ' +
  'calling one of its tools, call check_server or check_tool; classify_tools judges definitions not yet catalogued. ' +
  'Servers and tools are also resources (toolrisk://servers/{id}, toolrisk://servers/{id}/tools/{name}), and the ' +
  'review_server prompt reviews a server before it is connected.';

/** String arguments whose length limit has its own code, as in the API (INPUT_LIMITS). */
const LIMITED_ARGUMENTS: Record<string, InputLimit> = {
  server: INPUT_LIMITS.id,
  tool: INPUT_LIMITS.name,
  query: INPUT_LIMITS.query,
};

const validators = new Map(
  Object.entries(TOOL_INPUTS).map(([name, schema]: [string, TSchema]) => [name, Compile(schema)]),
);

/** The tools/list entries: schemas as plain JSON, the same annotations on each. */
export function listMcpTools(): Tool[] {
  return MCP_TOOLS.map((spec) => ({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: plainSchema(spec.inputSchema),
    outputSchema: plainSchema(spec.outputSchema),
    annotations: { title: spec.title, ...MCP_TOOL_ANNOTATIONS },
  }));
}

/** A TypeBox schema as JSON (its symbol keys dropped); an object schema, as MCP wants. */
function plainSchema(schema: TSchema): Tool['inputSchema'] {
  const json: unknown = JSON.parse(JSON.stringify(schema));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('schema is not an object');
  return { type: 'object', ...json };
}

function isToolName(name: string): name is McpToolName {
  return Object.hasOwn(TOOL_INPUTS, name);
}

/** Text arguments checked as the API checks path and query values: plain text, within the limits table. */
function checkTextArguments(args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string') continue;
    const limit = LIMITED_ARGUMENTS[name];
    if (!limit) continue;
    if (!isPlainText(value)) {
      throw new ApiError(TEXT_INVALID, `/${name}: holds a control character or a lone surrogate`);
    }
    if (value.length > limit.max) {
      throw new ApiError(
        limit.code,
        `/${name}: ${value.length} ${limit.unit}, more than the ${limit.max} allowed`,
        {
          limit: limit.max,
        },
      );
    }
  }
}

function validArguments<Name extends McpToolName>(name: Name, args: unknown): McpToolArguments<Name> {
  const validator = validators.get(name);
  if (!validator) throw new Error(`no validator for ${name}`);
  if (typeof args === 'object' && args !== null && !Array.isArray(args)) {
    checkTextArguments(Object.fromEntries(Object.entries(args)));
  }
  if (!validator.Check(args)) {
    const [issue] = validator.Errors(args);
    const at = issue?.instancePath || '/';
    throw new ApiError('VALIDATION_FAILED', `${at}: ${issue?.message ?? 'does not match the input schema'}`);
  }
  // Check passed, so the value has the schema's static type.
  return args as McpToolArguments<Name>;
}

async function answer(db: Database, name: McpToolName, args: unknown): Promise<McpAnswer<TSchema>> {
  switch (name) {
    case 'check_server':
      return checkServer(db, validArguments(name, args));
    case 'check_tool':
      return checkTool(db, validArguments(name, args));
    case 'search_tools':
      return searchCatalogueTools(db, validArguments(name, args));
    case 'classify_tools':
      return classifyTools(validArguments(name, args));
    case 'get_policy':
      return getPolicy(db, validArguments(name, args));
    case 'check_stack':
      return checkStackAnswer(db, validArguments(name, args));
  }
}

/** Runs one tool call; every expected failure becomes a coded tool error, anything else INTERNAL (logged). */
export async function callMcpTool(deps: McpServerDeps, name: string, args: unknown): Promise<CallToolResult> {
  if (!isToolName(name)) return toolError('NOT_FOUND', `no tool "${name}"; tools/list names them`);
  try {
    return toolResult(await answer(deps.db, name, args ?? {}));
  } catch (error) {
    if (error instanceof ApiError) {
      const limit = error.details?.limit;
      return toolError(error.code, error.message, typeof limit === 'number' ? { limit } : {});
    }
    deps.logError?.(error);
    if (isDatabaseUnavailable(error)) {
      return toolError('UNAVAILABLE', 'the catalogue database does not answer; retry later');
    }
    return toolError('INTERNAL', 'toolrisk failed to answer; the failure was logged');
  }
}

/** A new MCP server on the catalogue: connect it to one transport (one per HTTP request in stateless mode). */
export function createMcpServer(deps: McpServerDeps): Server {
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {}, resources: {}, prompts: {} },
    instructions: INSTRUCTIONS,
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listMcpTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    callMcpTool(deps, request.params.name, request.params.arguments),
  );
  server.setRequestHandler(ListResourcesRequestSchema, async (request) =>
    listServerResources(deps.db, request.params?.cursor),
  );
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: RESOURCE_TEMPLATES,
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) =>
    readResource(deps.db, request.params.uri),
  );
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: PROMPTS }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) =>
    getReviewPrompt(deps.db, request.params.name, request.params.arguments),
  );
  return server;
}
