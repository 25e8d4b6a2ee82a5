// The tools half of storing snapshots: one statement writes a batch's tools, definition history and verdicts.
import { CLASSIFIER_VERSION, hashDefinition } from '@toolrisk/classifier';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { riskRankSql, verdictInputOf } from './classifications.js';
import { rowsOf } from './raw-rows.js';
import type { ServerSnapshot, SnapshotClassifications, SnapshotOutcome } from './snapshot-types.js';

/** The tool counts of one server's outcome. */
export type ToolCounts = Pick<
  SnapshotOutcome,
  'toolsNew' | 'toolsChanged' | 'toolsRemoved' | 'toolsUnchanged'
>;

/** One snapshot whose tools were listed, with its caller's verdicts. */
export interface ListedTools {
  snapshot: ServerSnapshot;
  classifications: SnapshotClassifications;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A tool's input schema as the statement reads it: the key of `definition` holding it when it is that very object
 * (the usual case), so the batch's JSON carries each schema once, else the schema itself.
 */
function schemaInputOf(schema: unknown, raw: Record<string, unknown>) {
  if (!isJsonObject(schema)) return { input_schema: null, input_schema_key: null };
  for (const key of ['inputSchema', 'input_schema']) {
    if (raw[key] === schema) return { input_schema: null, input_schema_key: key };
  }
  return { input_schema: schema, input_schema_key: null };
}

/** The batch's tools as rows, one per server and name (the first wins), and their verdicts. */
function toolInputsOf(batch: readonly ListedTools[]) {
  const tools = [];
  const verdicts = [];
  for (const { snapshot, classifications } of batch) {
    const names = new Set<string>();
    for (const { tool, raw } of snapshot.tools ?? []) {
      if (names.has(tool.name)) continue;
      names.add(tool.name);
      tools.push({
        server_id: snapshot.id,
        name: tool.name,
        title: tool.title ?? null,
        description: tool.description ?? null,
        ...schemaInputOf(tool.inputSchema, raw),
        annotations: tool.annotations ? { ...tool.annotations } : null,
        definition: raw,
        hash: hashDefinition(tool),
      });
      const verdict = classifications.get(tool.name);
      if (verdict) verdicts.push({ server_id: snapshot.id, ...verdictInputOf(tool.name, verdict) });
    }
  }
  return { tools, verdicts };
}

/**
 * One statement for a batch of servers with distinct ids whose tools were listed: upsert every tool, add a
 * history row for each new or changed definition, mark the tools no longer listed removed, store the verdicts
 * missing for the current definitions, and refresh each server's tool count, highest risk (a stored verdict,
 * perhaps raised by a second opinion, wins over a fresh one) and the time its tools were listed.
 */
export async function writeTools(
  db: Database,
  batch: readonly ListedTools[],
  runId: number | null,
  now: Date,
): Promise<Map<string, ToolCounts>> {
  if (batch.length === 0) return new Map();
  const at = now.toISOString();
  const { tools, verdicts } = toolInputsOf(batch);
  const serverIds = batch.map((entry) => entry.snapshot.id);
  const result = await db.execute(sql`
    with t_srv as (select jsonb_array_elements_text(${JSON.stringify(serverIds)}::jsonb) as server_id),
    t_in as (
      select t.server_id, t.name, t.title, t.description,
        coalesce(t.input_schema, t.definition -> t.input_schema_key) as input_schema, t.annotations, t.definition, t.hash
      from jsonb_to_recordset(${JSON.stringify(tools)}::jsonb) as t(server_id text, name text, title text,
        description text, input_schema jsonb, input_schema_key text, annotations jsonb, definition jsonb, hash text)
    ),
    t_old as (
      select id, server_id, name, definition_hash, removed_at from tools
      where server_id in (select server_id from t_srv)
    ),
    t_up as (
      insert into tools (server_id, name, title, description, input_schema, annotations, definition, definition_hash,
        first_seen_at, last_seen_at, changed_at)
      select server_id, name, title, description, input_schema, annotations, definition, hash,
        ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz from t_in
      on conflict (server_id, name) do update set title = excluded.title, description = excluded.description,
        input_schema = excluded.input_schema, annotations = excluded.annotations, definition = excluded.definition,
        definition_hash = excluded.definition_hash, last_seen_at = excluded.last_seen_at, removed_at = null,
        changed_at = case when tools.definition_hash = excluded.definition_hash then tools.changed_at
          else excluded.changed_at end
      returning id, server_id, name, definition_hash
    ),
    t_ver as (
      insert into tool_versions (tool_id, definition_hash, definition, seen_at, crawl_run_id)
      select u.id, u.definition_hash, i.definition, ${at}::timestamptz, ${runId}::int
      from t_up u join t_in i using (server_id, name) left join t_old o using (server_id, name)
      where o.id is null or o.definition_hash <> u.definition_hash
    ),
    -- The tools no longer listed are among those read in t_old: no second scan of the server's tools.
    t_rem as (
      update tools t set removed_at = ${at}::timestamptz
      from t_old o
      where t.id = o.id and o.removed_at is null
        and not exists (select 1 from t_in i where i.server_id = o.server_id and i.name = o.name)
      returning t.server_id
    ),
    c_in as (
      select * from jsonb_to_recordset(${JSON.stringify(verdicts)}::jsonb) as c(server_id text, name text,
        classifier_version text, category text, risk text, factors jsonb, confidence real, rationale text,
        evidence jsonb, five_class text)
    ),
    c_up as (
      insert into classifications (tool_id, definition_hash, classifier_version, category, risk, factors, confidence,
        rationale, evidence, five_class)
      select u.id, u.definition_hash, c.classifier_version, c.category, c.risk, c.factors, c.confidence, c.rationale,
        c.evidence, c.five_class
      from t_up u join c_in c using (server_id, name)
      on conflict do nothing
    ),
    t_now as (
      -- Only a tool stored before can have a stored verdict: one index probe each, never a scan of every verdict.
      select u.server_id, u.name,
        coalesce(case when o.id is not null then (
          select v.risk from classifications v where v.tool_id = u.id and v.definition_hash = u.definition_hash
            and v.classifier_version = ${CLASSIFIER_VERSION}
        ) end, case when c.classifier_version = ${CLASSIFIER_VERSION} then c.risk end) as risk,
        o.id is null as is_new, o.id is not null and (o.definition_hash <> u.definition_hash
          or o.removed_at is not null) as is_changed
      from t_up u
      left join t_old o using (server_id, name)
      -- Joined on the key alone (a hash join); a filter on the version here made a nested loop over the batch.
      left join c_in c on c.server_id = u.server_id and c.name = u.name
    ),
    per_server as (
      select s.server_id, count(n.name)::int as tools, count(*) filter (where n.is_new)::int as tools_new,
        count(*) filter (where n.is_changed)::int as tools_changed,
        (array_agg(n.risk order by ${riskRankSql('n.risk')} desc) filter (where n.risk is not null))[1] as risk
      from t_srv s left join t_now n using (server_id)
      group by s.server_id
    ),
    srv as (
      update servers s set tool_count = p.tools, highest_risk = p.risk, tools_listed_at = ${at}::timestamptz
      from per_server p where s.id = p.server_id
    )
    select p.server_id, p.tools, p.tools_new, p.tools_changed,
      (select count(*) from t_rem r where r.server_id = p.server_id)::int as tools_removed
    from per_server p
  `);
  return new Map(
    rowsOf<Record<string, unknown>>(result).map((row) => {
      const total = Number(row.tools ?? 0);
      const toolsNew = Number(row.tools_new ?? 0);
      const toolsChanged = Number(row.tools_changed ?? 0);
      return [
        String(row.server_id),
        {
          toolsNew,
          toolsChanged,
          toolsRemoved: Number(row.tools_removed ?? 0),
          toolsUnchanged: total - toolsNew - toolsChanged,
        },
      ];
    }),
  );
}
