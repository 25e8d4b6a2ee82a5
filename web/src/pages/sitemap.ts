// sitemap.xml and robots.txt: every server and tool page, and where the sitemap is.
import { serverPath, toolPath } from '../components/format.js';
import { escapeHtml } from '../html.js';
import type { SitemapData, SiteView } from '../view-models.js';

function url(site: SiteView, path: string, lastmod?: string): string {
  const loc = `<loc>${escapeHtml(`${site.publicUrl}${path}`)}</loc>`;
  return `<url>${loc}${lastmod ? `<lastmod>${escapeHtml(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
}

/** The sitemap (XML escaping matches HTML's for text and attributes). */
export function renderSitemap(site: SiteView, data: SitemapData): string {
  const urls = [
    url(site, '/'),
    url(site, '/search'),
    url(site, '/classify'),
    ...data.servers.map((server) => url(site, serverPath(server.id), server.lastSeenAt)),
    ...data.tools.map((tool) => url(site, toolPath(tool.serverId, tool.name), tool.changedAt)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: pages are public, the JSON API and search results are not for crawling. */
export function renderRobots(site: SiteView): string {
  return `User-agent: *\nAllow: /\nDisallow: /v1/\nDisallow: /search?\n\nSitemap: ${site.publicUrl}/sitemap.xml\n`;
}
