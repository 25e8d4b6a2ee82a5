// JSON-LD blocks: structured data for search engines, encoded so no value can close the script element.
import { raw, type SafeHtml } from '../html.js';

const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Serialises a value as a JSON-LD data block. JSON.stringify escapes quotes and control characters; the
 * replacements remove every `<`, so crawled text can never form `</script>` (a data block is not run, so the CSP allows it).
 */
export function jsonLd(value: Record<string, unknown>): SafeHtml {
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_ESCAPES[char] ?? char);
  return raw(`<script type="application/ld+json">${json}</script>`);
}

/** A schema.org BreadcrumbList from (name, absolute URL) pairs. */
export function breadcrumbLd(items: readonly { name: string; url: string }[]): Record<string, unknown> {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: item.name,
      item: item.url,
    })),
  };
}
