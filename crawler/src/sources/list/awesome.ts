// Parsing an awesome-list (Markdown or its rendered HTML) into server entries (SOURCES.md §4).

import { repositoryKey } from '@toolrisk/db';
import { type Cheerio, type CheerioAPI, load } from 'cheerio';
import { Marked } from 'marked';
import { readFlags } from './flags.js';

// cheerio's node type (from domhandler, which it does not re-export).
type DomNode = Parameters<CheerioAPI['contains']>[0];

/** One server listed in a curated list. */
export interface ListEntry {
  /** The normalised repository key, e.g. `github.com/owner/repo` (subpath kept for monorepos). */
  key: string;
  /** The link text, e.g. `owner/repo`. */
  name: string;
  url: string;
  /** Plain text: markup in the list becomes text, never HTML. */
  description: string;
  /** Legend flags by meaning: `official`, `python`, `cloud`, `local`, `linux`… */
  flags: string[];
  section: string;
  sectionTitle: string;
}

/** A parsed list: unique entries in list order, and what was dropped and why. */
export interface ListParse {
  entries: ListEntry[];
  duplicates: ListEntry[];
  skipped: { section: string; text: string; reason: string }[];
}

// Separators between the flags and the description: ASCII hyphen, en dash, em dash (§4).
const SEPARATOR = /^[-–—:]\s*/;

/** Renders Markdown to HTML (inline HTML kept: the section anchors are `<a name>`). */
export function markdownToHtml(markdown: string): string {
  return new Marked({ gfm: true }).parse(markdown, { async: false });
}

/** Parses a list given as Markdown or HTML; never throws on messy entries. */
export function parseAwesomeList(source: string, format: 'markdown' | 'html' = 'markdown'): ListParse {
  const $ = load(format === 'html' ? source : markdownToHtml(source));
  // Scripts and styles are never descriptions; removing them keeps their code out of the text.
  $('script, style, noscript, template').remove();
  const result: ListParse = { entries: [], duplicates: [], skipped: [] };
  const seen = new Set<string>();
  $('h3').each((_, heading) => {
    const anchor = $(heading).children('a[name]').first();
    const section = anchor.attr('name');
    if (section === undefined) return;
    const sectionTitle = $(heading)
      .text()
      .trim()
      .replace(/^[^\p{L}\p{N}]+/u, '');
    const list = $(heading).nextUntil('h1, h2, h3').filter('ul').first();
    list.children('li').each((_, item) => {
      const entry = readEntry($(item), section, sectionTitle);
      if (typeof entry === 'string') {
        result.skipped.push({ section, text: $(item).text().trim().slice(0, 200), reason: entry });
      } else if (seen.has(entry.key)) {
        result.duplicates.push(entry);
      } else {
        seen.add(entry.key);
        result.entries.push(entry);
      }
    });
  });
  return result;
}

function readEntry(item: Cheerio<DomNode>, section: string, sectionTitle: string): ListEntry | string {
  const link = item.find('a[href]').first();
  const href = link.attr('href');
  if (href === undefined) return 'no link';
  const key = repositoryKey(href);
  if (key === null) return `unusable link ${href}`;
  const linkText = link.text().trim();
  // `[owner/repo)](…))`: a stray closing parenthesis of a malformed link.
  const name = linkText.includes('(') ? linkText : linkText.replace(/\)+$/, '');
  const rest = item.clone();
  rest.children('ul, ol').remove();
  rest.find('a[href]').first().remove();
  const { flags, description } = splitFlags(
    rest
      .text()
      .replace(/\s+/g, ' ')
      .replace(/^[\s)]+/, ''),
  );
  return {
    key,
    name: name === '' ? key : name,
    url: key.startsWith('github.com/') ? `https://${key}` : href,
    description,
    flags,
    section,
    sectionTitle,
  };
}

/** Splits `🐍 ☁️ - desc`, `- 🐍 ☁️ - desc`, `🐍🏠- desc` and `desc` into flags and description. */
function splitFlags(text: string): { flags: string[]; description: string } {
  const flags = new Set<string>();
  let rest = text.trim();
  // Flags, then a separator, at most twice: flags may sit on either side of the first separator.
  for (let round = 0; round < 2; round++) {
    const read = readFlags(rest);
    for (const flag of read.flags) flags.add(flag);
    const separator = SEPARATOR.exec(read.rest);
    rest = separator ? read.rest.slice(separator[0].length) : read.rest;
    if (!separator) break;
  }
  return { flags: [...flags], description: rest.trim() };
}
