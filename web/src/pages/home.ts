// The home page: what the catalogue holds.
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { ServerView, SiteView } from '../view-models.js';

/** Renders the home page with a list of servers. */
export function renderHomePage(site: SiteView, data: { servers: ServerView[] }): SafeHtml {
  const items = data.servers.map(
    (server) =>
      html`<li><a href="/servers/${encodeURIComponent(server.id)}">${server.title ?? server.id}</a> · ${server.toolCount} tools · highest risk ${server.highestRisk ?? 'none'}</li>`,
  );
  return layout(
    site,
    { title: 'MCP tool risk catalogue', description: 'Risk classifications of MCP server tools.', path: '/' },
    html`<h1>MCP tool risk catalogue</h1><ul>${items}</ul>`,
  );
}
