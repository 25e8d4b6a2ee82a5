// The search page: servers and tools matching a query, filtered by risk and category.
import { plural, serverPath, truncate } from '../components/format.js';
import { hiddenCharactersChip } from '../components/hidden-notice.js';
import { riskBadge } from '../components/risk-badge.js';
import { searchForm } from '../components/search-form.js';
import { toolList } from '../components/tool-list.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { SearchData, SiteView } from '../view-models.js';

function describeQuery(data: SearchData): string {
  const parts = [
    data.query.q ? `“${data.query.q}”` : 'all tools',
    data.query.risk ? `${data.query.risk} risk` : '',
    data.query.category ? data.query.category : '',
  ].filter((part) => part !== '');
  return parts.join(', ');
}

/** The results region alone: the page script swaps it in while the user types. */
export function searchResults(data: SearchData): SafeHtml {
  const toolCount = data.isTruncated ? `${data.tools.length}+ tools` : plural(data.tools.length, 'tool');
  return html`<div id="results" aria-live="polite">
<p class="result-count"><strong>${plural(data.servers.length, 'server')}</strong> and <strong>${toolCount}</strong> for ${describeQuery(data)}.</p>
${
  data.servers.length > 0
    ? html`<h2>Servers</h2><ul class="tool-list">${data.servers.map(
        (server) => html`<li class="tool-row">
<div class="tool-main"><a class="tool-name" href="${serverPath(server.id)}">${server.title ?? server.id}</a> <span class="muted small">${plural(server.toolCount, 'tool')}</span>
${server.description ? html`<p class="tool-desc">${truncate(server.description, 160)}</p>` : ''}</div>
<div class="tool-meta">${riskBadge(server.highestRisk)}${hiddenCharactersChip([server.title, server.description])}</div>
</li>`,
      )}</ul>`
    : ''
}
<h2>Tools</h2>
${toolList(data.tools, { showServer: true })}
${data.isTruncated ? html`<p class="muted">Showing the first ${data.tools.length}; narrow the search to see more.</p>` : ''}
</div>`;
}

/** Renders the search page. */
export function renderSearchPage(site: SiteView, data: SearchData): SafeHtml {
  const params = new URLSearchParams();
  if (data.query.q) params.set('q', data.query.q);
  if (data.query.risk) params.set('risk', data.query.risk);
  if (data.query.category) params.set('category', data.query.category);
  const query = params.toString();
  const title = data.query.q ? `Search: ${data.query.q}` : 'Browse MCP tools by risk';
  return layout(
    site,
    {
      title,
      description: `MCP servers and tools for ${describeQuery(data)}, with risk levels and categories.`,
      path: query ? `/search?${query}` : '/search',
      isNoIndex: data.query.q !== '',
    },
    html`<h1>${title}</h1>
${searchForm(data.query, { isLive: true })}
${searchResults(data)}`,
  );
}
