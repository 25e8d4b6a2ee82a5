// A catalogue tool's verdict for the MCP answers: its stored classification, or the classifier's when none reads back.
import {
  type Category,
  classifyTool,
  RISK_LEVELS,
  type RiskLevel,
  riskRank,
  serverContextOf,
} from '@toolrisk/classifier';
import { type ClassifiedToolRow, type ServerRow, toolDefinitionOf } from '@toolrisk/db';

const CATEGORIES: readonly Category[] = ['Read', 'Write', 'Execute'];

/** One piece of evidence, as the classifier wrote it. */
export interface VerdictEvidence {
  source: string;
  quote: string;
  effect: string;
  path?: string;
  rule?: string;
}

/** What the MCP tools say about one catalogue tool. */
export interface Verdict {
  category: Category;
  risk: RiskLevel;
  factors: string[];
  confidence: number;
  rationale: string;
  evidence: VerdictEvidence[];
  classifierVersion: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stored evidence read back field by field (a jsonb column is unknown to TypeScript). */
function evidenceOf(stored: unknown[]): VerdictEvidence[] {
  return stored.flatMap((item) => {
    if (!isRecord(item)) return [];
    const { source, quote, effect, path, rule } = item;
    if (typeof source !== 'string' || typeof quote !== 'string' || typeof effect !== 'string') return [];
    return [
      {
        source,
        quote,
        effect,
        ...(typeof path === 'string' ? { path } : {}),
        ...(typeof rule === 'string' ? { rule } : {}),
      },
    ];
  });
}

function storedVerdict(row: ClassifiedToolRow): Verdict | null {
  const stored = row.classification;
  if (!stored) return null;
  const category = CATEGORIES.find((candidate) => candidate === stored.category);
  const risk = RISK_LEVELS.find((candidate) => candidate === stored.risk);
  if (!category || !risk) return null;
  return {
    category,
    risk,
    factors: stored.factors,
    confidence: stored.confidence,
    rationale: stored.rationale,
    evidence: evidenceOf(stored.evidence),
    classifierVersion: stored.classifierVersion,
  };
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
