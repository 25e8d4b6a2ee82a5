// Which of many literal gate substrings occur in a text, found in one regex pass instead of one `includes` per gate.

/**
 * A precompiled set of gate groups, each gate a lowercase literal. A gate counts only where it starts a word
 * (regex `\b`), which is how the phrase patterns begin and what lets the scan skip the inside of words; a gate
 * written with a leading `*` (stripped) counts anywhere. `scan` returns a bit mask (a bigint, so any number of groups fits) with bit i set when a gate of
 * group i occurs: a necessary condition for a pattern whose every match contains one of its group's gates. It may
 * also set a bit whose gates occur only inside a word: callers that need exact substring semantics recheck with
 * `includes`.
 */
export class GateScanner {
  private readonly atWordStart: RegExp;
  private readonly anywhere: RegExp | undefined;
  /** One-character `*` gates, found with `includes`, and their groups. */
  private readonly characters: [string, bigint][] = [];
  /** For each gate: the groups of every gate that is a prefix of it (itself included). */
  private readonly masks = new Map<string, bigint>();

  constructor(groups: readonly (readonly string[])[]) {
    const owners = new Map<string, bigint>();
    const anywhere = new Set<string>();
    groups.forEach((gates, index) => {
      for (const written of gates) {
        const gate = written.startsWith('*') ? written.slice(1) : written;
        if (written.startsWith('*')) anywhere.add(gate);
        owners.set(gate, (owners.get(gate) ?? 0n) | (1n << BigInt(index)));
      }
    });
    const gates = [...owners.keys()];
    for (const gate of gates) {
      let mask = 0n;
      for (const other of gates) if (gate.startsWith(other)) mask |= owners.get(other) ?? 0n;
      this.masks.set(gate, mask);
    }
    const words = gates.filter((gate) => !anywhere.has(gate));
    this.atWordStart = new RegExp(`\\b${trieSource(words, 0)}`, 'g');
    const inside = [...anywhere].filter((gate) => gate.length > 1);
    // A separate pass: mixing these into the word-start regex would make the engine try them at every character,
    // and a one-character gate is cheapest of all with `includes`.
    this.anywhere = inside.length > 0 ? new RegExp(trieSource(inside, 0), 'g') : undefined;
    for (const gate of anywhere)
      if (gate.length === 1) this.characters.push([gate, this.masks.get(gate) ?? 0n]);
  }

  /** The mask of groups with at least one gate in `text`. */
  scan(text: string): bigint {
    let mask = this.collect(this.atWordStart, text);
    if (this.anywhere !== undefined) mask |= this.collect(this.anywhere, text);
    for (const [character, groups] of this.characters) if (text.includes(character)) mask |= groups;
    return mask;
  }

  private collect(pattern: RegExp, text: string): bigint {
    pattern.lastIndex = 0;
    let mask = 0n;
    let match = pattern.exec(text);
    while (match !== null) {
      mask |= this.masks.get(match[0]) ?? 0n;
      // Step one character, not past the match: gates may overlap ("do not" inside "do not tell").
      pattern.lastIndex = match.index + 1;
      match = pattern.exec(text);
    }
    return mask;
  }
}

/**
 * A mask as 32-bit words (word i holds groups 32i..32i+31), so callers test many bits with number operations
 * instead of allocating a bigint per test.
 */
export function maskWords(mask: bigint, groups: number): number[] {
  const words: number[] = [];
  for (let shift = 0n, i = 0; i < groups; i += 32, shift += 32n)
    words.push(Number(BigInt.asUintN(32, mask >> shift)));
  return words;
}

/** True when group `index` is set in the words of a mask. */
export function hasGroup(words: readonly number[], index: number): boolean {
  return (((words[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/**
 * A regex source matching the gates as a trie (`p(?:age|ost)`), so the engine dispatches on one character at a
 * time instead of trying every gate at every position. Longer continuations come before the end of a shorter gate:
 * at a position the match is a gate no other matching gate extends, and every other gate that matches there is a
 * prefix of it, which the prefix closure in `masks` recovers.
 */
function trieSource(gates: readonly string[], depth: number): string {
  const byChar = new Map<string, string[]>();
  let ends = false;
  for (const gate of gates) {
    const char = gate[depth];
    if (char === undefined) {
      ends = true;
      continue;
    }
    const group = byChar.get(char);
    if (group === undefined) byChar.set(char, [gate]);
    else group.push(gate);
  }
  const branches = [...byChar].map(([char, group]) => escapeRegExp(char) + trieSource(group, depth + 1));
  if (branches.length === 0) return '';
  if (ends) branches.push('');
  return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
