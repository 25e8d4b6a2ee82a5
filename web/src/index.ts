// @toolrisk/web: server-rendered pages, given their data, with no I/O of their own.

export { ASSET_FILES, ASSETS_DIR } from './assets-dir.js';
export { ATTACK_PATTERNS } from './content/attack-patterns.js';
export type { DiffLine } from './diff.js';
export { definitionLines, diffLines } from './diff.js';
export { escapeHtml, html, raw, SafeHtml } from './html.js';
export type { PageMeta } from './layout.js';
export { CONTENT_SECURITY_POLICY, layout } from './layout.js';
export { renderClassifyPage } from './pages/classify.js';
export { renderHomePage } from './pages/home.js';
export { renderNotFoundPage } from './pages/not-found.js';
export { renderSearchPage } from './pages/search.js';
export { renderServerPage } from './pages/server.js';
export { renderRobots, renderSitemap } from './pages/sitemap.js';
export { renderToolPage } from './pages/tool.js';
export type {
  ChangeView,
  ClassificationView,
  ClassifiedEntryView,
  ClassifyData,
  HomeData,
  PolicyView,
  RiskCounts,
  SearchData,
  SearchQuery,
  ServerPageData,
  ServerView,
  SiteView,
  SitemapData,
  ToolPageData,
  ToolSummaryView,
  ToolView,
  VersionView,
} from './view-models.js';
