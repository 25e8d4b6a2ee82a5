// Characters that change how crawled text reads without being seen: bidi controls (U+202E makes the rest of a
// line read backwards) and invisible ones (zero-width, tag characters, fillers, controls). Pages show each as its code.

/** Bidi control characters: embeddings, overrides, isolates and marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

// The ranges of hidden code points, first and last.
const HIDDEN_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008], // controls, less tab, line feed and carriage return
  [0x000b, 0x000c],
  [0x000e, 0x001f],
  [0x007f, 0x009f], // DELETE and the C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; LTR and RTL marks
  [0x202a, 0x202e], // embeddings, pop, overrides
  [0x2060, 0x2064], // word joiner, invisible operators
  [0x2066, 0x206f], // isolates; deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xfeff, 0xfeff], // zero-width no-break space (BOM)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotation
  [0xe0001, 0xe0001], // language tag
  [0xe0020, 0xe007f], // tag characters
];

function escapeCodePoint(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

/** Every hidden character, bidi or invisible (global: for replacing). */
export const HIDDEN_CHARACTERS = new RegExp(
  `[${HIDDEN_RANGES.map(([first, last]) => (first === last ? escapeCodePoint(first) : `${escapeCodePoint(first)}-${escapeCodePoint(last)}`)).join('')}]`,
  'gu',
);

const NAMES: Record<number, string> = {
  173: 'SOFT HYPHEN',
  847: 'COMBINING GRAPHEME JOINER',
  1564: 'ARABIC LETTER MARK',
  4447: 'HANGUL CHOSEONG FILLER',
  4448: 'HANGUL JUNGSEONG FILLER',
  6068: 'KHMER VOWEL INHERENT AQ',
  6069: 'KHMER VOWEL INHERENT AA',
  6158: 'MONGOLIAN VOWEL SEPARATOR',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8289: 'FUNCTION APPLICATION',
  8290: 'INVISIBLE TIMES',
  8291: 'INVISIBLE SEPARATOR',
  8292: 'INVISIBLE PLUS',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  12644: 'HANGUL FILLER',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
  65440: 'HALFWIDTH HANGUL FILLER',
  65529: 'INTERLINEAR ANNOTATION ANCHOR',
  65530: 'INTERLINEAR ANNOTATION SEPARATOR',
  65531: 'INTERLINEAR ANNOTATION TERMINATOR',
  917505: 'LANGUAGE TAG',
};

/** One kind of hidden character found in a text. */
export interface HiddenCharacter {
  /** `U+202E`. */
  code: string;
  /** `RIGHT-TO-LEFT OVERRIDE`. */
  name: string;
  kind: 'bidi' | 'invisible';
  count: number;
}

/** `U+202E` for a code point. */
export function codeOf(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The Unicode name of a hidden character (tag characters name the ASCII character they shadow). */
export function nameOf(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const named = NAMES[codePoint];
  if (named !== undefined) return named;
  if (codePoint >= 0xe0020 && codePoint <= 0xe007f) {
    return codePoint === 0xe007f
      ? 'CANCEL TAG'
      : `TAG ${JSON.stringify(String.fromCodePoint(codePoint - 0xe0000))}`;
  }
  if (codePoint >= 0x206a && codePoint <= 0x206f) return 'DEPRECATED FORMAT CHARACTER';
  return 'CONTROL CHARACTER';
}

/** Whether the text holds any hidden character. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  const found = HIDDEN_CHARACTERS.test(text);
  HIDDEN_CHARACTERS.lastIndex = 0;
  return found;
}

/** The hidden characters in the texts, one entry per code point, in order of first appearance. */
export function findHiddenCharacters(texts: readonly (string | null | undefined)[]): HiddenCharacter[] {
  const found = new Map<string, HiddenCharacter>();
  for (const text of texts) {
    if (!text) continue;
    for (const [char] of text.matchAll(HIDDEN_CHARACTERS)) {
      const code = codeOf(char);
      const entry = found.get(code);
      if (entry) entry.count++;
      else
        found.set(code, { code, name: nameOf(char), kind: BIDI.test(char) ? 'bidi' : 'invisible', count: 1 });
    }
  }
  return [...found.values()];
}

/** Replaces each hidden character with `[U+202E]`: for text that cannot hold markup (the page title). */
export function spellHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (char) => `[${codeOf(char)}]`);
}
