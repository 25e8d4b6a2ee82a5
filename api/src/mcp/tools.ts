// The MCP server's tool list: each tool's name, description, input and output schema (TypeBox) and honest annotations.
import {
  EffectiveAnnotationsJsonSchema,
  MAX_CONFIG_BYTES,
  MCP_CLIENTS,
  POLICY_FORMATS,
  POLICY_PROFILES,
  RISK_LEVELS,
} from '@toolrisk/classifier';
import { type Static, type TSchema, Type } from 'typebox';
import { INPUT_LIMITS } from '../input/limits.js';
import { StackCheckSchema } from '../schemas/stacks.js';

const Risk = Type.Enum(RISK_LEVELS);
const Category = Type.Enum(['Read', 'Write', 'Execute'] as const);
const ServerArgument = Type.String({
  minLength: 1,
  maxLength: INPUT_LIMITS.id.max,
  description:
    'A catalogue server id (as in /v1/servers/{id}), its MCP Registry name, a package it is published as ' +
    '(@scope/name, name==1.0, an OCI image), the command that launches it (npx -y @scope/name) or its remote or repository URL',
});
const ToolArgument = Type.String({
  minLength: 1,
  maxLength: INPUT_LIMITS.name.max,
  description: 'A tool name',
});

/** What the catalogue says about one server, in brief. */
const ServerBrief = Type.Object({
  id: Type.String(),
  registryName: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  version: Type.Union([Type.String(), Type.Null()]),
  toolCount: Type.Integer(),
  highestRisk: Type.Union([Risk, Type.Null()]),
  link: Type.String({ description: 'The API path of the server' }),
});

const Evidence = Type.Object({
  source: Type.String(),
  quote: Type.String(),
  effect: Type.String(),
  path: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
});

/** A tool's verdict: the classification's fields an agent decides on. */
const Verdict = {
  category: Category,
  risk: Risk,
  factors: Type.Array(Type.String()),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  rationale: Type.String(),
};

const RankedTool = Type.Object({ name: Type.String(), ...Verdict, action: Type.String() });

const Counts = Type.Object({
  Low: Type.Integer(),
  Medium: Type.Integer(),
  High: Type.Integer(),
  Critical: Type.Integer(),
});

const ToolPolicyBrief = Type.Object({ name: Type.String(), action: Type.String(), reason: Type.String() });

/** Output of check_server. */
export const CheckServerOutput = Type.Object({
  server: ServerBrief,
  byRisk: Counts,
  tools: Type.Array(RankedTool, { description: 'Current tools, the riskiest first' }),
  policy: Type.Object({
    profile: Type.Enum(POLICY_PROFILES),
    default: Type.Literal('deny'),
    tools: Type.Array(ToolPolicyBrief),
  }),
});

/** Output of check_tool. */
export const CheckToolOutput = Type.Object({
  server: ServerBrief,
  tool: Type.Object({
    name: Type.String(),
    title: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    definitionHash: Type.String(),
    ...Verdict,
    evidence: Type.Array(Evidence),
    classifierVersion: Type.String(),
    effectiveAnnotations: EffectiveAnnotationsJsonSchema,
  }),
  policy: ToolPolicyBrief,
});

