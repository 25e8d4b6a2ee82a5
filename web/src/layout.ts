// The page frame: head (meta, canonical, Open Graph, JSON-LD), landmarks, and the Content Security Policy every page is served with.
import { jsonLd } from './components/json-ld.js';
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
  /** Open Graph type: `website` by default, `article` for a tool or server page. */
  type?: 'website' | 'article';
  /** schema.org objects, emitted together as one JSON-LD graph. */
  structuredData?: Record<string, unknown>[];
  /** Keep the page out of search indexes (e.g. results of a pasted document). */
  isNoIndex?: boolean;
  /** Page-specific scripts among the assets (`stack.js`), loaded after the site's own. */
  scripts?: readonly string[];
}

/** The asset URL with the version that lets it be cached for a year. */
export function assetUrl(site: SiteView, file: string): string {
  return site.assetVersion ? `/assets/${file}?v=${site.assetVersion}` : `/assets/${file}`;
}

/** The absolute URL of a path on this site. */
export function absoluteUrl(site: SiteView, path: string): string {
  return `${site.publicUrl}${path}`;
}

/** Wraps page content in the shared frame. */
export function layout(site: SiteView, meta: PageMeta, content: SafeHtml): SafeHtml {
  const url = absoluteUrl(site, meta.path);
  const title = `${meta.title} · toolrisk`;
  const graph = meta.structuredData ?? [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${url}">
${meta.isNoIndex ? html`<meta name="robots" content="noindex">` : ''}
<meta property="og:site_name" content="toolrisk">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${url}">
<meta name="twitter:card" content="summary">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(site, 'site.css')}">
<script src="${assetUrl(site, 'site.js')}" defer></script>
${(meta.scripts ?? []).map((file) => html`<script src="${assetUrl(site, file)}" defer></script>`)}
${graph.length > 0 ? jsonLd({ '@context': 'https://schema.org', '@graph': graph }) : ''}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap header-inner">
<a href="/" class="brand" aria-label="toolrisk home"><span class="brand-mark" aria-hidden="true">◆</span> toolrisk</a>
<nav aria-label="Main" class="main-nav">
<a href="/search">Browse</a>
<a href="/classify">Classify a server</a>
<a href="/stacks">Check a stack</a>
<a href="/docs">API</a>
</nav>
<form class="header-search" role="search" action="/search" method="get">
<label for="header-q" class="visually-hidden">Search servers and tools</label>
<input id="header-q" name="q" type="search" placeholder="Search tools…" autocomplete="off">
<button type="submit" class="button">Search</button>
</form>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${content}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<p>toolrisk classifies MCP tools from their definitions alone (taxonomy v1). Descriptions are quoted as published by each server and are untrusted.</p>
<p><a href="/sitemap.xml">Sitemap</a> · <a href="/docs">API reference</a> · <a href="/openapi.json">OpenAPI</a></p>
</div>
</footer>
</body>
</html>`;
}
