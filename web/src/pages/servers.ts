// The servers listing: every server a page at a time, by risk, by latest change or by name, or matching words.
import { plural } from '../components/format.js';
import { pagingNav, pagingSummary } from '../components/paging.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import type { ServerListData, SiteView } from '../view-models.js';
import { serverRow } from './search.js';

const TITLES = {
  risk: 'MCP servers by risk',
  changed: 'Recently changed MCP servers',
  name: 'MCP servers by name',
  '': 'MCP servers',
} as const;

/** Renders one page of the servers listing. */
export function renderServerListPage(site: SiteView, data: ServerListData) {
  const { query } = data;
  const title = query.q ? `Servers matching “${query.q}”` : TITLES[query.sort];
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.risk) params.set('risk', query.risk);
  if (query.sort) params.set('sort', query.sort);
  const path = params.size > 0 ? `/servers?${params}` : '/servers';
  const sorts = [
    ['risk', 'riskiest first'],
    ['changed', 'latest change first'],
    ['name', 'by name'],
  ] as const;
  return layout(
    site,
    {
      title,
      description: `${plural(data.paging.total, 'MCP server')}${query.risk ? ` whose highest risk is ${query.risk}` : ''}, with their tools’ risk.`,
      path,
      isNoIndex: query.q !== '' || data.paging.firstHref !== null,
    },
    html`<h1>${title}</h1>
${
  query.q
    ? ''
    : html`<p class="small">Order: ${sorts.map(
        ([sort, label], index) =>
          html`${index > 0 ? ' · ' : ''}${
            sort === (query.sort || 'risk')
              ? html`<strong aria-current="true">${label}</strong>`
              : html`<a href="/servers?sort=${sort}">${label}</a>`
          }`,
      )}</p>`
}
${pagingSummary(data.paging, data.servers.length, 'server')}
${data.servers.length > 0 ? html`<ul class="tool-list">${data.servers.map(serverRow)}</ul>` : html`<p class="muted">No servers.</p>`}
${pagingNav(data.paging, 'Server list pages')}`,
  );
}
