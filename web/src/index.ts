// @toolrisk/web: server-rendered pages, given their data, with no I/O of their own.

export { escapeHtml, html, raw, SafeHtml } from './html.js';
export type { PageMeta } from './layout.js';
export { CONTENT_SECURITY_POLICY, layout } from './layout.js';
export { renderHomePage } from './pages/home.js';
export { renderToolPage } from './pages/tool.js';
export type { ClassificationView, ServerView, SiteView, ToolView } from './view-models.js';
