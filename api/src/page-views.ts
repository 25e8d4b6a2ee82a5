// Turning the catalogue's rows into the values pages render (no SQL here: the catalogue in @toolrisk/db reads).
import { owaspRisksOfFactorNames, RISK_LEVELS, type RiskLevel } from '@toolrisk/classifier';
import type { FoundToolRow, RecentChange, ServerRow, ServerSourceRow, ToolSummaryRow } from '@toolrisk/db';
import type {
  ChangeView,
  PackageView,
  RemoteView,
  RiskCounts,
  ServerAboutView,
  ServerView,
  ToolSummaryView,
} from '@toolrisk/web';

/** Counts per risk level, zero for a level the record lacks. */
export function riskCountsOf(byRisk: Record<string, number>): RiskCounts {
  const counts: RiskCounts = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  for (const level of RISK_LEVELS) counts[level] = byRisk[level] ?? 0;
  return counts;
}

/** True when the text names a risk level of the taxonomy. */
export function isRiskLevel(risk: string | null | undefined): risk is RiskLevel {
  return RISK_LEVELS.some((level) => level === risk);
}

/** A server row as pages show it. */
export function serverView(row: ServerRow): ServerView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    toolCount: row.toolCount,
    highestRisk: row.highestRisk,
    version: row.version,
    websiteUrl: row.websiteUrl,
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}

/** A found tool as a list item. */
export function foundToolSummary(row: FoundToolRow): ToolSummaryView {
  return {
    serverId: row.tool.serverId,
    serverTitle: row.serverTitle,
    name: row.tool.name,
    description: row.tool.description,
    category: row.classification?.category ?? null,
    risk: row.classification?.risk ?? null,
    factors: row.classification?.factors ?? [],
    owasp: owaspRisksOfFactorNames(row.classification?.factors ?? []),
  };
}

/** A light list row as a list item (the catalogue reads only what a list shows), with its factors' OWASP ids. */
export function toolSummaryView(row: ToolSummaryRow): ToolSummaryView {
  return { ...row, owasp: owaspRisksOfFactorNames(row.factors) };
}

/** A change as pages list it. */
export function changeView(change: RecentChange): ChangeView {
  return { ...change, at: change.at.toISOString() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Only http(s) URLs become links: a registry entry's `javascript:` URL stays text nowhere on the page. */
function webUrlOf(value: unknown): string | null {
  const text = textOf(value);
  if (text === null) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The packages of a registry entry (`server.json` `packages`), skipping any without a registry type and identifier. */
function packagesOf(packages: unknown[]): PackageView[] {
  return packages.flatMap((item) => {
    if (!isRecord(item)) return [];
    const registryType = textOf(item.registryType) ?? textOf(item.registry_type) ?? textOf(item.registryName);
    const identifier = textOf(item.identifier) ?? textOf(item.name);
    if (registryType === null || identifier === null) return [];
    const transport = isRecord(item.transport) ? textOf(item.transport.type) : null;
    return [{ registryType, identifier, version: textOf(item.version), transport }];
  });
}

function remotesOf(remotes: unknown[]): RemoteView[] {
  return remotes.flatMap((item) => {
    if (!isRecord(item)) return [];
    const url = webUrlOf(item.url);
    return url === null ? [] : [{ type: textOf(item.type) ?? 'remote', url }];
  });
}

/** What a server is, read defensively from the registry metadata it was stored with, and where it was seen. */
export function serverAbout(row: ServerRow, sources: readonly ServerSourceRow[]): ServerAboutView {
  return {
    registryName: row.registryName,
    packages: packagesOf(row.packages),
    repositoryUrl: webUrlOf(row.repository?.url),
    websiteUrl: webUrlOf(row.websiteUrl),
    remotes: remotesOf(row.remotes),
    sources: sources.map((source) => ({
      kind: source.source,
      ref: source.sourceId,
      seenAt: source.lastSeenAt.toISOString(),
    })),
  };
}
