// The page frame: head, landmarks and the Content Security Policy every page is served with.
import { html, type SafeHtml } from './html.js';
import type { SiteView } from './view-models.js';

/** The CSP for every page: no inline script, no third-party anything. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** What a page puts in its head. */
export interface PageMeta {
  title: string;
  description: string;
  path: string;
}

/** Wraps page content in the shared frame. */
export function layout(site: SiteView, meta: PageMeta, content: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title} · toolrisk</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${site.publicUrl}${meta.path}">
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header><a href="/" class="brand">toolrisk</a></header>
<main id="main">
${content}
</main>
<footer><p>toolrisk: risk classifications of MCP tools.</p></footer>
</body>
</html>`;
}
