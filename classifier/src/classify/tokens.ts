// Splitting tool names and prose into lowercase word tokens, and looking words up in lexicons.

const CAMEL_LOWER_UPPER = /([a-z0-9])([A-Z])/g;
const CAMEL_ACRONYM = /([A-Z]+)([A-Z][a-z])/g;
const UPPER = /[A-Z]/;

/** Splits a tool name written in snake, kebab, camel, Pascal or dotted case into lowercase tokens. */
export function tokenizeName(name: string): string[] {
  const head = name.slice(0, 200);
  // Both camel-case rules need an uppercase letter; most names are snake or kebab case and skip them.
  if (!UPPER.test(head)) return alphanumericRuns(head.toLowerCase());
  if (!NOT_ASCII.test(head)) return camelRuns(head);
  // Lowercasing may change lengths outside ASCII (`İ` → `i̇`), so those names take the regexes and lowercase after.
  return alphanumericRuns(
    head.replace(CAMEL_LOWER_UPPER, '$1 $2').replace(CAMEL_ACRONYM, '$1 $2').toLowerCase(),
  );
}

const NOT_ASCII = /[^\0-\x7f]/;

// The two camel-case regexes and the split, in one pass over an ASCII name: a run ends at every character that is
// not [A-Za-z0-9], before an uppercase letter that follows a lowercase letter or a digit (`getFile`), and before
// the last uppercase letter of a run of them that a lowercase letter follows (`HTMLParser` → html, parser).
function camelRuns(name: string): string[] {
  const runs: string[] = [];
  const length = name.length;
  let start = -1;
  for (let i = 0; i < length; i++) {
    const code = name.charCodeAt(i);
    const upper = code >= 65 && code <= 90;
    if (!upper && !isWordTail(code)) {
      if (start >= 0) runs.push(name.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    if (!upper) continue;
    const previous = name.charCodeAt(i - 1);
    const next = name.charCodeAt(i + 1);
    if (isWordTail(previous) || (previous >= 65 && previous <= 90 && next >= 97 && next <= 122)) {
      runs.push(name.slice(start, i).toLowerCase());
      start = i;
    }
  }
  if (start >= 0) runs.push(name.slice(start).toLowerCase());
  return runs;
}

// The maximal runs of [a-z0-9]: what `text.split(/[^a-z0-9]+/)` keeps, without the empty pieces.
function alphanumericRuns(text: string): string[] {
  const runs: string[] = [];
  const length = text.length;
  let start = -1;
  for (let i = 0; i < length; i++) {
    if (isWordTail(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) runs.push(text.slice(start));
  return runs;
}

/** Lowercase word tokens (`[a-z][a-z0-9]*`) of already-lowercased prose, at most `limit` of them. */
export function wordsOf(lowerText: string, limit = 60): string[] {
  const words: string[] = [];
  const length = lowerText.length;
  let i = 0;
  while (i < length && words.length < limit) {
    const code = lowerText.charCodeAt(i);
    if (code < 97 || code > 122) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < length && isWordTail(lowerText.charCodeAt(end))) end += 1;
    words.push(lowerText.slice(i, end));
    i = end;
  }
  return words;
}

function isWordTail(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Looks a word up as written, then as a simple singular or third-person form (`files`, `searches`, `policies`). */
export function lookupWord<T>(table: ReadonlyMap<string, T>, word: string): T | undefined {
  const exact = table.get(word);
  if (exact !== undefined || word.length < 4) return exact;
  if (word.endsWith('ies')) {
    const y = table.get(`${word.slice(0, -3)}y`);
    if (y !== undefined) return y;
  }
  if (word.endsWith('es')) {
    const es = table.get(word.slice(0, -2));
    if (es !== undefined) return es;
  }
  if (word.endsWith('s') && !word.endsWith('ss')) return table.get(word.slice(0, -1));
  return undefined;
}

/** A lexicon table written as one space-separated string of words per row, as sets to look words up in. */
export function wordSets<K extends string>(rows: Record<K, string>): ReadonlyMap<K, ReadonlySet<string>> {
  return new Map(
    (Object.entries(rows) as [K, string][]).map(([key, words]) => [key, new Set(words.split(' '))]),
  );
}

/** True when a word (or its simple singular) is in the set. */
export function hasWord(set: ReadonlySet<string>, word: string): boolean {
  if (set.has(word)) return true;
  if (word.length < 4) return false;
  if (word.endsWith('ies') && set.has(`${word.slice(0, -3)}y`)) return true;
  if (word.endsWith('es') && set.has(word.slice(0, -2))) return true;
  return word.endsWith('s') && !word.endsWith('ss') && set.has(word.slice(0, -1));
}

/** Shortens a quote for evidence to whole words, keeping it on one line (a quote is never cut mid-word). */
export function quoteOf(text: string, max = 120): string {
  const line = isOneLine(text) ? text : text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max);
  return cut > 0 ? line.slice(0, cut) : line.slice(0, max);
}

// Most quotes are a word or a few words of printable ASCII with single spaces between them, which the whitespace
// regex and trim would leave as they are: those skip both.
function isOneLine(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  let previousSpace = true;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (code > 32 && code < 127) previousSpace = false;
    else return false;
  }
  return !previousSpace;
}