/** Output of search_tools. */
export const SearchToolsOutput = Type.Object({
  count: Type.Integer(),
  hasMore: Type.Boolean({ description: 'More tools match than were listed' }),
  tools: Type.Array(
    Type.Object({
      serverId: Type.String(),
      name: Type.String(),
      description: Type.Union([Type.String(), Type.Null()], { description: 'At most 300 characters' }),
      category: Type.Union([Category, Type.Null()]),
      risk: Type.Union([Risk, Type.Null()]),
      factors: Type.Array(Type.String()),
      confidence: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

/** Output of classify_tools. */
export const ClassifyToolsOutput = Type.Object({
  classifierVersion: Type.String(),
  summary: Type.Object({
    toolCount: Type.Integer(),
    byRisk: Counts,
    highestRisk: Type.Union([Risk, Type.Null()]),
    canModify: Type.Array(Type.String()),
    canDestroy: Type.Array(Type.String()),
  }),
  tools: Type.Array(
    Type.Object({
      index: Type.Integer(),
      name: Type.String(),
      ...Verdict,
      evidence: Type.Array(Evidence),
      effectiveAnnotations: EffectiveAnnotationsJsonSchema,
    }),
  ),
  errors: Type.Array(
    Type.Object({
      index: Type.Union([Type.Integer(), Type.Null()]),
      path: Type.String(),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

/** Output of get_policy. */
export const GetPolicyOutput = Type.Object({
  serverId: Type.String(),
  profile: Type.Enum(POLICY_PROFILES),
  format: Type.Enum(POLICY_FORMATS),
  filename: Type.String(),
  mediaType: Type.String(),
  content: Type.String({ description: 'The policy file as text' }),
});

/** Output of check_stack: the stack check (as POST /v1/stacks/check answers), and the policy file when a format is asked. */
export const CheckStackOutput = Type.Object({
  ...StackCheckSchema.properties,
  policy: Type.Optional(Type.Object({ format: Type.Enum(POLICY_FORMATS), content: Type.String() })),
});

/** Inputs of every tool. */
export const TOOL_INPUTS = {
  check_server: Type.Object({ server: ServerArgument }, { additionalProperties: false }),
  check_tool: Type.Object({ server: ServerArgument, tool: ToolArgument }, { additionalProperties: false }),
  search_tools: Type.Object(
    {
      query: Type.String({
        minLength: 1,
        maxLength: INPUT_LIMITS.query.max,
        description: 'Words that must all appear in the tool name, title or description',
      }),
      risk: Type.Optional(Risk),
      category: Type.Optional(Category),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'At most this many (20)' })),
    },
    { additionalProperties: false },
  ),
  classify_tools: Type.Object(
    {
      document: Type.Union(
        [Type.Object({}, { additionalProperties: true }), Type.Array(Type.Unknown()), Type.String()],
        {
          description:
            'A tools/list result ({"tools":[...]}, {"server":{...},"tools":[...]} or a bare array), as JSON or JSON text; at most 2,000 tools and 5 MB',
        },
      ),
    },
    { additionalProperties: false },
  ),
  get_policy: Type.Object(
    {
      server: ServerArgument,
      format: Type.Optional(Type.Enum(POLICY_FORMATS)),
      profile: Type.Optional(Type.Enum(POLICY_PROFILES)),
      pin: Type.Optional(Type.Boolean({ description: "Pin each tool's definition hash" })),
    },
    { additionalProperties: false },
  ),
  check_stack: Type.Object(
    {
      config: Type.Union([Type.Object({}, { additionalProperties: true }), Type.String()], {
        description: `An MCP client configuration (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf or Codex), as JSON, JSONC or TOML text or as a JSON object; leave secret values out; at most ${MAX_CONFIG_BYTES} bytes`,
      }),
      file: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 500,
          description: 'Its file name, e.g. .vscode/mcp.json or config.toml',
        }),
      ),
      client: Type.Optional(Type.Enum(MCP_CLIENTS)),
      profile: Type.Optional(Type.Enum(POLICY_PROFILES)),
      format: Type.Optional(Type.Enum(POLICY_FORMATS)),
    },
    { additionalProperties: false },
  ),
} as const;

/** The name of one of the server's tools. */
export type McpToolName = keyof typeof TOOL_INPUTS;
/** The validated arguments of a tool. */
export type McpToolArguments<Name extends McpToolName> = Static<(typeof TOOL_INPUTS)[Name]>;

/** One entry of tools/list, before its schemas are turned into plain JSON. */
export interface McpToolSpec {
  name: McpToolName;
  title: string;
  description: string;
  inputSchema: TSchema;
  outputSchema: TSchema;
}

// Descriptions say what each tool reads and that it changes nothing: agents (and toolrisk itself) judge a tool by them.
/** Every tool the server lists, in this order. */
export const MCP_TOOLS: readonly McpToolSpec[] = [
  {
    name: 'check_server',
    title: 'Check a server',
    description:
      "Look up an MCP server in the local toolrisk catalogue and return its tools' risk levels (riskiest first) and a recommended starter policy. Read-only lookup.",
    inputSchema: TOOL_INPUTS.check_server,
    outputSchema: CheckServerOutput,
  },
  {
    name: 'check_tool',
    title: 'Check a tool',
    description:
      'Look up one tool of a catalogued MCP server and return its category, risk level, risk factors, confidence, rationale and evidence. Read-only lookup.',
    inputSchema: TOOL_INPUTS.check_tool,
    outputSchema: CheckToolOutput,
  },
  {
    name: 'search_tools',
    title: 'Search tools',
    description:
      'Search the local toolrisk catalogue for tools by words, optionally filtered by risk level and category, and return their classifications. Read-only lookup.',
    inputSchema: TOOL_INPUTS.search_tools,
    outputSchema: SearchToolsOutput,
  },
  {
    name: 'classify_tools',
    // "classify" is no verb the classifier knows, so the title carries the read verb (see the self-classification test).
    title: 'Check tool definitions',
    description:
      'Check every tool definition in a tools/list result given as input and return its risk classification. Pure computation: nothing is kept.',
    inputSchema: TOOL_INPUTS.classify_tools,
    outputSchema: ClassifyToolsOutput,
  },
  {
    name: 'get_policy',
    title: 'Get a starter policy',
    description:
      'Return the recommended starter policy of a catalogued MCP server as the text of a policy file (gateway JSON by default, or another format toolrisk writes), for a strict, balanced or permissive profile. Read-only lookup.',
    inputSchema: TOOL_INPUTS.get_policy,
    outputSchema: GetPolicyOutput,
  },
  {
    name: 'check_stack',
    title: 'Check a stack',
    description:
      'Look up every MCP server named in a client configuration given as input in the local toolrisk catalogue and return their tools, risk levels and the risky flows between them, with the rules that block each flow. Read-only lookup: nothing is kept.',
    inputSchema: TOOL_INPUTS.check_stack,
    outputSchema: CheckStackOutput,
  },
];

/** Every tool's annotations: it reads the local catalogue (or computes), changes nothing, reaches nothing outside. */
export const MCP_TOOL_ANNOTATIONS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;
