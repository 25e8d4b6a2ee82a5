// Finding each configured server of a stack in the catalogue (package, then URL) and its current tools' verdicts.
import {
  type Classification,
  type ClientConfigReading,
  type ConfiguredServer,
  type ResolvedServer,
  type ResolvedTool,
  RISK_FACTORS,
  type RiskFactor,
  serverKey,
  toFiveClass,
} from '@toolrisk/classifier';
import {
  type Database,
  getServer,
  listServerTools,
  serversOfIdentities,
  toolDefinitionOf,
} from '@toolrisk/db';
import { verdictsOf } from '../mcp/verdicts.js';

function normalizedUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

function factorsOf(names: readonly string[]): RiskFactor[] {
  return RISK_FACTORS.filter((factor) => names.includes(factor));
}

/** A catalogue server's current tools, each with its definition, full classification and definition hash. */
export async function catalogueTools(db: Database, serverId: string): Promise<ResolvedTool[]> {
  const server = await getServer(db, serverId);
  if (!server) return [];
  const rows = await listServerTools(db, serverId);
  const verdicts = verdictsOf(server, rows);
  return rows.flatMap((row, index) => {
    const verdict = verdicts[index];
    if (!verdict) return [];
    const factors = factorsOf(verdict.factors);
    const classification: Classification = {
      category: verdict.category,
      risk: verdict.risk,
      factors,
      confidence: verdict.confidence,
      rationale: verdict.rationale,
      evidence: verdict.evidence.map((item) => ({ ...item, source: sourceOf(item.source) })),
      fiveClass: toFiveClass(verdict.category, factors),
      classifierVersion: verdict.classifierVersion,
    };
    return [
      { definition: toolDefinitionOf(row.tool), classification, definitionHash: row.tool.definitionHash },
    ];
  });
}

const SOURCES = ['name', 'title', 'description', 'parameter', 'annotation', 'sibling', 'server'] as const;
function sourceOf(source: string): Classification['evidence'][number]['source'] {
  return SOURCES.find((known) => known === source) ?? 'description';
}

function lookupOf(server: ConfiguredServer): { packageName?: string; url?: string } {
  const identity = server.identity;
  if (identity.kind === 'remote') return { url: normalizedUrl(identity.url) };
  if (identity.kind === 'local') return {};
  return { packageName: identity.identifier };
}

/** Every configured server matched to the catalogue by package identifier or remote URL; the rest are unmatched. */
export async function resolveStack(
  db: Database,
  readings: readonly ClientConfigReading[],
): Promise<Map<string, ResolvedServer>> {
  const configured = readings.flatMap((reading) => reading.servers);
  const lookups = configured.map(lookupOf);
  const found = await serversOfIdentities(db, {
    packages: lookups.flatMap((lookup) => (lookup.packageName ? [lookup.packageName] : [])),
    urls: lookups.flatMap((lookup) => (lookup.url ? [lookup.url] : [])),
  });
  const toolsOf = new Map<string, Promise<ResolvedTool[]>>();
  const resolved = new Map<string, ResolvedServer>();
  for (const [index, server] of configured.entries()) {
    const lookup = lookups[index] ?? {};
    const match = found.find((item) =>
      item.by === 'package' ? item.matched === lookup.packageName : item.matched === lookup.url,
    );
    if (!match) {
      resolved.set(serverKey(server), {
        status: 'unmatched',
        tools: [],
        note:
          server.identity.kind === 'local'
            ? 'a local command: no package or URL to look up (try --introspect)'
            : `${lookup.packageName ?? lookup.url} is not in the catalogue (try --introspect)`,
      });
      continue;
    }
    const pending = toolsOf.get(match.id) ?? catalogueTools(db, match.id);
    toolsOf.set(match.id, pending);
    const pinned =
      server.identity.kind === 'remote' || server.identity.kind === 'local'
        ? undefined
        : server.identity.version;
    resolved.set(serverKey(server), {
      status: 'catalogue',
      serverId: match.id,
      matchedBy: match.by,
      catalogueVersion: match.version,
      tools: await pending,
      ...(pinned !== undefined && match.version !== null && pinned !== match.version
        ? { note: `configured at ${pinned}; the catalogue's tools are those of ${match.version}` }
        : {}),
    });
  }
  return resolved;
}
