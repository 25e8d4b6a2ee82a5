// Flags for crawled text that holds hidden characters: a notice naming them, and a chip for rows of a list.
import { findHiddenCharacters, type HiddenCharacter } from '../hidden-characters.js';
import { html, type SafeHtml } from '../html.js';
import { plural } from './format.js';

function kindPhrase(found: readonly HiddenCharacter[], kind: HiddenCharacter['kind']): string | null {
  const ofKind = found.filter((character) => character.kind === kind);
  if (ofKind.length === 0) return null;
  const count = ofKind.reduce((sum, character) => sum + character.count, 0);
  const what = kind === 'bidi' ? 'bidirectional control character' : 'invisible character';
  return `${plural(count, what)} (${ofKind.map((character) => `${character.code} ${character.name}`).join(', ')})`;
}

/** A notice naming the hidden characters in `texts` (what `subject` holds), or nothing when there are none. */
export function hiddenCharactersNotice(
  subject: string,
  texts: readonly (string | null | undefined)[],
): SafeHtml {
  const found = findHiddenCharacters(texts);
  if (found.length === 0) return html``;
  const phrases = [kindPhrase(found, 'bidi'), kindPhrase(found, 'invisible')].filter(
    (phrase) => phrase !== null,
  );
  return html`<p class="notice hidden-notice" role="note"><strong>Hidden characters.</strong> ${subject} holds ${phrases.join(' and ')}. Each is shown as its code, boxed: text that holds them reads differently to a person than to the model that receives it.</p>`;
}

/** A chip marking a list row whose text holds hidden characters, or nothing. */
export function hiddenCharactersChip(texts: readonly (string | null | undefined)[]): SafeHtml {
  const found = findHiddenCharacters(texts);
  if (found.length === 0) return html``;
  return html`<span class="chip chip-hidden" title="${found.map((character) => `${character.code} ${character.name}`).join(', ')}">hidden characters</span>`;
}
