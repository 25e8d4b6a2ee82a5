// Route schemas of the catalogue: one TypeBox definition validates, serialises and documents each shape.
import { ClassificationJsonSchema, EvidenceJsonSchema } from '@toolrisk/classifier';
import { Type } from 'typebox';
import { INPUT_LIMITS } from '../input/limits.js';

/** Evidence quoted from a definition, with the id of the rule that read it: the classifier's one JSON shape. */
export const EvidenceSchema = EvidenceJsonSchema;

/** A classification as the API shows it: the classifier's one JSON shape (the CLI's and SARIF's too). */
export const ClassificationSchema = ClassificationJsonSchema;

const Timestamp = Type.String({ format: 'date-time' });
const JsonObject = Type.Object({}, { additionalProperties: true });

/** A server in listings. */
export const ServerSchema = Type.Object(
  {
    id: Type.String(),
    registryName: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    version: Type.Union([Type.String(), Type.Null()]),
    repository: Type.Union([JsonObject, Type.Null()]),
    websiteUrl: Type.Union([Type.String(), Type.Null()]),
    packages: Type.Array(Type.Unknown()),
    remotes: Type.Array(Type.Unknown()),
    status: Type.String(),
    toolCount: Type.Integer(),
    highestRisk: Type.Union([Type.String(), Type.Null()]),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    links: Type.Object({ self: Type.String(), tools: Type.String(), page: Type.String() }),
  },
  { description: 'A server of the catalogue, with its highest tool risk and links' },
);

/** A tool with its current classification. */
export const ToolSchema = Type.Object(
  {
    serverId: Type.String(),
    name: Type.String(),
    title: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    inputSchema: Type.Union([JsonObject, Type.Null()]),
    annotations: Type.Union([JsonObject, Type.Null()]),
    definitionHash: Type.String(),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    changedAt: Timestamp,
    removedAt: Type.Union([Timestamp, Type.Null()]),
    classification: Type.Union([ClassificationSchema, Type.Null()]),
    links: Type.Object({ self: Type.String(), page: Type.String(), policy: Type.String() }),
  },
  { description: 'A tool of a server with its current classification' },
);

/** One past or present definition of a tool. */
export const ToolVersionSchema = Type.Object(
  { definitionHash: Type.String(), seenAt: Timestamp, definition: JsonObject },
  { description: 'One definition of a tool, as first seen at `seenAt`' },
);

/** Page metadata, as the MCP Registry answers it. */
export const PageMetadataSchema = Type.Object({
  nextCursor: Type.Optional(
    Type.String({ description: 'Pass as `cursor` for the next page; absent on the last' }),
  ),
  count: Type.Integer({ description: 'Items on this page' }),
});

/** A page of servers. */
export const ServerPageSchema = Type.Object(
  { servers: Type.Array(ServerSchema), metadata: PageMetadataSchema },
  { description: 'A page of servers, cursor-paged as the MCP Registry does' },
);

/** A server with its current tools. */
export const ServerToolsSchema = Type.Object(
  {
    server: ServerSchema,
    tools: Type.Array(ToolSchema),
    metadata: Type.Object({
      nextCursor: PageMetadataSchema.properties.nextCursor,
      count: PageMetadataSchema.properties.count,
      total: Type.Integer({ description: "The server's current tools on every page" }),
    }),
  },
  { description: "A page of a server's current tools (by name) with their classifications" },
);

/** One tool with every definition it has had. */
export const ToolDetailSchema = Type.Intersect(
  [ToolSchema, Type.Object({ history: Type.Array(ToolVersionSchema) })],
  { description: 'A tool with its classification and definition history, newest first' },
);

/** Path parameters naming a server. */
export const ServerParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: INPUT_LIMITS.id.max }),
});
/** Path parameters naming a tool of a server. */
export const ToolParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: INPUT_LIMITS.id.max }),
  name: Type.String({ minLength: 1, maxLength: INPUT_LIMITS.name.max }),
});
/** Cursor paging query. */
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});
