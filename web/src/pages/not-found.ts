// The HTML 404 page, for page URLs that name no server or tool.
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { SiteView } from '../view-models.js';

/** Renders a 404 page naming what was not found. */
export function renderNotFoundPage(site: SiteView, what: string): SafeHtml {
  return layout(
    site,
    { title: 'Not found', description: 'This page does not exist.', path: '/', isNoIndex: true },
    html`<h1>Not found</h1>
<p>${what}</p>
<p><a href="/search">Search the catalogue</a> or go to the <a href="/">home page</a>.</p>`,
  );
}
