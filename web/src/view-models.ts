// The data pages are given: plain values, prepared by the API, rendered here without I/O.
import type {
  EffectiveAnnotations,
  PolicyFormat,
  PolicyProfile,
  RiskLevel,
  StackCheckJson,
  ToolAnswers,
} from '@toolrisk/classifier';

/** A risk of the OWASP MCP Top 10 as pages link it: its id, title and official page, and why it applies. */
export interface OwaspView {
  id: string;
  title: string;
  url: string;
  reason?: string;
}

/** A classification as pages show it. */
export interface ClassificationView {
  category: string;
  risk: string;
  factors: string[];
  /** The factors in order, each with the OWASP MCP Top 10 risks it relates to (the API always sends it). */
  factorDetails?: { factor: string; owasp: OwaspView[] }[];
  confidence: number;
  rationale: string;
  evidence: { source: string; quote: string; effect: string; path?: string }[];
  classifierVersion: string;
  /** The MCP hints the verdict shows beside the declared ones; the page omits the section without them. */
  effectiveAnnotations?: EffectiveAnnotations;
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
  /** The OWASP MCP Top 10 risks of its factors, in the list's order. */
  owasp?: OwaspView[];
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
  format: PolicyFormat;
  text: string;
  /** The API path serving this policy (profile and format in the query). */
  apiPath: string;
  /** The name the API's download of this policy carries. */
  fileName: string;
  /** The API path serving this subject's policy in any format and profile (`?format=F&profile=P` appended). */
  downloadPath: string;
  /** The page path the profile and format links build on. */
  pagePath: string;
}

/** Site-wide values every page needs. */
export interface SiteView {
  publicUrl: string;
  /** A short hash of the static assets, appended to their URLs so they can be cached for a year. */
  assetVersion?: string;
}

/** Where a list stands: its true total and the links to its first and next pages. */
export interface PagingView {
  /** Everything the list holds, not only this page. */
  total: number;
  /** The next page, or null on the last. */
  nextHref: string | null;
  /** The first page, or null when this is it. */
  firstHref: string | null;
}

/** A bounded list of servers with its total and where the whole list is. */
export interface ServerSectionView {
  servers: ServerView[];
  total: number;
  /** The paged list this section is the start of. */
  moreHref: string;
}

/** The home page's data: figures, and bounded sections that link to their paged lists (never everything). */
export interface HomeData {
  serverCount: number;
  toolCount: number;
  distribution: RiskCounts;
  recent: ChangeView[];
  riskiest: ServerSectionView;
  changed: ServerSectionView;
}

/** The filters of a search. */
export interface SearchQuery {
  q: string;
  risk: string;
  category: string;
  /** A risk factor, or ''. */
  factor?: string;
}

/** The search page's data: the best servers (their full list is /servers) and one page of tools. */
export interface SearchData {
  query: SearchQuery;
  servers: ServerSectionView;
  tools: ToolSummaryView[];
  paging: PagingView;
}

/** The servers listing's filters and order. */
export interface ServerListQuery {
  q: string;
  risk: string;
  sort: 'risk' | 'changed' | 'name' | '';
}

/** The servers listing's data: one page. */
export interface ServerListData {
  query: ServerListQuery;
  servers: ServerView[];
  paging: PagingView;
}

/** A package a server ships as, and the command that runs it. */
export interface PackageView {
  registryType: string;
  identifier: string;
  version: string | null;
  transport: string | null;
}

/** A remote endpoint of a server. */
export interface RemoteView {
  type: string;
  url: string;
}

/** Where a server was seen. */
export interface SourceView {
  kind: string;
  ref: string;
  seenAt: string;
}

/** What a server is: its packages, repository, remotes and where it was seen. */
export interface ServerAboutView {
  registryName: string | null;
  packages: PackageView[];
  repositoryUrl: string | null;
  websiteUrl: string | null;
  remotes: RemoteView[];
  sources: SourceView[];
}

/** The server page's data. */
export interface ServerPageData {
  server: ServerView;
  about: ServerAboutView;
  /** This page of the server's tools, in category then risk order. */
  tools: ToolSummaryView[];
  paging: PagingView;
  /** Current tools per category ('Unclassified' for those without a classification). */
  categoryCounts: Record<string, number>;
  distribution: RiskCounts;
  canModify: number;
  canDestroy: number;
  policy: PolicyView | null;
  history: ChangeView[];
}

/** The tool page's plain language: what the tool lets an agent do, its rule, and the answers to a reader's questions. */
export interface ToolPlainView {
  /** One sentence built from the verdict (never the description). */
  sentence: string;
  /** The rule in a sentence, rate limits and the entry that blocks the tool in each format, under the page's profile. */
  answers: ToolAnswers;
  /** What provides the tool: the server's packages and remotes. */
  about: ServerAboutView;
}

/** The tool page's data. */
export interface ToolPageData {
  server: ServerView;
  tool: ToolView;
  policy: PolicyView | null;
  /** The plain-language opening and questions; absent, the page opens with its verdict as before. */
  plain?: ToolPlainView | null;
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

/** The entries of one sitemap file (at most 50,000 URLs); `hasSitePages` adds /, /search, /classify and /stacks. */
export interface SitemapData {
  hasSitePages?: boolean;
  servers: { id: string; lastSeenAt: string }[];
  tools: { serverId: string; name: string; changedAt: string }[];
}

/** A sitemap index: the sitemap files, once the URLs are past one file's 50,000. */
export interface SitemapIndexData {
  paths: string[];
}

/** A stack check as the stack page shows it (the `POST /v1/stacks/check` answer). */
export type StackCheckView = StackCheckJson;
/** One server of a checked stack. */
export type StackServerView = StackCheckJson['servers'][number];
/** One toxic flow of a checked stack, with its OWASP MCP Top 10 risks. */
export type StackFlowView = StackCheckJson['flows'][number];

/** The stack page: what was received (already stripped of secrets in the browser), and its check or why there is none. */
export interface StackPageData {
  /** The configuration text as received, its file name as the client knows it, the client chosen ('' to detect). */
  config: string;
  file: string;
  client: string;
  profile: PolicyProfile;
  check: StackCheckView | null;
  /** Why nothing was checked (e.g. nothing arrived because the page's script did not run). */
  notice: string | null;
}
