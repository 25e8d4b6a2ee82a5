// The named schemas of the OpenAPI document: wherever a route's schema holds one of these, the document refers to it
// by this name (api/src/http/openapi.ts), so a client generator gets `Server` and `Classification`, not `Object12`.
import {
  ClassifiedEntryJsonSchema,
  EffectiveAnnotationsJsonSchema,
  EffectiveHintJsonSchema,
  FactorDetailJsonSchema,
  OwaspReferenceJsonSchema,
  ServerSummaryJsonSchema,
  ToolErrorJsonSchema,
} from '@toolrisk/classifier';
import type { TSchema } from 'typebox';
import {
  ClassificationSchema,
  EvidenceSchema,
  PageMetadataSchema,
  ServerPageSchema,
  ServerSchema,
  ServerToolsSchema,
  ToolDetailSchema,
  ToolSchema,
  ToolVersionSchema,
} from './catalogue.js';
import { ProblemSchema } from './problem.js';
import {
  ChangePageSchema,
  ChangeSchema,
  ClassifyReportSchema,
  StatsSchema,
  SubmissionSchema,
  ToolPageSchema,
} from './responses.js';

/** Component name to schema, for `#/components/schemas/{name}`. */
export const OPENAPI_COMPONENTS: Readonly<Record<string, TSchema>> = {
  Server: ServerSchema,
  ServerPage: ServerPageSchema,
  ServerTools: ServerToolsSchema,
  Tool: ToolSchema,
  ToolDetail: ToolDetailSchema,
  ToolVersion: ToolVersionSchema,
  ToolPage: ToolPageSchema,
  PageMetadata: PageMetadataSchema,
  Classification: ClassificationSchema,
  Evidence: EvidenceSchema,
  EffectiveAnnotations: EffectiveAnnotationsJsonSchema,
  EffectiveHint: EffectiveHintJsonSchema,
  FactorDetail: FactorDetailJsonSchema,
  OwaspReference: OwaspReferenceJsonSchema,
  ClassifiedEntry: ClassifiedEntryJsonSchema,
  ToolError: ToolErrorJsonSchema,
  ServerSummary: ServerSummaryJsonSchema,
  ClassifyReport: ClassifyReportSchema,
  Stats: StatsSchema,
  Change: ChangeSchema,
  ChangePage: ChangePageSchema,
  Submission: SubmissionSchema,
  Problem: ProblemSchema,
};
