// Safe HTML building: every interpolated value is escaped unless it is already SafeHtml, and hidden characters
// (bidi controls, zero-width and other invisible ones) in text are shown as their codes.
import { codeOf, HIDDEN_CHARACTERS, nameOf, spellHiddenCharacters } from './hidden-characters.js';

/** HTML that is known to be safe (built by `html` or `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

/**
 * Where a value is interpolated: element content, an attribute value, or the text of `<title>` or `<textarea>`
 * (raw text: markup there would show as text).
 */
type Context = 'content' | 'attribute' | 'title' | 'textarea';

/**
 * Wraps each hidden character in an isolating span that shows its code (CSS `::before`), keeping the character
 * itself, so copied text is exact while a U+202E can no longer reverse what follows it (the isolate ends its reach).
 */
function revealHiddenCharacters(escaped: string): string {
  return escaped.replace(
    HIDDEN_CHARACTERS,
    (char) =>
      `<span class="hidden-char" data-code="${codeOf(char)}" title="${escapeHtml(`${nameOf(char)} (hidden character)`)}">${char}</span>`,
  );
}

function render(value: Interpolation, context: Context): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item) => render(item, context)).join('');
  const escaped = escapeHtml(String(value));
  // Attribute values (a search box's value, a policy's data) and a textarea's text stay exactly as given.
  if (context === 'content') return revealHiddenCharacters(escaped);
  if (context === 'title') return spellHiddenCharacters(escaped);
  return escaped;
}

const CONTEXTS = new WeakMap<TemplateStringsArray, Context[]>();

/** The context of each interpolation of a template, from its static parts (computed once per call site). */
function contextsOf(strings: TemplateStringsArray): Context[] {
  const cached = CONTEXTS.get(strings);
  if (cached) return cached;
  const contexts: Context[] = [];
  let isInTag = false;
  let tagName = '';
  let isNaming = false;
  let quote: string | null = null;
  let rawText: 'title' | 'textarea' | null = null;
  for (const chunk of strings.slice(0, -1)) {
    let i = 0;
    while (i < chunk.length) {
      if (rawText !== null) {
        const end = chunk.toLowerCase().indexOf(`</${rawText}`, i);
        if (end < 0) break;
        rawText = null;
        i = end;
        continue;
      }
      const char = chunk[i] ?? '';
      if (!isInTag) {
        if (char === '<') [isInTag, isNaming, tagName] = [true, true, ''];
      } else if (quote !== null) {
        // A quoted attribute value may hold `>`: only its closing quote ends it.
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") {
        [quote, isNaming] = [char, false];
      } else if (char === '>') {
        isInTag = false;
        const name = tagName.toLowerCase();
        if (name === 'title' || name === 'textarea') rawText = name;
      } else if (isNaming) {
        if (/[a-zA-Z0-9/!-]/.test(char)) tagName += char;
        else isNaming = false;
      }
      i++;
    }
    contexts.push(rawText ?? (isInTag ? 'attribute' : 'content'));
  }
  CONTEXTS.set(strings, contexts);
  return contexts;
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  const contexts = contextsOf(strings);
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i], contexts[i] ?? 'content') + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks trusted markup (our own constants only, never crawled text) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
