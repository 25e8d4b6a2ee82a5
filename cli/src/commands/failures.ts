// How the CLI words a failure: `CODE: message`, the flag that lifts a refusal, and the nearest name to a mistyped one.

/** The flag that lifts a refusal, for the codes an operator's flag can lift. */
const LIFTING_FLAGS: Readonly<Record<string, string>> = {
  ADDRESS_NOT_ALLOWED: '--allow-private allows it (for a server on this machine or your own network)',
  EXEC_NOT_ALLOWED: '--allow-exec allows it (on the worker that runs the job too)',
};

/** `; FLAG allows it` for a refusal an operator's flag can lift, else nothing. */
export function liftingHint(code: string): string {
  const hint = LIFTING_FLAGS[code];
  return hint ? `; ${hint}` : '';
}

/** `CODE: message`, and for a refusal the flag that lifts it. */
export function describeFailure(code: string, message: string): string {
  return `${code}: ${message}${liftingHint(code)}`;
}

/** Levenshtein distance between two short words (command and option names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known name a mistyped one most likely meant: the closest within a third of its length (at least 2 edits),
 * or one it is a prefix of; undefined when nothing is that close.
 */
export function nearestName(word: string, names: readonly string[]): string | undefined {
  const allowed = Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = name.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, name);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean X?` for the nearest known name, or nothing. */
export function didYouMean(
  word: string,
  names: readonly string[],
  quote: (name: string) => string = (name) => `"${name}"`,
): string {
  const nearest = nearestName(word, names);
  return nearest === undefined ? '' : `; did you mean ${quote(nearest)}?`;
}
