// A generated catalogue for benchmarks and plan tests: servers, tools, versions and classifications written by a few
// set-based statements (generate_series), so a million tools take seconds, not an import. The verdicts are labels
// derived from each generated verb (a read verb Read/Low, a delete verb Write/High destructive, ...), not the
// classifier's: the point is a realistic shape and spread for the reads, not classification.
import { CLASSIFIER_VERSION } from '@toolrisk/classifier';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

/** How big a generated catalogue is; ids start with `prefix` so several can share a database. */
export interface GeneratedCatalogue {
  servers: number;
  toolsPerServer: number;
  prefix?: string;
  /** Every `registryOnlyEvery`-th server has no tools (a registry entry never introspected); 0: none. */
  registryOnlyEvery?: number;
}

const WORDS = [
  'github',
  'slack',
  'files',
  'postgres',
  'browser',
  'notion',
  'jira',
  'stripe',
  'docker',
  'mail',
];
const NOUNS = [
  'issue',
  'file',
  'page',
  'record',
  'message',
  'user',
  'repo',
  'table',
  'event',
  'order',
  'item',
];
// verb, category, risk, factors: each verb's label.
const VERBS: [string, string, string, string[]][] = [
  ['get', 'Read', 'Low', []],
  ['list', 'Read', 'Low', []],
  ['search', 'Read', 'Low', []],
  ['read', 'Read', 'Medium', ['private_data']],
  ['create', 'Write', 'Medium', []],
  ['update', 'Write', 'Medium', []],
  ['send', 'Write', 'High', ['external_comm']],
  ['delete', 'Write', 'High', ['destructive']],
  ['run', 'Execute', 'Critical', ['code_execution']],
  ['execute', 'Execute', 'Critical', ['code_execution']],
];

function textArray(values: readonly string[]) {
  return sql.raw(`array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]::text[]`);
}

/** Writes the generated catalogue in one transaction; returns how many tools it wrote. */
export async function generateCatalogue(db: Database, size: GeneratedCatalogue): Promise<number> {
  const prefix = size.prefix ?? 'gen';
  const every = size.registryOnlyEvery ?? 0;
  const words = textArray(WORDS);
  const nouns = textArray(NOUNS);
  const verbs = textArray(VERBS.map(([verb]) => verb));
  const categories = textArray(VERBS.map(([, category]) => category));
  const risks = textArray(VERBS.map(([, , risk]) => risk));
  const factors = textArray(VERBS.map(([, , , list]) => JSON.stringify(list)));
  const hasTools = every > 0 ? sql`s % ${every} <> 0` : sql`true`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into servers (id, registry_name, title, description, packages, first_seen_at, last_seen_at, updated_at)
      select ${prefix} || '-' || s,
        'io.github.' || ${prefix} || (s % 97) || '/' || w.word || '-' || s,
        initcap(w.word) || ' ' || s,
        'A generated ' || w.word || ' server number ' || s || '.',
        jsonb_build_array(jsonb_build_object('registryType', 'npm', 'identifier', '@' || ${prefix} || '/' || w.word || '-mcp-' || s, 'version', '1.0.' || (s % 10))),
        timestamptz '2025-01-01', timestamptz '2025-01-01', timestamptz '2025-01-01'
      from generate_series(1, ${size.servers}) s,
        lateral (select (${words})[1 + s % ${WORDS.length}] as word) w`);
    await tx.execute(sql`
      insert into server_sources (server_id, source, source_id, first_seen_at, last_seen_at)
      select id, 'registry', registry_name, timestamptz '2025-01-01', timestamptz '2025-01-01'
      from servers where id like ${`${prefix}-%`}`);
    await tx.execute(sql`
      insert into server_packages (server_id, registry_type, identifier, package_key, version)
      select s.id, 'npm', p->>'identifier', 'npm:' || lower(p->>'identifier'), p->>'version'
      from servers s, jsonb_array_elements(s.packages) p where s.id like ${`${prefix}-%`}`);
    await tx.execute(sql`
      insert into tools (server_id, name, description, input_schema, definition, definition_hash, first_seen_at, last_seen_at, changed_at)
      select ${prefix} || '-' || s, g.name, g.description,
        '{"type":"object","properties":{"id":{"type":"string"}}}'::jsonb,
        jsonb_build_object('name', g.name, 'description', g.description),
        md5(${prefix} || s || '/' || g.name), g.at, g.at, g.at
      from generate_series(1, ${size.servers}) s
        cross join generate_series(1, ${size.toolsPerServer}) t
        cross join lateral (select
          (${verbs})[1 + (s * 7 + t) % ${VERBS.length}] || '_' || (${nouns})[1 + (s * 13 + t * 3) % ${NOUNS.length}] || '_' || t as name,
          initcap((${verbs})[1 + (s * 7 + t) % ${VERBS.length}]) || 's a ' || (${nouns})[1 + (s * 13 + t * 3) % ${NOUNS.length}] || ' of the ' || (${words})[1 + s % ${WORDS.length}] || ' account.' as description,
          timestamptz '2025-01-01' + ((s * 7919 + t * 104729) % 31536000) * interval '1 second' as at) g
      where ${hasTools}`);
    await tx.execute(sql`
      insert into tool_versions (tool_id, definition_hash, definition, seen_at)
      select id, definition_hash, definition, changed_at from tools where server_id like ${`${prefix}-%`}`);
    await tx.execute(sql`
      insert into classifications (tool_id, definition_hash, classifier_version, category, risk, factors, confidence, rationale, evidence, five_class)
      select t.id, t.definition_hash, ${CLASSIFIER_VERSION}, (${categories})[v.i], (${risks})[v.i], ((${factors})[v.i])::jsonb,
        0.9, 'Generated label of the verb ' || split_part(t.name, '_', 1) || '.', '[]'::jsonb, (${categories})[v.i]
      from tools t cross join lateral (select array_position(${verbs}, split_part(t.name, '_', 1)) as i) v
      where t.server_id like ${`${prefix}-%`}`);
    await tx.execute(sql`
      update servers s set tool_count = x.n, highest_risk = x.risk, tools_listed_at = timestamptz '2025-01-01' from (
        select t.server_id, count(*)::int as n,
          (array['Low', 'Medium', 'High', 'Critical'])[max(case c.risk when 'Critical' then 4 when 'High' then 3 when 'Medium' then 2 else 1 end)] as risk
        from tools t join classifications c on c.tool_id = t.id
        where t.server_id like ${`${prefix}-%`} group by t.server_id) x
      where s.id = x.server_id`);
    await tx.execute(sql`analyze`);
    return every > 0
      ? (size.servers - Math.floor(size.servers / every)) * size.toolsPerServer
      : size.servers * size.toolsPerServer;
  });
}
