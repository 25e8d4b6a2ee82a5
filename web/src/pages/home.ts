// The home page: what the catalogue holds, how risky it is, what changed lately, and a way in (search).
import { formatDate, plural, serverPath, toolPath } from '../components/format.js';
import { riskBadge } from '../components/risk-badge.js';
import { riskChart } from '../components/risk-chart.js';
import { searchForm } from '../components/search-form.js';
import { serverCard } from '../components/server-card.js';
import { html, type SafeHtml } from '../html.js';
import { absoluteUrl, layout } from '../layout.js';
import type { ChangeView, HomeData, ServerSectionView, SiteView } from '../view-models.js';

/** One row of a list of definition changes. */
export function changeRow(change: ChangeView): SafeHtml {
  return html`<li class="change">
<time datetime="${change.at}">${formatDate(change.at)}</time>
<span class="change-kind kind-${change.kind}">${change.kind}</span>
<a href="${toolPath(change.serverId, change.toolName)}">${change.toolName}</a>
<span class="muted small">on <a href="${serverPath(change.serverId)}">${change.serverTitle ?? change.serverId}</a></span>
${riskBadge(change.risk)}
</li>`;
}

/** A bounded section of servers, with its true total and a link to the whole paged list. */
function serverSection(id: string, title: string, section: ServerSectionView, more: string): SafeHtml {
  return html`<section aria-labelledby="${id}-title" class="home-section">
<h2 id="${id}-title">${title}</h2>
${section.servers.length > 0 ? html`<ul class="cards">${section.servers.map(serverCard)}</ul>` : html`<p class="muted">No servers yet.</p>`}
<p class="small"><a href="${section.moreHref}">${more} (${section.total.toLocaleString('en-US')})</a></p>
</section>`;
}

/** Renders the home page. */
export function renderHomePage(site: SiteView, data: HomeData): SafeHtml {
  const critical = data.distribution.Critical + data.distribution.High;
  const description = `Risk classifications of ${plural(data.toolCount, 'MCP tool')} from ${plural(data.serverCount, 'server')}, with starter policies to control them.`;
  const structuredData = [
    {
      '@type': 'WebSite',
      name: 'toolrisk',
      url: absoluteUrl(site, '/'),
      description,
      potentialAction: {
        '@type': 'SearchAction',
        target: `${absoluteUrl(site, '/search')}?q={search_term_string}`,
        'query-input': 'required name=search_term_string',
      },
    },
  ];
  return layout(
    site,
    { title: 'MCP tool risk catalogue', description, path: '/', structuredData },
    html`<section class="hero" aria-labelledby="home-title">
<h1 id="home-title">How risky is that MCP tool?</h1>
<p class="lead">Every tool of ${plural(data.serverCount, 'MCP server')} classified from its definition: what it does, what can go wrong, and a starter policy to control it.</p>
${searchForm({ q: '', risk: '', category: '' })}
</section>
<section class="figures" aria-label="Catalogue figures">
<div class="figure"><span class="figure-value">${data.serverCount.toLocaleString('en-US')}</span><span class="figure-label">servers</span></div>
<div class="figure"><span class="figure-value">${data.toolCount.toLocaleString('en-US')}</span><span class="figure-label">tools classified</span></div>
<div class="figure"><span class="figure-value">${critical.toLocaleString('en-US')}</span><span class="figure-label">High or Critical</span></div>
</section>
<div class="columns">
<section aria-labelledby="dist-title" class="panel">
<h2 id="dist-title">Risk distribution</h2>
${riskChart(data.distribution, { id: 'home-dist', caption: `Tools by risk level, all ${plural(data.toolCount, 'tool')}` })}
<p class="small"><a href="/search?risk=Critical">Browse Critical tools</a> · <a href="/search?risk=High">High</a> · <a href="/search?category=Execute">Execute tools</a></p>
</section>
<section aria-labelledby="recent-title" class="panel">
<h2 id="recent-title">Recently changed tools</h2>
${data.recent.length > 0 ? html`<ul class="changes">${data.recent.map(changeRow)}</ul>` : html`<p class="muted">No changes yet.</p>`}
</section>
</div>
${serverSection('riskiest', 'The riskiest servers', data.riskiest, 'All servers by risk')}
${serverSection('changed', 'Recently changed servers', data.changed, 'All servers by latest change')}`,
  );
}
