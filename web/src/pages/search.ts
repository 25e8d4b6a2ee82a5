// The search page: the servers best matching a query (their whole list is /servers) and a page of tools, filtered
// by risk, category and factor, with the true totals.
import { plural, serverPath, truncate } from '../components/format.js';
import { hiddenCharactersChip } from '../components/hidden-notice.js';
import { pagingNav, pagingSummary } from '../components/paging.js';
import { riskBadge } from '../components/risk-badge.js';
import { searchForm } from '../components/search-form.js';
import { toolCountNote } from '../components/server-card.js';
import { toolList } from '../components/tool-list.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { SearchData, SearchQuery, ServerView, SiteView } from '../view-models.js';

function describeQuery(query: SearchQuery): string {
  const parts = [
    query.q ? `“${query.q}”` : 'all tools',
    query.risk ? `${query.risk} risk` : '',
    query.category ? query.category : '',
    query.factor ? `factor ${query.factor}` : '',
  ].filter((part) => part !== '');
  return parts.join(', ');
}

/** A server as a row of a list. */
export function serverRow(server: ServerView): SafeHtml {
  return html`<li class="tool-row">
<div class="tool-main"><a class="tool-name" href="${serverPath(server.id)}">${server.title ?? server.id}</a> ${toolCountNote(server)}
${server.description ? html`<p class="tool-desc">${truncate(server.description, 160)}</p>` : ''}</div>
<div class="tool-meta">${server.toolCount > 0 ? riskBadge(server.highestRisk) : ''}${hiddenCharactersChip([server.title, server.description])}</div>
</li>`;
}

/** The results region alone: the page script swaps it in while the user types. */
export function searchResults(data: SearchData): SafeHtml {
  const { servers } = data;
  return html`<div id="results" aria-live="polite">
<p class="result-count"><strong>${plural(servers.total, 'server')}</strong> and <strong>${plural(data.paging.total, 'tool')}</strong> for ${describeQuery(data.query)}.</p>
${
  servers.servers.length > 0
    ? html`<h2>Servers</h2><ul class="tool-list server-list">${servers.servers.map(serverRow)}</ul>${
        servers.total > servers.servers.length
          ? html`<p class="small"><a href="${servers.moreHref}">All ${plural(servers.total, 'matching server')}</a></p>`
          : ''
      }`
    : ''
}
<h2>Tools</h2>
${pagingSummary(data.paging, data.tools.length, 'tool')}
${toolList(data.tools, { showServer: true })}
${pagingNav(data.paging, 'Tool result pages')}
</div>`;
}

/** Renders the search page. */
export function renderSearchPage(site: SiteView, data: SearchData): SafeHtml {
  const params = new URLSearchParams();
  if (data.query.q) params.set('q', data.query.q);
  if (data.query.risk) params.set('risk', data.query.risk);
  if (data.query.category) params.set('category', data.query.category);
  if (data.query.factor) params.set('factor', data.query.factor);
  const query = params.toString();
  const title = data.query.q ? `Search: ${data.query.q}` : 'Browse MCP tools by risk';
  return layout(
    site,
    {
      title,
      description: `MCP servers and tools for ${describeQuery(data.query)}, with risk levels and categories.`,
      path: query ? `/search?${query}` : '/search',
      isNoIndex: data.query.q !== '' || data.paging.firstHref !== null,
    },
    html`<h1>${title}</h1>
${searchForm(data.query, { isLive: true })}
${searchResults(data)}`,
  );
}
