// @toolrisk/web: server-rendered pages, given their data, with no I/O of their own.

export { ASSET_FILES, ASSETS_DIR } from './assets-dir.js';
export { CONTENT_SECURITY_POLICY } from './layout.js';
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
  ClassifyData,
  PackageView,
  PolicyView,
  RemoteView,
  RiskCounts,
  ServerAboutView,
  ServerListQuery,
  ServerView,
  SiteView,
  StackPageData,
  ToolPlainView,
  ToolSummaryView,
} from './view-models.js';
