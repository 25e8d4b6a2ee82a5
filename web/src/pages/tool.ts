// The tool page: what a tool does, how risky it is and why, how it is attacked, how to control it, and its history.
import { annotationsSection } from '../components/annotations-table.js';
import { definitionHistory } from '../components/definition-history.js';
import {
  formatDate,
  formatPercent,
  normaliseDescription,
  serverPath,
  toolPath,
  truncate,
} from '../components/format.js';
import { hiddenCharactersNotice } from '../components/hidden-notice.js';
import { breadcrumbLd } from '../components/json-ld.js';
import { distinctOwasp, owaspIdLine } from '../components/owasp.js';
import { policyPanel } from '../components/policy-panel.js';
import { categoryBadge, factorChips, riskBadge } from '../components/risk-badge.js';
import { toolList } from '../components/tool-list.js';
import { plainOpening, toolQuestionEntries, toolQuestions } from '../components/tool-questions.js';
import {
  attackPatterns,
  evidenceTable,
  faqEntries,
  faqList,
  parametersTable,
} from '../components/tool-sections.js';
import { html, type SafeHtml } from '../html.js';
import { absoluteUrl, layout } from '../layout.js';
import type { SiteView, ToolPageData } from '../view-models.js';

function summaryOf(data: ToolPageData): string {
  const c = data.tool.classification;
  const server = data.server.title ?? data.server.id;
  if (!c) return `${data.tool.name}, a tool of the ${server} MCP server, is not classified yet.`;
  const factors = c.factors.length > 0 ? ` Risk factors: ${c.factors.join(', ')}.` : '';
  return `${data.tool.name} (${server} MCP server) is a ${c.risk} risk ${c.category} tool.${factors} Why, how it is attacked, and a policy to control it.`;
}

