// The awesome-list legend: emoji flags in front of a description, read into names (SOURCES.md §4).

const LEGEND: Record<string, string> = {
  '🎖': 'official',
  '🐍': 'python',
  '📇': 'typescript',
  '🏎': 'go',
  '🦀': 'rust',
  '#⃣': 'csharp',
  '☕': 'java',
  '🌊': 'c-cpp',
  '💎': 'ruby',
  '☁': 'cloud',
  '🏠': 'local',
  '📟': 'embedded',
  '🍎': 'macos',
  '🪟': 'windows',
  '🐧': 'linux',
};

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** True for a grapheme that is an emoji or symbol rather than a letter, digit or punctuation of prose. */
function isFlagGrapheme(grapheme: string): boolean {
  return /\p{Extended_Pictographic}|\u20e3|\p{Sc}/u.test(grapheme);
}

/** Reads leading flag emoji (glued, spaced, `☁️/🏠`, with or without VS16); returns their names and the remaining text. */
export function readFlags(text: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let consumed = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (/^[\s/]+$/.test(segment)) {
      consumed = index + segment.length;
      continue;
    }
    if (!isFlagGrapheme(segment)) break;
    const bare = segment.replace(/\ufe0f/g, '');
    // Emoji outside the legend (🚀 🔥 ₿) are decoration: dropped from the text, not flags.
    const name = LEGEND[bare];
    if (name !== undefined) flags.push(name);
    consumed = index + segment.length;
  }
  return { flags, rest: text.slice(consumed).trim() };
}
