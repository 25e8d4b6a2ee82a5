// Response schemas of the newer routes: search pages, stats, the change feed, classification reports, submissions.
import { Type } from 'typebox';
import { EvidenceSchema, PageMetadataSchema, ToolSchema } from './catalogue.js';

/** A page of tools found across the catalogue. */
export const ToolPageSchema = Type.Object({ tools: Type.Array(ToolSchema), metadata: PageMetadataSchema });

const Counts = Type.Record(Type.String(), Type.Integer());

/** Counts over the catalogue. */
export const StatsSchema = Type.Object({
  servers: Type.Integer(),
  tools: Type.Integer(),
  byCategory: Counts,
  byRisk: Counts,
  byFactor: Counts,
});

/** One definition change in the feed. */
export const ChangeSchema = Type.Object({
  serverId: Type.String(),
  name: Type.String(),
  definitionHash: Type.String(),
  seenAt: Type.String({ format: 'date-time' }),
  kind: Type.Union([Type.Literal('added'), Type.Literal('changed')]),
  links: Type.Object({ tool: Type.String() }),
});

/** A page of the change feed. */
export const ChangePageSchema = Type.Object({
  changes: Type.Array(ChangeSchema),
  metadata: PageMetadataSchema,
});

/** A classification computed for a submitted definition. */
const VerdictSchema = Type.Object({
  category: Type.String(),
  risk: Type.String(),
  factors: Type.Array(Type.String()),
  confidence: Type.Number(),
  rationale: Type.String(),
  evidence: Type.Array(EvidenceSchema),
  fiveClass: Type.String(),
  classifierVersion: Type.String(),
});

/** Why an entry (or the whole document, index null) could not be classified. */
const EntryErrorSchema = Type.Object({
  index: Type.Union([Type.Integer(), Type.Null()]),
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

/** One submitted entry, in input order: classified, or an error saying why not. */
export const ClassifiedEntrySchema = Type.Object({
  index: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('classified'), Type.Literal('error')]),
  definitionHash: Type.Optional(Type.String()),
  classification: Type.Optional(VerdictSchema),
  warnings: Type.Array(Type.String()),
  errors: Type.Array(EntryErrorSchema),
});

const Tally = (keys: string[]) => Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer()])));

/** The report of POST /v1/classify. */
export const ClassifyReportSchema = Type.Object({
  server: Type.Union([Type.Object({}, { additionalProperties: Type.String() }), Type.Null()]),
  classifierVersion: Type.String(),
  tools: Type.Array(ClassifiedEntrySchema),
  errors: Type.Array(EntryErrorSchema),
  summary: Type.Object({
    toolCount: Type.Integer(),
    byCategory: Tally(['Read', 'Write', 'Execute']),
    byRisk: Tally(['Low', 'Medium', 'High', 'Critical']),
    highestRisk: Type.Union([Type.String(), Type.Null()]),
    canModify: Type.Array(Type.String()),
    canDestroy: Type.Array(Type.String()),
  }),
  policy: Type.Object({
    profile: Type.String(),
    format: Type.String(),
    /** The gateway JSON policy as an object, or the Intercept YAML policy as text. */
    content: Type.Union([Type.Object({}, { additionalProperties: true }), Type.String()]),
  }),
  stored: Type.Optional(
    Type.Object({
      serverId: Type.String(),
      isNewServer: Type.Boolean(),
      toolsNew: Type.Integer(),
      toolsChanged: Type.Integer(),
      toolsRemoved: Type.Integer(),
      toolsUnchanged: Type.Integer(),
      links: Type.Object({ server: Type.String() }),
    }),
  ),
});

/** A server submitted for crawling. */
export const SubmissionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  value: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
