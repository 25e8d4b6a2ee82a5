// The tool page: what a tool does, how risky it is, and the evidence.
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { ServerView, SiteView, ToolView } from '../view-models.js';

/** Renders one tool's risk page. */
export function renderToolPage(site: SiteView, data: { server: ServerView; tool: ToolView }): SafeHtml {
  const { server, tool } = data;
  const c = tool.classification;
  const path = `/servers/${encodeURIComponent(server.id)}/tools/${encodeURIComponent(tool.name)}`;
  const summary = c ? `${c.risk} risk ${c.category} tool` : 'not classified yet';
  return layout(
    site,
    { title: `${tool.name} (${server.title ?? server.id})`, description: `${tool.name}: ${summary}.`, path },
    html`<h1>${tool.name}</h1>
<p>on <a href="/servers/${encodeURIComponent(server.id)}">${server.title ?? server.id}</a></p>
${c ? html`<p class="risk risk-${c.risk.toLowerCase()}">${c.risk} · ${c.category}</p><p>${c.rationale}</p>` : html`<p>${summary}</p>`}
<h2>What the tool says it does</h2>
<p class="description">${tool.description ?? '(no description)'}</p>`,
  );
}
