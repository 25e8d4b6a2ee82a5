// The classify page: paste a tools/list document, get every tool classified and the server policy, rendered server-side.

import { formatPercent, plural } from '../components/format.js';
import { hiddenCharactersChip } from '../components/hidden-notice.js';
import { distinctOwasp, owaspIdChips } from '../components/owasp.js';
import { copyButton } from '../components/policy-panel.js';
import { categoryBadge, factorChips, riskBadge, riskRank } from '../components/risk-badge.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { ClassifyData, SiteView } from '../view-models.js';

const EXAMPLE =
  '{"tools":[{"name":"delete_file","description":"Delete a file","inputSchema":{"type":"object","properties":{"path":{"type":"string"}}}}]}';

function profileOptions(selected: string): SafeHtml {
  return html`${['strict', 'balanced', 'permissive'].map(
    (profile) =>
      html`<option value="${profile}"${profile === selected ? html` selected` : ''}>${profile}</option>`,
  )}`;
}

function policyBlock(id: string, title: string, text: string): SafeHtml {
  return html`<div class="code-block">
<div class="code-head"><span class="code-title">${title}</span><span class="code-actions">${copyButton(id, 'Copy')}</span></div>
<pre id="${id}" tabindex="0" aria-label="${title}"><code>${text}</code></pre>
</div>`;
}

function results(data: ClassifyData): SafeHtml {
  const tools = [...data.tools].sort(
    (a, b) =>
      riskRank(b.classification.risk) - riskRank(a.classification.risk) || a.name.localeCompare(b.name),
  );
  const modify = tools.filter((tool) => tool.classification.category !== 'Read').length;
  return html`<section id="results" aria-labelledby="results-h">
<h2 id="results-h">${plural(tools.length, 'tool')}, ${modify} can modify or destroy data</h2>
<ul class="tool-list">${tools.map(
    (tool) => html`<li class="tool-row">
<div class="tool-main"><span class="tool-name">${tool.name}</span>
<p class="tool-desc">${tool.classification.rationale}</p></div>
<div class="tool-meta">${riskBadge(tool.classification.risk)} ${categoryBadge(tool.classification.category)} <span class="muted small">confidence ${formatPercent(tool.classification.confidence)}</span>${hiddenCharactersChip([tool.name, tool.description])}${factorChips(tool.classification.factors)}${owaspIdChips(
      distinctOwasp((tool.classification.factorDetails ?? []).map((detail) => detail.owasp)),
    )}</div>
</li>`,
  )}</ul>
${
  data.policyJson !== null && data.policyYaml !== null
    ? html`<section id="policy" class="panel" aria-labelledby="classify-policy-h">
<h2 id="classify-policy-h">Server policy (${data.profile})</h2>
${policyBlock('classify-json', 'Gateway JSON', data.policyJson)}
${policyBlock('classify-yaml', 'Intercept YAML', data.policyYaml)}
</section>`
    : ''
}
</section>`;
}

/** Renders the classify page, with results when a document was posted. */
export function renderClassifyPage(site: SiteView, data: ClassifyData | null): SafeHtml {
  const issues = data?.issues ?? [];
  return layout(
    site,
    {
      title: 'Classify an MCP server',
      description:
        'Paste a tools/list response and get the risk of every tool and a starter policy, in the browser.',
      path: '/classify',
      isNoIndex: data !== null,
    },
    html`<h1>Classify an MCP server</h1>
<p class="lead">Paste the JSON of a <code>tools/list</code> response (or <code>{"tools": [...]}</code>, or a bare array). Nothing is stored.</p>
<form class="classify-form panel" action="/classify" method="post">
<div class="field">
<label for="classify-document">tools/list JSON</label>
<textarea id="classify-document" name="document" rows="12" spellcheck="false" required aria-describedby="classify-hint" placeholder="${EXAMPLE}">${data?.input ?? ''}</textarea>
<p id="classify-hint" class="muted small">Up to 1 MB and 500 tools.</p>
</div>
<div class="form-row">
<div class="field">
<label for="classify-profile">Policy profile</label>
<select id="classify-profile" name="profile">${profileOptions(data?.profile ?? 'balanced')}</select>
</div>
<div class="field field-button"><button type="submit" class="button button-primary">Classify</button></div>
</div>
</form>
${
  issues.length > 0
    ? html`<section class="notice" role="alert" aria-labelledby="issues-h"><h2 id="issues-h">Problems in the document</h2><ul>${issues.map(
        (issue) =>
          html`<li><strong>${issue.severity}</strong> at <code>${issue.path}</code>: ${issue.message}</li>`,
      )}</ul></section>`
    : ''
}
${data && data.tools.length > 0 ? results(data) : ''}`,
  );
}
