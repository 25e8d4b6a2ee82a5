// Stored verdicts: the row-to-domain mappers, the current-classification join, and writing a server's verdicts.
import {
  type Category,
  CLASSIFIER_VERSION,
  type Classification,
  type Evidence,
  type EvidenceSource,
  type FiveClass,
  RISK_FACTORS,
  RISK_LEVELS,
  type RiskFactor,
  type ServerContext,
  serverContextOf,
  type ToolDefinition,
  toFiveClass,
} from '@toolrisk/classifier';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ClassificationRow, ToolRow } from '../rows.js';
import { classifications, servers, tools } from '../schema/index.js';

/** One verdict as the set-based statements read it. */
export interface VerdictInput {
  name: string;
  classifier_version: string;
  category: string;
  risk: string;
  factors: string[];
  confidence: number;
  rationale: string;
  evidence: unknown[];
  five_class: string;
}

/** A verdict as the set-based statements read it. */
export function verdictInputOf(name: string, verdict: Classification): VerdictInput {
  return {
    name,
    classifier_version: verdict.classifierVersion,
    category: verdict.category,
    risk: verdict.risk,
    factors: verdict.factors,
    confidence: verdict.confidence,
    rationale: verdict.rationale,
    evidence: verdict.evidence,
    five_class: verdict.fiveClass,
  };
}

/** The SQL rank of a risk level column (Critical highest), for picking a server's highest risk. */
export function riskRankSql(column: string): SQL {
  return sql.raw(
    `(case ${column} when 'Critical' then 4 when 'High' then 3 when 'Medium' then 2 when 'Low' then 1 else 0 end)`,
  );
}

/** Rebuilds the tool definition the classifier reads from a stored row. */
export function toolDefinitionOf(row: ToolRow): ToolDefinition {
  const tool: ToolDefinition = { name: row.name };
  if (row.title !== null) tool.title = row.title;
  if (row.description !== null) tool.description = row.description;
  if (row.inputSchema !== null) tool.inputSchema = row.inputSchema;
  if (row.annotations !== null) tool.annotations = row.annotations;
  return tool;
}

const CATEGORIES: readonly Category[] = ['Read', 'Write', 'Execute'];
const FIVE_CLASSES: readonly FiveClass[] = ['Read', 'Write', 'Execute', 'Destructive', 'Financial'];
const EVIDENCE_SOURCES: readonly EvidenceSource[] = [
  'name',
  'title',
  'description',
  'parameter',
  'annotation',
  'sibling',
  'server',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One stored evidence item read back field by field (a jsonb column is unknown to TypeScript); null when malformed. */
function evidenceOf(item: unknown): Evidence | null {
  if (!isRecord(item)) return null;
  const { source, quote, effect, path, rule } = item;
  const known = EVIDENCE_SOURCES.find((candidate) => candidate === source);
  if (known === undefined || typeof quote !== 'string' || typeof effect !== 'string') return null;
  return {
    source: known,
    quote,
    effect,
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof rule === 'string' ? { rule } : {}),
  };
}

/**
 * A stored classification as the classifier's type, evidence included, so what is rebuilt from it (a starter
 * policy's argument rules, an MCP answer) equals what the fresh verdict gives; null when its category or risk is
 * not the classifier's vocabulary (then callers reclassify or show none). The one row-to-domain mapper of verdicts.
 */
export function classificationOfRow(row: ClassificationRow): Classification | null {
  const category = CATEGORIES.find((candidate) => candidate === row.category);
  const risk = RISK_LEVELS.find((candidate) => candidate === row.risk);
  if (category === undefined || risk === undefined) return null;
  const factors = row.factors.flatMap((factor): RiskFactor[] => {
    const known = RISK_FACTORS.find((candidate) => candidate === factor);
    return known === undefined ? [] : [known];
  });
  const fiveClass = FIVE_CLASSES.find((candidate) => candidate === row.fiveClass);
  return {
    category,
    risk,
    factors,
    confidence: row.confidence,
    rationale: row.rationale,
    evidence: row.evidence.flatMap((item) => evidenceOf(item) ?? []),
    fiveClass: fiveClass ?? toFiveClass(category, factors),
    classifierVersion: row.classifierVersion,
  };
}

