// Paging links of a list: its true total, and links to the first and the next page (cursor pages have no numbers).
import { html, type SafeHtml } from '../html.js';
import type { PagingView } from '../view-models.js';
import { plural } from './format.js';

/** "Showing 1–100 of 1,234 tools", as far as a cursor page knows: the count shown and the total. */
export function pagingSummary(paging: PagingView, shown: number, noun: string): SafeHtml {
  return html`<p class="paging-count"><strong>${plural(paging.total, noun)}</strong>${
    shown < paging.total
      ? html`<span class="muted"> · ${shown.toLocaleString('en-US')} on this page</span>`
      : ''
  }</p>`;
}

/** The links to the first and the next page, or nothing when the list fits one page. */
export function pagingNav(paging: PagingView, label: string): SafeHtml {
  if (paging.nextHref === null && paging.firstHref === null) return html``;
  return html`<nav class="paging" aria-label="${label}">${
    paging.firstHref !== null ? html`<a href="${paging.firstHref}" rel="first">First page</a>` : ''
  }${paging.nextHref !== null ? html`<a href="${paging.nextHref}" rel="next">Next page</a>` : ''}</nav>`;
}
