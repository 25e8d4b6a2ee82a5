// Schemas of the stack routes: client configuration files in, the stack check out (same JSON as `toolrisk scan --format json`).
import {
  MAX_CONFIG_BYTES,
  MCP_CLIENTS,
  OwaspReferenceJsonSchema,
  POLICY_FORMATS,
  POLICY_PROFILES,
} from '@toolrisk/classifier';
import { Type } from 'typebox';

/** The most configuration files one stack check may carry. */
export const MAX_STACK_FILES = 16;

const ConfigFile = Type.Object(
  {
    /** The file's name or path as the client knows it (`claude_desktop_config.json`, `.vscode/mcp.json`, `config.toml`). */
    name: Type.String({ minLength: 1, maxLength: 500 }),
    /** The file's text (JSON, JSONC or TOML), secrets best stripped before sending. */
    text: Type.String({ maxLength: MAX_CONFIG_BYTES }),
    /** The client, when the name does not say it. */
    client: Type.Optional(Type.Union(MCP_CLIENTS.map((client) => Type.Literal(client)))),
  },
  { additionalProperties: false },
);

/** Body of POST /v1/stacks/check and /v1/stacks/policy: the client configuration files of one stack. */
export const StackBody = Type.Object(
  { files: Type.Array(ConfigFile, { minItems: 1, maxItems: MAX_STACK_FILES }) },
  { additionalProperties: false },
);

/** Query of POST /v1/stacks/check: the profile the starter policy is judged under. */
export const StackQuery = Type.Object({
  profile: Type.Union(
    POLICY_PROFILES.map((value) => Type.Literal(value)),
    { default: 'balanced' },
  ),
});

/** Query of POST /v1/stacks/policy: profile and format. */
export const StackPolicyQuery = Type.Object({
  profile: Type.Union(
    POLICY_PROFILES.map((value) => Type.Literal(value)),
    { default: 'balanced' },
  ),
  format: Type.Union(
    POLICY_FORMATS.map((value) => Type.Literal(value)),
    { default: 'json' },
  ),
});

const Open = Type.Object({}, { additionalProperties: true });
const Link = Type.Object(
  {
    server: Type.String(),
    tool: Type.String(),
    role: Type.String(),
    reason: Type.String(),
    evidence: Type.Array(Open),
  },
  { additionalProperties: true },
);

/** The stack check: servers, tools, flows (source, carrier, sink, severity, evidence, breaking rules), rules, issues, summary. */
export const StackCheckSchema = Type.Object({
  classifierVersion: Type.String(),
  profile: Type.String(),
  servers: Type.Array(
    Type.Object(
      {
        name: Type.String(),
        client: Type.String(),
        file: Type.String(),
        path: Type.String(),
        transport: Type.String(),
        secrets: Type.Array(Open),
        match: Open,
        toolCount: Type.Integer(),
        highestRisk: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: true },
    ),
  ),
  tools: Type.Array(Open),
  flows: Type.Array(
    Type.Object(
      {
        id: Type.String(),
        kind: Type.String(),
        severity: Type.String(),
        summary: Type.String(),
        source: Type.Optional(Link),
        carrier: Link,
        sink: Link,
        breakingRules: Type.Array(Open),
        isBrokenByPolicy: Type.Boolean(),
        owasp: Type.Array(OwaspReferenceJsonSchema, {
          description: 'The OWASP MCP Top 10 risks this kind of flow relates to, each with why',
        }),
      },
      { additionalProperties: true },
    ),
  ),
  rules: Type.Array(Open),
  issues: Type.Array(
    Type.Object(
      {
        code: Type.String(),
        severity: Type.String(),
        file: Type.String(),
        path: Type.String(),
        message: Type.String(),
        owasp: Type.Array(OwaspReferenceJsonSchema, {
          description:
            'The OWASP MCP Top 10 risks this problem relates to (a secret written out: MCP01); empty for a file that does not parse',
        }),
      },
      { additionalProperties: false },
    ),
  ),
  summary: Open,
});
