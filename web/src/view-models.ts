// The data pages are given: plain values, prepared by the API, rendered here without I/O.
import type { RiskLevel } from '@toolrisk/classifier';

/** A classification as pages show it. */
export interface ClassificationView {
  category: string;
  risk: string;
  factors: string[];
  confidence: number;
  rationale: string;
  evidence: { source: string; quote: string; effect: string; path?: string }[];
  classifierVersion: string;
}

/** A server as pages show it. */
export interface ServerView {
  id: string;
  title: string | null;
  description: string | null;
  toolCount: number;
  highestRisk: string | null;
  version?: string | null;
  websiteUrl?: string | null;
  lastSeenAt?: string;
}

/** A tool as pages show it. */
export interface ToolView {
  serverId: string;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: Record<string, unknown> | null;
  annotations: Record<string, unknown> | null;
  definitionHash: string;
  classification: ClassificationView | null;
  changedAt?: string;
  removedAt?: string | null;
}

/** A tool in a list: enough to link to it and show its risk. */
export interface ToolSummaryView {
  serverId: string;
  serverTitle: string | null;
  name: string;
  description: string | null;
  category: string | null;
  risk: string | null;
  factors: string[];
}

/** Tool counts per risk level. */
export type RiskCounts = Record<RiskLevel, number>;

/** One definition change of a tool (a new tool counts as its first change). */
export interface ChangeView {
  serverId: string;
  serverTitle: string | null;
  toolName: string;
  at: string;
  kind: 'added' | 'changed' | 'removed';
  risk: string | null;
}

/** One definition a tool had, newest first in lists. */
export interface VersionView {
  definitionHash: string;
  seenAt: string;
  definition: Record<string, unknown>;
}

/** A rendered starter policy and where to fetch it. */
export interface PolicyView {
  profile: 'strict' | 'balanced' | 'permissive';
  format: 'json' | 'yaml';
  text: string;
  /** The API path serving this policy (profile and format in the query). */
  apiPath: string;
  /** The page path the profile and format links build on. */
  pagePath: string;
}

/** Site-wide values every page needs. */
export interface SiteView {
  publicUrl: string;
  /** A short hash of the static assets, appended to their URLs so they can be cached for a year. */
  assetVersion?: string;
}

/** The home page's data. */
export interface HomeData {
  serverCount: number;
  toolCount: number;
  distribution: RiskCounts;
  recent: ChangeView[];
  servers: ServerView[];
}

/** The filters of a search. */
export interface SearchQuery {
  q: string;
  risk: string;
  category: string;
}

/** The search page's data. */
export interface SearchData {
  query: SearchQuery;
  servers: ServerView[];
  tools: ToolSummaryView[];
  /** True when more tools matched than are shown. */
  isTruncated: boolean;
}

/** The server page's data. */
export interface ServerPageData {
  server: ServerView;
  tools: ToolSummaryView[];
  distribution: RiskCounts;
  canModify: number;
  canDestroy: number;
  policy: PolicyView | null;
  history: ChangeView[];
}

/** The tool page's data. */
export interface ToolPageData {
  server: ServerView;
  tool: ToolView;
  policy: PolicyView | null;
  related: ToolSummaryView[];
  similar: ToolSummaryView[];
  history: VersionView[];
}

/** One tool of a pasted document, classified. */
export interface ClassifiedEntryView {
  name: string;
  description: string | null;
  classification: ClassificationView;
}

/** The classify page's data: the pasted text, what was wrong with it, and the results. */
export interface ClassifyData {
  input: string;
  profile: PolicyView['profile'];
  issues: { severity: string; path: string; message: string }[];
  tools: ClassifiedEntryView[];
  policyJson: string | null;
  policyYaml: string | null;
}

/** The sitemap's entries. */
export interface SitemapData {
  servers: { id: string; lastSeenAt: string }[];
  tools: { serverId: string; name: string; changedAt: string }[];
}
