// The server page: how many tools can change things, the risk distribution, tools by category, the policy, the history.

import { normaliseDescription, plural, serverPath } from '../components/format.js';
import { hiddenCharactersNotice } from '../components/hidden-notice.js';
import { breadcrumbLd } from '../components/json-ld.js';
import { policyPanel } from '../components/policy-panel.js';
import { categoryBadge, riskBadge, riskRank } from '../components/risk-badge.js';
import { riskChart } from '../components/risk-chart.js';
import { toolList } from '../components/tool-list.js';
import { html, type SafeHtml } from '../html.js';
import { absoluteUrl, layout } from '../layout.js';
import type { ServerPageData, SiteView, ToolSummaryView } from '../view-models.js';
import { changeRow } from './home.js';

const CATEGORY_ORDER = [
  { id: 'Execute', blurb: 'Run code, commands, queries or workflows chosen by the arguments.' },
  { id: 'Write', blurb: 'Change persistent state or send something on the user’s behalf.' },
  { id: 'Read', blurb: 'Return information and change nothing that outlives the call.' },
] as const;

function byRisk(a: ToolSummaryView, b: ToolSummaryView): number {
  return riskRank(b.risk) - riskRank(a.risk) || a.name.localeCompare(b.name);
}

function categorySections(tools: readonly ToolSummaryView[]): SafeHtml[] {
  const known = new Set<string>(CATEGORY_ORDER.map((category) => category.id));
  const groups = [
    ...CATEGORY_ORDER.map((category) => ({
      ...category,
      tools: tools.filter((tool) => tool.category === category.id),
    })),
    {
      id: 'Unclassified',
      blurb: 'Not classified yet.',
      tools: tools.filter((t) => !known.has(t.category ?? '')),
    },
  ];
  return groups
    .filter((group) => group.tools.length > 0)
    .map(
      (group) => html`<section class="category-group" aria-labelledby="cat-${group.id}">
<h3 id="cat-${group.id}">${categoryBadge(group.id)} ${plural(group.tools.length, 'tool')}</h3>
<p class="muted small">${group.blurb}</p>
${toolList([...group.tools].sort(byRisk))}
</section>`,
    );
}

/** Renders one server's page. */
export function renderServerPage(site: SiteView, data: ServerPageData): SafeHtml {
  const { server } = data;
  const name = server.title ?? server.id;
  const path = serverPath(server.id);
  const headline = `${plural(server.toolCount, 'tool')}, ${data.canModify} can modify or destroy data`;
  const description = `${name} MCP server: ${headline}. Highest risk: ${server.highestRisk ?? 'none'}. Risk of every tool and a starter policy.`;
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
<p class="head-badges">${riskBadge(server.highestRisk, { size: 'lg' })} <span class="muted">highest risk</span>${server.version ? html` · <span class="muted">version ${server.version}</span>` : ''}</p>
${hiddenCharactersNotice('This server’s title or description', [server.title, server.description])}
${server.description ? html`<blockquote class="quoted"><p>${normaliseDescription(server.description)}</p><footer class="muted small">The server’s own description</footer></blockquote>` : ''}
</header>
<div class="columns">
<section class="panel" aria-labelledby="server-dist">
<h2 id="server-dist">Risk distribution</h2>
${riskChart(data.distribution, { id: 'server-dist-chart', caption: `${plural(server.toolCount, 'tool')} by risk level` })}
</section>
<section class="panel" aria-labelledby="server-history">
<h2 id="server-history">Definition changes</h2>
${data.history.length > 0 ? html`<ul class="changes">${data.history.map(changeRow)}</ul>` : html`<p class="muted">No changes recorded.</p>`}
</section>
</div>
<section aria-labelledby="server-tools">
<h2 id="server-tools">Tools by category</h2>
${categorySections(data.tools)}
</section>
${
  data.policy
    ? policyPanel(site.publicUrl, data.policy, {
        intro: html`<p>A default-deny starter policy for every tool of this server. Review it, then load it into your MCP gateway.</p>`,
      })
    : ''
}`,
  );
}
