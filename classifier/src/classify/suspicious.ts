// Hidden instructions and exfiltration bait in tool text: the `suspicious_description` factor (taxonomy.md).
import { type GateMask, GateScanner, hasGroup } from './gates.js';
/** One reason a description looks like a prompt-injection carrier. */
export interface SuspiciousHit {
  reason: string;
  quote: string;
}

// Invisible or direction-changing code points: zero-width, bidi controls, word joiner, BOM, Unicode tag characters.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/;
// Every invisible code point is above U+200A: most texts have none, and this one-class test rules them out much
// faster than the alternation above.
const ABOVE_U200A = /[^\0-\u200A]/;
// Each pattern has gates (gates.ts), one of which every match contains: the regex runs only when one is present.
const PATTERNS: [string, string[], RegExp][] = [
  ['hidden instruction block', ['*<'], /<\s*(important|system|instructions?|secret|hidden|admin)\s*>/],
  [
    'override of earlier instructions',
    ['ignore', 'disregard', 'forget', 'override'],
    /\b(ignore|disregard|forget|override)\s+(all\s+)?(previous|prior|above|earlier|other)\s+(instructions|prompts|rules|directions)/,
  ],
  [
    'asks to hide actions from the user',
    [
      'do not',
      "don't",
      'never',
      'without telling',
      'without informing',
      'without notifying',
      'secret from',
      'hidden from',
    ],
    /\b(do not|don't|never)\s+(tell|inform|mention|reveal|show|notify|alert)\s+(this\s+|it\s+|anything\s+)?(to\s+)?(the\s+)?user\b|\bwithout (telling|informing|notifying) the user\b|\bkeep (this|it) (secret|hidden) from\b/,
  ],
  [
    'asks to read secrets or keys',
    ['ssh', 'passwd', 'aws', 'env', 'id_rsa', 'json', '*private key', '*credentials file'],
    /~\/\.ssh|\bid_rsa\b|\.ssh\/|\/etc\/passwd|~\/\.aws|\.env\b[^.]{0,40}\b(read|send|include|pass|content)(s|ing|ed)?\b|\b(read|send|include|pass)\b[^.]{0,40}(\.env\b|mcp\.json|credentials file|private key)/,
  ],
  [
    'asks to use other tools or their data',
    [
      'using this tool',
      'using any tool',
      'calling this tool',
      'calling any tool',
      'of other tool',
      'of another tool',
      'of all tool',
      'conversation history',
    ],
    /\b(before|after) (using|calling) (this|any) tool,? (you )?must (read|call|send|pass)|\b(pass|send|include) (the )?(contents|output|results) of (other|another|all) tools?\b|\bconversation history\b[^.]{0,30}\b(send|pass|include)/,
  ],
  [
    'an instruction to the model that reads the tool list',
    ['when you read this tool', 'when you see this tool', 'upon reading this', 'when you load this tool'],
    /\b(when you (read|see|load) this tool|upon reading this)\b/,
  ],
  [
    'asks the model to send secrets',
    ['you must', 'you should'],
    /\byou (must|should) (always )?(also )?(send|forward|exfiltrate|upload|include|pass)\b[^.]{0,60}\b(secrets?|api keys?|tokens?|passwords?|ssh|credentials)\b/,
  ],
];
const BASE64_RUN_CHARS = 160;
/** The gate groups of the patterns, in order: bit i of a gate mask stands for `SUSPICIOUS_GATES[i]`. */
export const SUSPICIOUS_GATES: readonly (readonly string[])[] = PATTERNS.map(([, gates]) => gates);
const GATES = new GateScanner(SUSPICIOUS_GATES);

/**
 * Scans a tool's title and description (already length-limited by the document reader), each as written and
 * lowercased, for injection markers; the two read as one text, the title, a newline, then the description.
 * `present` is the mask of gates found in the lowercased parts when the caller has scanned for them already,
 * `SUSPICIOUS_GATES[i]` standing at group `firstGroup + i` of it.
 */
export function findSuspicious(
  title: string,
  lowerTitle: string,
  text: string,
  lower: string,
  present: GateMask = GATES.scan(`${lowerTitle}\n${lower}`),
  firstGroup = 0,
): SuspiciousHit[] {
  const hits: SuspiciousHit[] = [];
  // No invisible code point and no base64 character is a newline, so the first one in the joined text is the first
  // in the title, else the first in the description: the parts are read one by one and never joined.
  const invisible = firstInvisible(title) ?? firstInvisible(text);
  if (invisible !== undefined) {
    const codePoint = invisible.codePointAt(0) ?? 0;
    hits.push({
      reason: 'invisible Unicode',
      quote: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
    });
  }
  // The phrases may span the newline, so they read the joined text, joined only when a gate lets one run. Without
  // a title the joined text starts with the newline, which no phrase can start with: the description alone matches
  // the same.
  let joined: string | undefined;
  for (let index = 0; index < PATTERNS.length; index++) {
    if (!hasGroup(present, firstGroup + index)) continue;
    const entry = PATTERNS[index];
    if (entry === undefined) continue;
    joined ??= title === '' ? lower : `${lowerTitle}\n${lower}`;
    const match = entry[2].exec(joined);
    if (match !== null) hits.push({ reason: entry[0], quote: match[0] });
  }
  const encoded = findBase64Run(title) ?? findBase64Run(text);
  if (encoded !== undefined) hits.push({ reason: 'long base64 blob', quote: `${encoded.slice(0, 40)}…` });
  return hits;
}

function firstInvisible(text: string): string | undefined {
  return ABOVE_U200A.test(text) ? INVISIBLE.exec(text)?.[0] : undefined;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47
  );
}

// The first maximal run of 160+ base64 characters that is not a plain lowercase word. A regex like
// /[A-Za-z0-9+/]{160,}/ retries from every position; this skips ahead instead: a run that starts at `start` and
// reaches 160 characters must cover `start + 159`, so one probe there rules out most of the text, and a miss
// steps back only to the last separator (each character is read at most twice).
function findBase64Run(text: string): string | undefined {
  const length = text.length;
  let start = 0;
  while (start + BASE64_RUN_CHARS <= length) {
    let probe = start + BASE64_RUN_CHARS - 1;
    while (probe >= start && isBase64Char(text.charCodeAt(probe))) probe -= 1;
    if (probe >= start) {
      start = probe + 1;
      continue;
    }
    let end = start + BASE64_RUN_CHARS;
    while (end < length && isBase64Char(text.charCodeAt(end))) end += 1;
    const run = text.slice(start, end);
    if (!/^[a-z]+$/.test(run)) return run;
    start = end + 1;
  }
  return undefined;
}
