// The server page: what it is, how many tools can change things, the risk distribution, tools by category a page at
// a time, the policy, the history; or, for a server never introspected, that state said plainly.

import { normaliseDescription, plural, serverPath } from '../components/format.js';
import { hiddenCharactersNotice } from '../components/hidden-notice.js';
import { breadcrumbLd } from '../components/json-ld.js';
import { pagingNav, pagingSummary } from '../components/paging.js';
import { policyPanel } from '../components/policy-panel.js';
import { categoryBadge, riskBadge } from '../components/risk-badge.js';
import { riskChart } from '../components/risk-chart.js';
import { serverAbout } from '../components/server-about.js';
import { toolList } from '../components/tool-list.js';
import { html, type SafeHtml } from '../html.js';
import { absoluteUrl, layout } from '../layout.js';
import type { ServerPageData, SiteView } from '../view-models.js';
import { changeRow } from './home.js';

const CATEGORY_ORDER = [
  { id: 'Execute', blurb: 'Run code, commands, queries or workflows chosen by the arguments.' },
  { id: 'Write', blurb: 'Change persistent state or send something on the user’s behalf.' },
  { id: 'Read', blurb: 'Return information and change nothing that outlives the call.' },
] as const;

/** The tools of this page, under the heading of each category (with that category's total across all pages). */
function categorySections(data: ServerPageData): SafeHtml[] {
  const known = new Set<string>(CATEGORY_ORDER.map((category) => category.id));
  const groups = [
    ...CATEGORY_ORDER.map((category) => ({
      ...category,
      tools: data.tools.filter((tool) => tool.category === category.id),
    })),
    {
      id: 'Unclassified',
      blurb: 'Not classified yet.',
      tools: data.tools.filter((t) => !known.has(t.category ?? '')),
    },
  ];
  return groups
    .filter((group) => group.tools.length > 0)
    .map(
      (group) => html`<section class="category-group" aria-labelledby="cat-${group.id}">
<h3 id="cat-${group.id}">${categoryBadge(group.id)} ${plural(data.categoryCounts[group.id] ?? group.tools.length, 'tool')}</h3>
<p class="muted small">${group.blurb}</p>
${toolList(group.tools)}
</section>`,
    );
}

/** A server whose tools were never listed: say so, and how it could be, instead of empty charts. */
function notIntrospected(data: ServerPageData): SafeHtml {
  return html`<section class="panel notice" aria-labelledby="server-pending" id="tools">
<h2 id="server-pending">Not introspected yet</h2>
<p>toolrisk knows this server from ${data.about.sources.length > 0 ? 'its listing' : 'a record'} but has not listed its tools yet, so nothing about them is classified. Its risk is unknown, not low.</p>
<p class="small">To see it classified, run it and check it yourself with <code>npx toolrisk introspect -- COMMAND</code>, or submit it to be crawled (<code>POST /v1/servers</code>).</p>
</section>`;
}

/** Renders one server's page. */
export function renderServerPage(site: SiteView, data: ServerPageData): SafeHtml {
  const { server } = data;
  const name = server.title ?? server.id;
  const path = serverPath(server.id);
  const isIntrospected = server.toolCount > 0;
  const headline = isIntrospected
    ? `${plural(server.toolCount, 'tool')}, ${data.canModify} can modify or destroy data`
    : 'tools not introspected yet';
  const description = isIntrospected
    ? `${name} MCP server: ${headline}. Highest risk: ${server.highestRisk ?? 'none'}. Risk of every tool and a starter policy.`
    : `${name} MCP server: what it is and how to install it; its tools are not introspected yet.`;
  const structuredData = [
    breadcrumbLd([
      { name: 'toolrisk', url: absoluteUrl(site, '/') },
      { name, url: absoluteUrl(site, path) },
    ]),
    {
      '@type': 'SoftwareApplication',
      name,
      applicationCategory: 'DeveloperApplication',
      description: server.description ?? description,
      url: absoluteUrl(site, path),
      ...(server.version ? { softwareVersion: server.version } : {}),
    },
  ];
  return layout(
    site,
    { title: `${name} MCP server risk`, description, path, type: 'article', structuredData },
    html`<nav aria-label="Breadcrumb" class="breadcrumb"><a href="/">Catalogue</a> › <span aria-current="page">${name}</span></nav>
<header class="page-head">
<p class="eyebrow">MCP server</p>
<h1>${name}</h1>
<p class="lead"><strong>${headline}</strong>${data.canDestroy > 0 ? html`; ${plural(data.canDestroy, 'tool')} can destroy data` : ''}.</p>
<p class="head-badges">${isIntrospected ? html`${riskBadge(server.highestRisk, { size: 'lg' })} <span class="muted">highest risk</span>` : html`<span class="badge risk-none badge-lg">Not introspected yet</span>`}${server.version ? html` · <span class="muted">version ${server.version}</span>` : ''}</p>
${hiddenCharactersNotice('This server’s title or description', [server.title, server.description])}
${server.description ? html`<blockquote class="quoted"><p>${normaliseDescription(server.description)}</p><footer class="muted small">The server’s own description</footer></blockquote>` : ''}
</header>
${serverAbout(data.about)}
${
  isIntrospected
    ? html`<div class="columns">
<section class="panel" aria-labelledby="server-dist">
<h2 id="server-dist">Risk distribution</h2>
${riskChart(data.distribution, { id: 'server-dist-chart', caption: `${plural(server.toolCount, 'tool')} by risk level` })}
</section>
<section class="panel" aria-labelledby="server-history">
<h2 id="server-history">Definition changes</h2>
${data.history.length > 0 ? html`<ul class="changes">${data.history.map(changeRow)}</ul>` : html`<p class="muted">No changes recorded.</p>`}
</section>
</div>
<section aria-labelledby="server-tools" id="tools">
<h2 id="server-tools">Tools by category</h2>
${pagingSummary(data.paging, data.tools.length, 'tool')}
${categorySections(data)}
${pagingNav(data.paging, 'Tool pages')}
</section>`
    : notIntrospected(data)
}
${
  data.policy
    ? policyPanel(site.publicUrl, data.policy, {
        intro: html`<p>A default-deny starter policy for every tool of this server. Review it, then load it into your MCP gateway.</p>`,
      })
    : ''
}`,
  );
}
