// The tool page's plain language: its opening sentence and the answers to a reader's questions, from the classifier's verdict and policy model.
import {
  answerToolQuestions,
  classifyTool,
  describeTool,
  type PolicyProfile,
  serverContextOf,
} from '@toolrisk/classifier';
import type { ClassifiedToolRow, ServerRow } from '@toolrisk/db';
import { classificationOfRow, toolDefinitionOf } from '@toolrisk/db';
import type { ToolPlainView } from '@toolrisk/web';
import { serverAbout } from './page-views.js';

/**
 * The plain-language view of one tool: the sentence reads the tool in its server's context (as it was classified),
 * and the answers ask the policy model and the exporters under the page's profile, with the server named as the
 * page's policy names it, so every entry matches the page's own export.
 */
export function toolPlainView(
  server: ServerRow,
  row: ClassifiedToolRow,
  siblings: readonly ClassifiedToolRow[],
  options: { profile: PolicyProfile; serverName: string },
): ToolPlainView {
  const definition = toolDefinitionOf(row.tool);
  const context = serverContextOf(
    { name: server.registryName ?? server.id, title: server.title, description: server.description },
    siblings.map((sibling) => toolDefinitionOf(sibling.tool)),
  );
  const stored = row.classification ? classificationOfRow(row.classification) : null;
  const classification = stored ?? classifyTool(definition, context);
  return {
    sentence: describeTool(definition, classification, context).text,
    answers: answerToolQuestions(
      {
        name: row.tool.name,
        classification,
        definitionHash: row.tool.definitionHash,
        inputSchema: row.tool.inputSchema ?? undefined,
      },
      options,
    ),
    about: serverAbout(server, []),
  };
}
