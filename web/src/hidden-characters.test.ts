// Guarantees about hidden characters: bidi controls and invisible characters in crawled text are shown as their
// codes in page content, spelled out in the title, kept exact in attributes and textareas, and flagged.
import { describe, expect, it } from 'vitest';
import { hiddenCharactersChip, hiddenCharactersNotice } from './components/hidden-notice.js';
import { findHiddenCharacters, hasHiddenCharacters, spellHiddenCharacters } from './hidden-characters.js';
import { html } from './html.js';

const RLO = '\u202E';
const ZWSP = '\u200B';
const TAG_A = String.fromCodePoint(0xe0061);

describe('hidden characters', () => {
  it('finds bidi controls, zero-width, tag and control characters, and leaves tabs, newlines and emoji alone', () => {
    expect(findHiddenCharacters([`a${RLO}b${RLO}`, `c${ZWSP}${TAG_A}\u0007`, null])).toEqual([
      { code: 'U+202E', name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi', count: 2 },
      { code: 'U+200B', name: 'ZERO WIDTH SPACE', kind: 'invisible', count: 1 },
      { code: 'U+E0061', name: 'TAG "a"', kind: 'invisible', count: 1 },
      { code: 'U+0007', name: 'CONTROL CHARACTER', kind: 'invisible', count: 1 },
    ]);
    expect(hasHiddenCharacters('tab\tnew\nline\r\n é 😀 日本語 שלום')).toBe(false);
    expect(hasHiddenCharacters(`x\u2066y`)).toBe(true);
    // The global regex keeps no state between calls.
    expect([hasHiddenCharacters(RLO), hasHiddenCharacters(RLO)]).toEqual([true, true]);
  });

  it('shows each one in page content as an isolated, labelled span that keeps the character', () => {
    expect(html`<p>${`evil${RLO}txt.exe`}</p>`.value).toBe(
      `<p>evil<span class="hidden-char" data-code="U+202E" title="RIGHT-TO-LEFT OVERRIDE (hidden character)">${RLO}</span>txt.exe</p>`,
    );
    expect(html`<li>${[`a${ZWSP}`, '<b>']}</li>`.value).toBe(
      `<li>a<span class="hidden-char" data-code="U+200B" title="ZERO WIDTH SPACE (hidden character)">${ZWSP}</span>&lt;b&gt;</li>`,
    );
  });

  it('spells them out in <title> (no markup there) and keeps attributes and textarea text exact', () => {
    expect(html`<title>${`a${RLO}b · toolrisk`}</title>`.value).toBe('<title>a[U+202E]b · toolrisk</title>');
    expect(html`<svg><title id="${'x'}">${`c${ZWSP}`}</title></svg>`.value).toBe(
      '<svg><title id="x">c[U+200B]</title></svg>',
    );
    expect(html`<input value="${`q${RLO}`}"><p>${'ok'}</p>`.value).toBe(`<input value="q${RLO}"><p>ok</p>`);
    expect(html`<textarea name="d" rows="${3}">${`{"a":"${RLO}"}`}</textarea><p>${RLO}</p>`.value).toBe(
      `<textarea name="d" rows="3">{&quot;a&quot;:&quot;${RLO}&quot;}</textarea><p><span class="hidden-char" data-code="U+202E" title="RIGHT-TO-LEFT OVERRIDE (hidden character)">${RLO}</span></p>`,
    );
    expect(spellHiddenCharacters(`${TAG_A}x`)).toBe('[U+E0061]x');
    // A `>` inside a quoted attribute value does not end the tag.
    expect(html`<a title="a > b" href="${`/q${RLO}`}">${'x'}</a>`.value).toBe(
      `<a title="a > b" href="/q${RLO}">x</a>`,
    );
  });

  it('flags them: a notice naming each with its count, and a chip for list rows; nothing when there are none', () => {
    const notice = hiddenCharactersNotice('This tool’s definition', [`a${RLO}b${RLO}`, `c${ZWSP}`]).value;
    expect(notice).toContain(
      '<p class="notice hidden-notice" role="note"><strong>Hidden characters.</strong>',
    );
    expect(notice).toContain(
      'This tool’s definition holds 2 bidirectional control characters (U+202E RIGHT-TO-LEFT OVERRIDE) and 1 invisible character (U+200B ZERO WIDTH SPACE).',
    );
    expect(hiddenCharactersChip([null, `x${TAG_A}`]).value).toBe(
      '<span class="chip chip-hidden" title="U+E0061 TAG &quot;a&quot;">hidden characters</span>',
    );
    expect(hiddenCharactersNotice('This tool’s definition', ['plain', null]).value).toBe('');
    expect(hiddenCharactersChip(['plain']).value).toBe('');
  });
});
