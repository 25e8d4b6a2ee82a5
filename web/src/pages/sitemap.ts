// sitemap.xml and robots.txt: every public server and tool page (an index of files past 50,000 URLs), and where
// the sitemap is.
import { serverPath, toolPath } from '../components/format.js';
import { escapeHtml } from '../html.js';
import type { SitemapData, SitemapIndexData, SiteView } from '../view-models.js';

function url(site: SiteView, path: string, lastmod?: string): string {
  const loc = `<loc>${escapeHtml(`${site.publicUrl}${path}`)}</loc>`;
  return `<url>${loc}${lastmod ? `<lastmod>${escapeHtml(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
}

/** The most URLs one sitemap file may hold (sitemaps.org); past it, /sitemap.xml is an index of files. */
export const SITEMAP_MAX_URLS = 50_000;

/** One sitemap file (XML escaping matches HTML's for text and attributes). */
export function renderSitemap(site: SiteView, data: SitemapData): string {
  const urls = [
    ...(data.hasSitePages === false
      ? []
      : [url(site, '/'), url(site, '/search'), url(site, '/classify'), url(site, '/stacks')]),
    ...data.servers.map((server) => url(site, serverPath(server.id), server.lastSeenAt)),
    ...data.tools.map((tool) => url(site, toolPath(tool.serverId, tool.name), tool.changedAt)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap index: one <sitemap> per file. */
export function renderSitemapIndex(site: SiteView, data: SitemapIndexData): string {
  const entries = data.paths.map(
    (path) => `<sitemap><loc>${escapeHtml(`${site.publicUrl}${path}`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

/** robots.txt: pages are public, the JSON API and search results are not for crawling. */
export function renderRobots(site: SiteView): string {
  return `User-agent: *\nAllow: /\nDisallow: /v1/\nDisallow: /search?\n\nSitemap: ${site.publicUrl}/sitemap.xml\n`;
}
