// A server in a list: its name, highest risk and tool count, or that it has not been introspected yet.
import { html, type SafeHtml } from '../html.js';
import type { ServerView } from '../view-models.js';
import { plural, serverPath, truncate } from './format.js';
import { riskBadge } from './risk-badge.js';

/** What a server's tool count says: "12 tools, highest …" or "not introspected yet". */
export function toolCountNote(server: ServerView): SafeHtml {
  return server.toolCount > 0
    ? html`<span class="muted small">highest of ${plural(server.toolCount, 'tool')}</span>`
    : html`<span class="muted small">tools not introspected yet</span>`;
}

/** A server as a card of a grid. */
export function serverCard(server: ServerView): SafeHtml {
  return html`<li class="card">
<a class="card-title" href="${serverPath(server.id)}">${server.title ?? server.id}</a>
<p class="card-meta">${server.toolCount > 0 ? riskBadge(server.highestRisk) : ''} ${toolCountNote(server)}</p>
${server.description ? html`<p class="small">${truncate(server.description, 120)}</p>` : ''}
</li>`;
}