/** The join condition of a tool's classification by the current classifier, for its current definition. */
export function currentClassification() {
  return and(
    eq(classifications.toolId, tools.id),
    eq(classifications.definitionHash, tools.definitionHash),
    eq(classifications.classifierVersion, CLASSIFIER_VERSION),
  );
}

/**
 * The current classification of the outer query's tool as a LATERAL subquery (`current`): joined this way, a list in
 * tool order probes classifications_tool_hash_version_key once per tool and stops at its page, where a plain join
 * (whose estimate the correlated tool_id and definition_hash equalities throw off) would hash the whole table.
 */
export function currentClassificationLateral(db: Database) {
  return db.select().from(classifications).where(currentClassification()).limit(1).as('current');
}

/** A server's current tools as the classifier reads them, with the server context their siblings give. */
export interface CurrentTools {
  context: ServerContext;
  definitions: ToolDefinition[];
}

/** Reads a server's current (not removed) tools and its context, for its caller to classify. */
export async function currentToolsOf(db: Database, serverId: string): Promise<CurrentTools> {
  const [server] = await db.select().from(servers).where(eq(servers.id, serverId));
  const rows = await db
    .select()
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)));
  const definitions = rows.map(toolDefinitionOf);
  const context = serverContextOf(
    { name: server?.registryName ?? serverId, title: server?.title, description: server?.description },
    definitions,
  );
  return { context, definitions };
}

/**
 * Stores the caller's verdicts for a server's current tools (those missing for this classifier version and
 * definition), then refreshes the server's tool count and highest risk: two statements whatever the tool count.
 */
export async function storeClassifications(
  db: Database,
  serverId: string,
  verdicts: ReadonlyMap<string, Classification>,
): Promise<void> {
  const rows = [...verdicts].map(([name, verdict]) => verdictInputOf(name, verdict));
  await db.execute(sql`
    with c_in as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(name text, classifier_version text,
        category text, risk text, factors jsonb, confidence real, rationale text, evidence jsonb, five_class text)
    )
    insert into classifications (tool_id, definition_hash, classifier_version, category, risk, factors, confidence,
      rationale, evidence, five_class)
    select t.id, t.definition_hash, c.classifier_version, c.category, c.risk, c.factors, c.confidence, c.rationale,
      c.evidence, c.five_class
    from tools t join c_in c on c.name = t.name
    where t.server_id = ${serverId} and t.removed_at is null
    on conflict do nothing
  `);
  // The stored verdicts decide, not the fresh ones: a second opinion may have raised a level since.
  await refreshHighestRisk(db, [serverId]);
}

/** Recomputes each server's tool count and highest risk from its current stored classifications, in one statement. */
export async function refreshHighestRisk(db: Database, serverIds: readonly string[]): Promise<void> {
  if (serverIds.length === 0) return;
  await db.execute(sql`
    update servers s set
      tool_count = (select count(*) from tools t where t.server_id = s.id and t.removed_at is null),
      highest_risk = (
        select c.risk from tools t
        join classifications c on c.tool_id = t.id and c.definition_hash = t.definition_hash
          and c.classifier_version = ${CLASSIFIER_VERSION}
        where t.server_id = s.id and t.removed_at is null
        order by ${riskRankSql('c.risk')} desc limit 1
      )
    where s.id in (select jsonb_array_elements_text(${JSON.stringify(serverIds)}::jsonb))
  `);
}

/** Ids of servers with a current tool that has no classification by this classifier version. */
export async function serversNeedingClassification(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serverId: tools.serverId })
    .from(tools)
    .leftJoin(classifications, currentClassification())
    .where(sql`${classifications.id} is null and ${tools.removedAt} is null`);
  return rows.map((row) => row.serverId);
}
