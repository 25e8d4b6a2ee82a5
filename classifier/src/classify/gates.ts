// Which of many literal gate substrings occur in a text, found in one regex pass instead of one `includes` per gate.

/**
 * Which gate groups occur in a text: group i is bit `i & 31` of word `i >>> 5`. Plain 32-bit numbers rather than
 * one bigint, so a scan and every test of a bit allocate nothing past the array itself.
 */
export type GateMask = number[];

/** A mask with every one of `groups` groups present: the slow path that runs every pattern. */
export function everyGroup(groups: number): GateMask {
  const mask: GateMask = [];
  for (let i = 0; i < groups; i += 32) mask.push(groups - i >= 32 ? -1 : 2 ** (groups - i) - 1);
  return mask;
}

/** True when group `index` is set in a mask. */
export function hasGroup(mask: readonly number[], index: number): boolean {
  return (((mask[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/**
 * A precompiled set of gate groups, each gate a lowercase literal. A gate counts only where it starts a word
 * (regex `\b`), which is how the phrase patterns begin and what lets the scan skip the inside of words; a gate
 * written with a leading `*` (stripped) counts anywhere. `scan` returns the mask of groups with a gate in the text:
 * a necessary condition for a pattern whose every match contains one of its group's gates. It may also set a bit
 * whose gates occur only inside a word: callers that need exact substring semantics recheck with `includes`.
 */
export class GateScanner {
  /** How many groups there are (the mask has one bit per group). */
  readonly groups: number;
  private readonly atWordStart: RegExp;
  private readonly anywhere: RegExp | undefined;
  /** One-character `*` gates, found with `includes`, and their groups. */
  private readonly characters: [string, GateMask][] = [];
  /** For each gate: the groups of every gate that is a prefix of it (itself included). */
  private readonly masks = new Map<string, GateMask>();

  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups.length;
    const owners = new Map<string, GateMask>();
    const anywhere = new Set<string>();
    groups.forEach((gates, index) => {
      for (const written of gates) {
        const gate = written.startsWith('*') ? written.slice(1) : written;
        if (written.startsWith('*')) anywhere.add(gate);
        const owner = owners.get(gate) ?? this.empty();
        setGroup(owner, index);
        owners.set(gate, owner);
      }
    });
    const gates = [...owners.keys()];
    for (const gate of gates) {
      const mask = this.empty();
      for (const other of gates) if (gate.startsWith(other)) orInto(mask, owners.get(other) ?? []);
      this.masks.set(gate, mask);
    }
    const words = gates.filter((gate) => !anywhere.has(gate));
    this.atWordStart = new RegExp(`\\b${trieSource(words, 0)}`, 'g');
    const inside = [...anywhere].filter((gate) => gate.length > 1);
    // A separate pass: mixing these into the word-start regex would make the engine try them at every character,
    // and a one-character gate is cheapest of all with `includes` (a longer one is not: `includes` stops at every
    // occurrence of its first character).
    this.anywhere = inside.length > 0 ? new RegExp(trieSource(inside, 0), 'g') : undefined;
    for (const gate of anywhere)
      if (gate.length === 1) this.characters.push([gate, this.masks.get(gate) ?? []]);
  }

  /** The mask of groups with at least one gate in `text`, OR-ed into `into` when given. */
  scan(text: string, into: GateMask = this.empty()): GateMask {
    this.collect(this.atWordStart, text, into);
    if (this.anywhere !== undefined) this.collect(this.anywhere, text, into);
    for (const [character, groups] of this.characters) if (text.includes(character)) orInto(into, groups);
    return into;
  }

  private collect(pattern: RegExp, text: string, into: GateMask): void {
    pattern.lastIndex = 0;
    let match = pattern.exec(text);
    while (match !== null) {
      orInto(into, this.masks.get(match[0]) ?? []);
      // Step one character, not past the match: gates may overlap ("do not" inside "do not tell").
      pattern.lastIndex = match.index + 1;
      match = pattern.exec(text);
    }
  }

  // Pushed word by word, so the array is a packed one of small integers (`new Array(n).fill(0)` is holey, and every
  // read of a holey array checks for a hole).
  private empty(): GateMask {
    const mask: GateMask = [];
    for (let i = 0; i < this.groups; i += 32) mask.push(0);
    return mask;
  }
}

function setGroup(mask: GateMask, index: number): void {
  mask[index >>> 5] = (mask[index >>> 5] ?? 0) | (1 << (index & 31));
}

function orInto(into: GateMask, mask: readonly number[]): void {
  for (let i = 0; i < mask.length; i++) into[i] = (into[i] ?? 0) | (mask[i] ?? 0);
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
