// Lists of tools: one row per tool with its name, risk, category, factors (and their OWASP ids) and a line of its description.
import { html, type SafeHtml } from '../html.js';
import type { ToolSummaryView } from '../view-models.js';
import { toolPath, truncate } from './format.js';
import { hiddenCharactersChip } from './hidden-notice.js';
import { owaspIdChips } from './owasp.js';
import { categoryBadge, riskBadge } from './risk-badge.js';

/** A list of tools; `showServer` names each tool's server (for lists across servers). */
export function toolList(
  tools: readonly ToolSummaryView[],
  options: { showServer?: boolean } = {},
): SafeHtml {
  if (tools.length === 0) return html`<p class="muted">No tools.</p>`;
  return html`<ul class="tool-list">${tools.map(
    (tool) => html`<li class="tool-row">
<div class="tool-main"><a class="tool-name" href="${toolPath(tool.serverId, tool.name)}">${tool.name}</a>${
      options.showServer
        ? html` <span class="muted small">on ${tool.serverTitle ?? tool.serverId}</span>`
        : ''
    }
${tool.description ? html`<p class="tool-desc">${truncate(tool.description, 160)}</p>` : ''}</div>
<div class="tool-meta">${riskBadge(tool.risk)} ${categoryBadge(tool.category)}${hiddenCharactersChip([tool.name, tool.description])}${
      tool.factors.length > 0 ? html`<span class="factors small">${tool.factors.join(' · ')}</span>` : ''
    }${owaspIdChips(tool.owasp ?? [])}</div>
</li>`,
  )}</ul>`;
}