/** Renders one tool's risk page. */
export function renderToolPage(site: SiteView, data: ToolPageData): SafeHtml {
  const { server, tool } = data;
  const c = tool.classification;
  const serverName = server.title ?? server.id;
  const path = toolPath(server.id, tool.name);
  const description = summaryOf(data);
  const faq = faqEntries(tool, serverName);
  // The page's questions lead its FAQPage data; the FAQ list below keeps the classification's own questions.
  const questions = data.plain ? toolQuestionEntries(tool.name, data.plain, server) : [];
  const faqLd = [...questions, ...faq];
  const structuredData: Record<string, unknown>[] = [
    breadcrumbLd([
      { name: 'toolrisk', url: absoluteUrl(site, '/') },
      { name: serverName, url: absoluteUrl(site, serverPath(server.id)) },
      { name: tool.name, url: absoluteUrl(site, path) },
    ]),
    {
      '@type': 'TechArticle',
      headline: `${tool.name}: ${c ? `${c.risk} risk ${c.category} tool` : 'MCP tool'}`,
      description,
      url: absoluteUrl(site, path),
      ...(tool.changedAt ? { dateModified: tool.changedAt } : {}),
      about: {
        '@type': 'SoftwareApplication',
        name: serverName,
        url: absoluteUrl(site, serverPath(server.id)),
      },
    },
  ];
  if (faqLd.length > 0) {
    structuredData.push({
      '@type': 'FAQPage',
      mainEntity: faqLd.map((entry) => ({
        '@type': 'Question',
        name: entry.question,
        acceptedAnswer: { '@type': 'Answer', text: entry.answer },
      })),
    });
  }
  return layout(
    site,
    { title: `${tool.name} (${serverName}) risk`, description, path, type: 'article', structuredData },
    html`<nav aria-label="Breadcrumb" class="breadcrumb"><a href="/">Catalogue</a> › <a href="${serverPath(server.id)}">${serverName}</a> › <span aria-current="page">${tool.name}</span></nav>
<header class="page-head">
<p class="eyebrow">MCP tool on <a href="${serverPath(server.id)}">${serverName}</a></p>
<h1>${tool.name}</h1>
${tool.title ? html`<p class="subtitle">${tool.title}</p>` : ''}
${data.plain ? plainOpening(data.plain) : ''}
${
  c
    ? html`<div class="verdict">
<p class="head-badges">${riskBadge(c.risk, { size: 'lg' })} ${categoryBadge(c.category)} <span class="muted">confidence ${formatPercent(c.confidence)}</span></p>
${factorChips(c.factors)}
${owaspIdLine(distinctOwasp((c.factorDetails ?? []).map((detail) => detail.owasp)))}
</div>`
    : html`<p>${riskBadge(null, { size: 'lg' })}</p>`
}
${hiddenCharactersNotice('This tool’s definition', [
  tool.name,
  tool.title,
  tool.description,
  tool.inputSchema ? JSON.stringify(tool.inputSchema) : null,
  tool.annotations ? JSON.stringify(tool.annotations) : null,
])}
${tool.removedAt ? html`<p class="notice" role="note">This tool was no longer announced by its server on ${formatDate(tool.removedAt)}.</p>` : ''}
</header>
<nav aria-label="On this page" class="toc"><a href="#does">What it does</a><a href="#why">Why a policy</a>${c?.effectiveAnnotations ? html`<a href="#hints">Annotations</a>` : ''}<a href="#attacks">Attack patterns</a><a href="#policy">Control it</a>${data.plain ? html`<a href="#questions">Questions</a>` : ''}<a href="#faq">FAQ</a><a href="#history">History</a></nav>
<section id="does" aria-labelledby="does-h" class="panel">
<h2 id="does-h">What the tool does</h2>
${
  tool.description
    ? html`<blockquote class="quoted"><p>${normaliseDescription(tool.description)}</p><footer class="muted small">The tool’s own description, quoted as published (untrusted)</footer></blockquote>`
    : html`<p class="muted">The tool has no description.</p>`
}
<h3>Parameters</h3>
${parametersTable(tool)}
</section>
${
  c
    ? html`<section id="why" aria-labelledby="why-h" class="panel">
<h2 id="why-h">Why it needs a policy</h2>
<p>${c.rationale}</p>
<h3>From the tool’s definition</h3>
${evidenceTable(c)}
<p class="muted small">Classifier ${c.classifierVersion}. Annotations are claims by the tool’s author, weighed as evidence, not trusted.</p>
</section>
${c.effectiveAnnotations ? annotationsSection(c.effectiveAnnotations) : ''}
<section id="attacks" aria-labelledby="attacks-h">
<h2 id="attacks-h">Documented attack patterns</h2>
${attackPatterns(c.factors, c.factorDetails)}
</section>`
    : ''
}
${
  data.policy
    ? policyPanel(site.publicUrl, data.policy, {
        intro: html`<p>The recommended policy for <code>${tool.name}</code>. Starter policies deny every tool they do not list; use the <a href="${serverPath(server.id)}#policy">server policy</a> to cover all of ${serverName}.</p>`,
      })
    : ''
}
${data.plain ? toolQuestions(tool.name, data.plain, server, data.policy) : ''}
${faq.length > 0 ? html`<section id="faq" aria-labelledby="faq-h" class="panel"><h2 id="faq-h">FAQ</h2>${faqList(faq)}</section>` : ''}
<div class="columns">
<section aria-labelledby="related-h">
<h2 id="related-h">Other tools on ${serverName}</h2>
${toolList(data.related)}
<p class="small"><a href="${serverPath(server.id)}">All tools of ${truncate(serverName, 60)}</a></p>
</section>
<section aria-labelledby="similar-h">
<h2 id="similar-h">Similar tools elsewhere</h2>
${toolList(data.similar, { showServer: true })}
</section>
</div>
<section id="history" aria-labelledby="history-h" class="panel">
<h2 id="history-h">Definition history</h2>
${definitionHistory(data.history)}
</section>`,
  );
}
