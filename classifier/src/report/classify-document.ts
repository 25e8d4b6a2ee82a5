// Classifying a whole tools/list document: every entry in input order, unusable ones as per-tool errors.
import { serverContextOf } from '../classify/server-context.js';
import { CLASSIFIER_VERSION, classifyTool, summarizeServer } from '../classify.js';
import { hashDefinition } from '../definition-hash.js';
import type { DocumentServer, ToolsDocument } from '../document.js';
import type { Classification, ServerContext, ServerSummary, ToolDefinition } from '../types.js';

/** One tool of a document with its classification. */
export interface ClassifiedTool {
  index: number;
  /** JSON path of the entry in the document, e.g. `$.tools[3]`. */
  path: string;
  name: string;
  /** sha256 of the definition classified (`hashDefinition`). */
  definitionHash: string;
  classification: Classification;
  /** The entry's `annotations` as written (non-boolean hints included), for the effective annotations. */
  annotations: unknown;
  /** Warnings on the entry (e.g. a non-string description that was ignored). */
  warnings: string[];
}

/** An entry that could not be classified (no name, description too long, not an object, duplicate). */
export interface ToolError {
  index: number | null;
  path: string;
  code: string;
  message: string;
}

/** An entry that was not classified: where it is and the name it gave, if any (its errors are in `errors`). */
export interface RejectedTool {
  index: number;
  path: string;
  name: string | null;
}

/** A classified document: tools and errors in input order, and the server summary. */
export interface ClassifiedDocument {
  server: DocumentServer | null;
  classifierVersion: string;
  tools: ClassifiedTool[];
  /** The entries that could not be classified, in input order. */
  rejected: RejectedTool[];
  errors: ToolError[];
  summary: ServerSummary;
}

/** Classifies every usable entry of a document with its siblings as context; nothing is silently dropped. */
export function classifyDocument(document: ToolsDocument): ClassifiedDocument {
  const usable = document.entries.filter(
    (entry) => entry.tool !== null && !entry.issues.some((issue) => issue.severity === 'error'),
  );
  const siblings = usable.map((entry) => entry.tool).filter((tool): tool is ToolDefinition => tool !== null);
  const context: ServerContext = serverContextOf(document.server, siblings);
  const tools: ClassifiedTool[] = [];
  const rejected: RejectedTool[] = [];
  const errors: ToolError[] = document.issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => ({ index: null, path: issue.path, code: issue.code, message: issue.message }));
  for (const entry of document.entries) {
    const blocking = entry.issues.filter((issue) => issue.severity === 'error');
    if (entry.tool === null || blocking.length > 0) {
      for (const issue of blocking)
        errors.push({ index: entry.index, path: issue.path, code: issue.code, message: issue.message });
      const name = entry.raw && typeof entry.raw.name === 'string' ? entry.raw.name : null;
      rejected.push({ index: entry.index, path: entry.path, name });
      continue;
    }
    const warnings = entry.issues.map((issue) => `${issue.path}: ${issue.message}`);
    tools.push({
      index: entry.index,
      path: entry.path,
      name: entry.tool.name,
      definitionHash: hashDefinition(entry.tool),
      classification: classifyTool(entry.tool, context),
      annotations: entry.raw?.annotations,
      warnings,
    });
  }
  return {
    server: document.server,
    classifierVersion: CLASSIFIER_VERSION,
    tools,
    rejected,
    errors,
    summary: summarizeServer(tools),
  };
}
