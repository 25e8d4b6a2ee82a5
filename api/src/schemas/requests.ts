// Query and body schemas of the newer routes: search filters, policy options, classification and submission bodies.
import { POLICY_FORMATS, POLICY_PROFILES, RISK_FACTORS, RISK_LEVELS } from '@toolrisk/classifier';
import { SERVER_SORTS } from '@toolrisk/db';
import { Type } from 'typebox';
import { INPUT_LIMITS } from '../input/limits.js';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

/** A risk level filter. */
export const RiskQuery = literals(RISK_LEVELS);
/** A category filter. */
export const CategoryQuery = literals(['Read', 'Write', 'Execute'] as const);
/** A risk factor filter. */
export const FactorQuery = literals(RISK_FACTORS);
/** Search words: at most INPUT_LIMITS.query characters. */
export const SearchWords = Type.String({ minLength: 1, maxLength: INPUT_LIMITS.query.max });

/** Query of GET /v1/servers: paging, search, filters and order. */
export const ServerListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  q: Type.Optional(SearchWords),
  risk: Type.Optional(RiskQuery),
  category: Type.Optional(CategoryQuery),
  sort: Type.Optional(literals(SERVER_SORTS)),
});

/** Query of GET /v1/tools: paging, full-text search and filters. */
export const ToolSearchQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  q: Type.Optional(SearchWords),
  risk: Type.Optional(RiskQuery),
  category: Type.Optional(CategoryQuery),
  factor: Type.Optional(FactorQuery),
});

/** Query of GET /v1/changes: a start time and paging. */
export const ChangesQuery = Type.Object({
  since: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});

const PolicyOptions = {
  profile: Type.Union(
    POLICY_PROFILES.map((value) => Type.Literal(value)),
    { default: 'balanced' },
  ),
  format: Type.Union(
    POLICY_FORMATS.map((value) => Type.Literal(value)),
    { default: 'json' },
  ),
  pin: Type.Boolean({ default: false }),
};

/** Query of the policy routes: profile, format and pinning. */
export const PolicyQuery = Type.Object(PolicyOptions);

/** The most tools one classification request may carry. */
export const MAX_CLASSIFY_TOOLS = INPUT_LIMITS.toolCount.max;

/** Query of POST /v1/classify: the policy options, and `store` (needs a key). */
export const ClassifyQuery = Type.Object({ ...PolicyOptions, store: Type.Boolean({ default: false }) });

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
