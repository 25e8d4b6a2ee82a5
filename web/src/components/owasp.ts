// OWASP MCP Top 10 references on pages: each id linked to its official page, with its title and why it applies.
import { html, type SafeHtml } from '../html.js';
import type { OwaspView } from '../view-models.js';

/** Only the project's own pages become links: an id with any other address stays text. */
const OFFICIAL = 'https://owasp.org/www-project-mcp-top-10/';

function isOfficial(url: string): boolean {
  return url.startsWith(OFFICIAL);
}

/** One id, linked to its page, its title (and reason) on hover. */
export function owaspIdLink(risk: OwaspView): SafeHtml {
  const title = risk.reason ? `${risk.title}: ${risk.reason}` : risk.title;
  return isOfficial(risk.url)
    ? html`<a class="owasp-id" href="${risk.url}" title="${title}">${risk.id}</a>`
    : html`<span class="owasp-id" title="${title}">${risk.id}</span>`;
}

/** The ids alone, linked, for a tool row's meta line; nothing when there are none. */
export function owaspIdChips(risks: readonly OwaspView[]): SafeHtml {
  if (risks.length === 0) return html``;
  return html`<span class="owasp-ids small" aria-label="OWASP MCP Top 10">${risks.map(
    (risk, index) => html`${index > 0 ? ' ' : ''}${owaspIdLink(risk)}`,
  )}</span>`;
}

/** The distinct risks of several lists, in the list's order. */
export function distinctOwasp(lists: readonly (readonly OwaspView[])[]): OwaspView[] {
  const byId = new Map<string, OwaspView>();
  for (const risk of lists.flat()) if (!byId.has(risk.id)) byId.set(risk.id, { ...risk, reason: '' });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A line of linked ids with their titles ("OWASP MCP Top 10: MCP05:2025 Command Injection & Execution"), or nothing. */
export function owaspIdLine(risks: readonly OwaspView[]): SafeHtml {
  if (risks.length === 0) return html``;
  return html`<p class="owasp-ids small"><span class="muted">OWASP MCP Top 10:</span> ${risks.map(
    (risk, index) => html`${index > 0 ? ' · ' : ''}${owaspIdLink(risk)} ${risk.title}`,
  )}</p>`;
}

/** Each risk with its title and why it applies; `none` says why there is none when the list is empty. */
export function owaspExplained(risks: readonly OwaspView[], none: string): SafeHtml {
  if (risks.length === 0)
    return html`<p class="owasp small"><strong>OWASP MCP Top 10:</strong> <span class="muted">${none}</span></p>`;
  return html`<p class="owasp small"><strong>OWASP MCP Top 10:</strong></p><ul class="owasp-list small">${risks.map(
    (risk) =>
      html`<li>${owaspIdLink(risk)} ${risk.title}${risk.reason ? html`<span class="muted">: ${risk.reason}</span>` : ''}</li>`,
  )}</ul>`;
}
