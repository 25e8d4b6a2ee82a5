// Splitting tool names and prose into lowercase word tokens, and looking words up in lexicons.

const CAMEL_LOWER_UPPER = /([a-z0-9])([A-Z])/g;
const CAMEL_ACRONYM = /([A-Z]+)([A-Z][a-z])/g;
const NON_WORD = /[^a-z0-9]+/;
const WORDS = /[a-z][a-z0-9]*/g;

/** Splits a tool name written in snake, kebab, camel, Pascal or dotted case into lowercase tokens. */
export function tokenizeName(name: string): string[] {
  const spaced = name.slice(0, 200).replace(CAMEL_LOWER_UPPER, '$1 $2').replace(CAMEL_ACRONYM, '$1 $2');
  return spaced
    .toLowerCase()
    .split(NON_WORD)
    .filter((token) => token.length > 0);
}

/** Lowercase word tokens of already-lowercased prose, at most `limit` of them. */
export function wordsOf(lowerText: string, limit = 60): string[] {
  const words: string[] = [];
  for (const match of lowerText.matchAll(WORDS)) {
    words.push(match[0]);
    if (words.length >= limit) break;
  }
  return words;
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

/** True when a word (or its simple singular) is in the set. */
export function hasWord(set: ReadonlySet<string>, word: string): boolean {
  if (set.has(word)) return true;
  if (word.length < 4) return false;
  if (word.endsWith('ies') && set.has(`${word.slice(0, -3)}y`)) return true;
  if (word.endsWith('es') && set.has(word.slice(0, -2))) return true;
  return word.endsWith('s') && !word.endsWith('ss') && set.has(word.slice(0, -1));
}

/** Truncates a quote for evidence, keeping it on one line. */
export function quoteOf(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
