// Query and body schemas of the newer routes: search filters, policy options, classification and submission bodies.
import { POLICY_FORMATS, POLICY_PROFILES, RISK_FACTORS, RISK_LEVELS } from '@toolrisk/classifier';
import { SERVER_SORTS } from '@toolrisk/db';
import { Type } from 'typebox';
import { INPUT_LIMITS } from '../input/limits.js';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

/**
 * A query parameter taking one of `values`: an `enum`, which the OpenAPI document lists and the query-enum hook
 * (api/src/input/query-enums.ts) matches in any letter case, answering a value outside it with the list.
 */
export const QueryEnum = <const T extends string>(
  values: readonly T[],
  options: { description: string; default?: T },
) => Type.Enum(values, options);

/** A risk level filter. */
export const RiskQuery = QueryEnum(RISK_LEVELS, { description: 'Only this risk level' });
/** A category filter. */
export const CategoryQuery = QueryEnum(['Read', 'Write', 'Execute'] as const, {
  description: 'Only this category',
});
/** A risk factor filter. */
export const FactorQuery = QueryEnum(RISK_FACTORS, { description: 'Only tools with this risk factor' });
/** Search words: at most INPUT_LIMITS.query characters. */
export const SearchWords = Type.String({
  minLength: 1,
  maxLength: INPUT_LIMITS.query.max,
  description: 'Search words',
});

const Limit = (max: number, fallback: number) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback, description: 'Items per page' });
const Cursor = Type.String({ maxLength: 1000, description: "The previous page's `metadata.nextCursor`" });

/** Query of GET /v1/servers: paging, search, filters and order. */
export const ServerListQuery = Type.Object({
  limit: Limit(100, 30),
  cursor: Type.Optional(Cursor),
  q: Type.Optional(SearchWords),
  risk: Type.Optional(
    QueryEnum(RISK_LEVELS, { description: 'Only servers whose riskiest tool has this level' }),
  ),
  category: Type.Optional(
    QueryEnum(['Read', 'Write', 'Execute'] as const, {
      description: 'Only servers with a tool of this category',
    }),
  ),
  sort: Type.Optional(
    QueryEnum(SERVER_SORTS, {
      description:
        'Order: `name` (default), `tools` (most first), `risk` (riskiest first), `recent` (last seen first)',
    }),
  ),
});

/** Query of GET /v1/servers/{id}/tools: paging by name. */
export const ServerToolsQuery = Type.Object({
  limit: Limit(500, 100),
  cursor: Type.Optional(Cursor),
});

/** Query of GET /v1/tools: paging, full-text search and filters. */
export const ToolSearchQuery = Type.Object({
  limit: Limit(100, 30),
  cursor: Type.Optional(Cursor),
  q: Type.Optional(SearchWords),
  risk: Type.Optional(RiskQuery),
  category: Type.Optional(CategoryQuery),
  factor: Type.Optional(FactorQuery),
});

/** Query of GET /v1/changes: a start time and paging. */
export const ChangesQuery = Type.Object({
  since: Type.Optional(
    Type.String({ format: 'date-time', description: 'Changes seen at or after this time' }),
  ),
  limit: Limit(500, 100),
  cursor: Type.Optional(Cursor),
});

const PolicyOptions = {
  profile: QueryEnum(POLICY_PROFILES, { default: 'balanced', description: 'How much the policy allows' }),
  format: QueryEnum(POLICY_FORMATS, {
    default: 'json',
    description: 'The file format: a gateway policy, or a client or gateway configuration',
  }),
  pin: Type.Boolean({ default: false, description: "Pin each allowed tool to its definition's hash" }),
};

/** Query of the policy routes: profile, format and pinning. */
export const PolicyQuery = Type.Object(PolicyOptions);

/** The most tools one classification request may carry. */
export const MAX_CLASSIFY_TOOLS = INPUT_LIMITS.toolCount.max;

/** Query of POST /v1/classify: the policy options, and `store` (needs a key). */
export const ClassifyQuery = Type.Object({
  ...PolicyOptions,
  store: Type.Boolean({
    default: false,
    description: 'Store the server and its tools in the catalogue (needs a key)',
  }),
});

const ToolList = Type.Array(Type.Unknown(), { maxItems: MAX_CLASSIFY_TOOLS });
const ServerBlock = Type.Object({}, { additionalProperties: true });

/** Body of POST /v1/classify: a tools/list result, `{server, tools}`, a JSON-RPC response, or a bare array. */
export const ClassifyBody = Type.Union([
  Type.Object({ server: Type.Optional(ServerBlock), tools: ToolList }),
  Type.Object({ result: Type.Object({ tools: ToolList }) }),
  ToolList,
]);

/** Body of POST /v1/servers: what to crawl. */
export const SubmissionBody = Type.Object(
  {
    kind: literals(['registry', 'url', 'package'] as const),
    value: Type.String({ minLength: 1, maxLength: 500, pattern: '^\\S+$' }),
  },
  { additionalProperties: false },
);
