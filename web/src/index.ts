// @toolrisk/web: server-rendered pages, given their data, with no I/O of their own.

export { ASSET_FILES, ASSETS_DIR } from './assets-dir.js';
export { ATTACK_PATTERNS } from './content/attack-patterns.js';
export type { DiffLine } from './diff.js';
export { definitionLines, diffLines } from './diff.js';
export { escapeHtml, html, raw, SafeHtml } from './html.js';
export type { PageMeta } from './layout.js';
export { CONTENT_SECURITY_POLICY, layout } from './layout.js';
export { renderClassifyPage } from './pages/classify.js';
export { renderDocsPage } from './pages/docs.js';
export { renderHomePage } from './pages/home.js';
export { renderNotFoundPage } from './pages/not-found.js';
export { renderSearchPage } from './pages/search.js';
export { renderServerPage } from './pages/server.js';
export { renderServerListPage } from './pages/servers.js';
export { renderRobots, renderSitemap, renderSitemapIndex, SITEMAP_MAX_URLS } from './pages/sitemap.js';
export { renderStackPage } from './pages/stack.js';
export { renderToolPage } from './pages/tool.js';
export type {
  ChangeView,
  ClassificationView,
  ClassifiedEntryView,
  ClassifyData,
  HomeData,
  PackageView,
  PagingView,
  PolicyView,
  RemoteView,
  RiskCounts,
  SearchData,
  SearchQuery,
  ServerAboutView,
  ServerListData,
  ServerListQuery,
  ServerPageData,
  ServerSectionView,
  ServerView,
  SiteView,
  SitemapData,
  SitemapIndexData,
  SourceView,
  StackCheckView,
  StackFlowView,
  StackPageData,
  StackServerView,
  ToolPageData,
  ToolSummaryView,
  ToolView,
  VersionView,
} from './view-models.js';
