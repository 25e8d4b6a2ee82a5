// Response schemas of the newer routes: search pages, stats, the change feed, classification reports, submissions.
import { ClassificationReportSchema, ClassifiedEntryJsonSchema } from '@toolrisk/classifier';
import { Type } from 'typebox';
import { PageMetadataSchema, ToolSchema } from './catalogue.js';

/** A page of tools found across the catalogue. */
export const ToolPageSchema = Type.Object(
  { tools: Type.Array(ToolSchema), metadata: PageMetadataSchema },
  { description: 'A page of matching current tools with their classifications' },
);

const Counts = Type.Record(Type.String(), Type.Integer());

/** Counts over the catalogue. */
export const StatsSchema = Type.Object(
  { servers: Type.Integer(), tools: Type.Integer(), byCategory: Counts, byRisk: Counts, byFactor: Counts },
  { description: 'Servers and current tools, and tools per category, risk level and risk factor' },
);

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
export const ChangePageSchema = Type.Object(
  { changes: Type.Array(ChangeSchema), metadata: PageMetadataSchema },
  { description: 'A page of definition changes, oldest first' },
);

/** One submitted entry, in input order: classified, or an error saying why not (the classifier's one JSON shape). */
export const ClassifiedEntrySchema = ClassifiedEntryJsonSchema;

/** The report of POST /v1/classify: what `toolrisk classify --format json` prints, plus the policy and what was stored. */
export const ClassifyReportSchema = Type.Object(
  {
    ...ClassificationReportSchema.properties,
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
  },
  {
    description:
      "Every entry's classification, the server summary and its starter policy; what was stored, if asked",
  },
);

/** A server submitted for crawling. */
export const SubmissionSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String(),
    value: Type.String(),
    status: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'The submission, queued for `toolrisk crawl submissions`' },
);
