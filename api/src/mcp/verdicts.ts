// A catalogue tool's verdict for the MCP answers: its stored classification, or the classifier's when none reads back.
import {
  type Category,
  type Classification,
  classifyTool,
  riskRank,
  serverContextOf,
} from '@toolrisk/classifier';
import { type ClassifiedToolRow, classificationOfRow, type ServerRow, toolDefinitionOf } from '@toolrisk/db';

/** What the MCP tools say about one catalogue tool: the classifier's verdict, stored or computed now. */
export type Verdict = Classification;

function storedVerdict(row: ClassifiedToolRow): Verdict | null {
  return row.classification ? classificationOfRow(row.classification) : null;
}

/** True when the row's stored classification reads back, so no sibling is needed to judge it. */
export function hasStoredVerdict(row: ClassifiedToolRow): boolean {
  return storedVerdict(row) !== null;
}

/** The verdicts of a server's tools, in the order given; a tool the current classifier has not judged is judged now. */
export function verdictsOf(server: ServerRow, rows: ClassifiedToolRow[]): Verdict[] {
  let context: ReturnType<typeof serverContextOf> | undefined;
  return rows.map((row) => {
    const stored = storedVerdict(row);
    if (stored) return stored;
    context ??= serverContextOf(
      { name: server.registryName ?? server.id, title: server.title, description: server.description },
      rows.map((sibling) => toolDefinitionOf(sibling.tool)),
    );
    return classifyTool(toolDefinitionOf(row.tool), context);
  });
}

const CATEGORY_RANK: Record<Category, number> = { Read: 0, Write: 1, Execute: 2 };

/** Orders riskiest first: risk level, then category (Execute before Write before Read), then confidence, then name. */
export function byRiskiest(
  a: { name: string; verdict: Verdict },
  b: { name: string; verdict: Verdict },
): number {
  return (
    riskRank(b.verdict.risk) - riskRank(a.verdict.risk) ||
    CATEGORY_RANK[b.verdict.category] - CATEGORY_RANK[a.verdict.category] ||
    b.verdict.confidence - a.verdict.confidence ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
