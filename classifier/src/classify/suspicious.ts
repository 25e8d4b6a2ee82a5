// Hidden instructions and exfiltration bait in tool text: the `suspicious_description` factor (taxonomy.md).

/** One reason a description looks like a prompt-injection carrier. */
export interface SuspiciousHit {
  reason: string;
  quote: string;
}

// Invisible or direction-changing code points: zero-width, bidi controls, word joiner, BOM, Unicode tag characters.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/;
// Each pattern has gate substrings: the regex runs only when one is present (String.includes is far cheaper).
const PATTERNS: [string, string[], RegExp][] = [
  ['hidden instruction block', ['<'], /<\s*(important|system|instructions?|secret|hidden|admin)\s*>/],
  [
    'override of earlier instructions',
    ['ignore', 'disregard', 'forget', 'override'],
    /\b(ignore|disregard|forget|override)\s+(all\s+)?(previous|prior|above|earlier|other)\s+(instructions|prompts|rules|directions)/,
  ],
  [
    'asks to hide actions from the user',
    ['user', 'secret', 'hidden'],
    /\b(do not|don't|never)\s+(tell|inform|mention|reveal|show|notify|alert)\s+(this\s+|it\s+|anything\s+)?(to\s+)?(the\s+)?user\b|\bwithout (telling|informing|notifying) the user\b|\bkeep (this|it) (secret|hidden) from\b/,
  ],
  [
    'asks to read secrets or keys',
    ['ssh', 'passwd', '.aws', '.env', 'id_rsa', 'private key', 'credentials file', 'mcp.json'],
    /~\/\.ssh|\bid_rsa\b|\.ssh\/|\/etc\/passwd|~\/\.aws|\.env\b[^.]{0,40}\b(read|send|include|pass|content)|\b(read|send|include|pass)\b[^.]{0,40}(\.env\b|mcp\.json|credentials file|private key)/,
  ],
  [
    'asks to use other tools or their data',
    ['tool', 'conversation'],
    /\b(before|after) (using|calling) (this|any) tool,? (you )?must (read|call|send|pass)|\b(pass|send|include) (the )?(contents|output|results) of (other|another|all) tools?\b|\bconversation history\b[^.]{0,30}\b(send|pass|include)/,
  ],
  [
    'asks the model to send secrets',
    ['you must', 'you should'],
    /\byou (must|should) (always )?(also )?(send|forward|exfiltrate|upload|include|pass)\b[^.]{0,60}\b(secrets?|api keys?|tokens?|passwords?|ssh|credentials)\b/,
  ],
];
const BASE64_RUN_CHARS = 160;

/** Scans a whole description (already length-limited by the document reader) for injection markers. */
export function findSuspicious(text: string, lower: string): SuspiciousHit[] {
  const hits: SuspiciousHit[] = [];
  const invisible = INVISIBLE.exec(text);
  if (invisible !== null) {
    const codePoint = invisible[0].codePointAt(0) ?? 0;
    hits.push({
      reason: 'invisible Unicode',
      quote: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
    });
  }
  for (const [reason, gates, pattern] of PATTERNS) {
    if (!gates.some((gate) => lower.includes(gate))) continue;
    const match = pattern.exec(lower);
    if (match !== null) hits.push({ reason, quote: match[0] });
  }
  const encoded = findBase64Run(text);
  if (encoded !== undefined) hits.push({ reason: 'long base64 blob', quote: `${encoded.slice(0, 40)}…` });
  return hits;
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

// One linear pass (a regex like /[A-Za-z0-9+/]{160,}/ retries from every position): a run of 160+ base64
// characters that is not a plain lowercase word.
function findBase64Run(text: string): string | undefined {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isBase64Char(text.charCodeAt(i))) continue;
    if (i - start >= BASE64_RUN_CHARS) {
      const run = text.slice(start, i);
      if (!/^[a-z]+$/.test(run)) return run;
    }
    start = i + 1;
  }
  return undefined;
}
