// Guarantees of the annotations section: every hint row, each state worded, hostile reasons escaped, mismatches marked.
import type { EffectiveAnnotations, EffectiveHint } from '@toolrisk/classifier';
import { describe, expect, it } from 'vitest';
import { annotationsSection } from './annotations-table.js';

const HOSTILE = '"><script>window.__pwned=1</script><img src=x onerror=alert(1)>';

function hint(overrides: Partial<EffectiveHint> = {}): EffectiveHint {
  return {
    declared: null,
    declaration: 'absent',
    inferred: false,
    effective: false,
    isMismatch: false,
    isUnsafe: false,
    rule: 'hint.test',
    reason: 'a reason',
    ...overrides,
  };
}

function hints(overrides: Partial<EffectiveAnnotations> = {}): EffectiveAnnotations {
  return {
    readOnlyHint: hint(),
    destructiveHint: hint(),
    idempotentHint: hint({ inferred: null }),
    openWorldHint: hint(),
    hasMismatch: false,
    hasUnsafeMismatch: false,
    mismatches: [],
    ...overrides,
  };
}

describe('annotationsSection', () => {
  it('escapes a hostile reason (it quotes the definition) in every row', () => {
    const out = annotationsSection(
      hints({
        readOnlyHint: hint({ reason: HOSTILE }),
        destructiveHint: hint({ reason: HOSTILE }),
        idempotentHint: hint({ inferred: null, reason: HOSTILE }),
        openWorldHint: hint({ reason: HOSTILE }),
      }),
    ).value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out.split('&lt;script&gt;window.__pwned=1&lt;/script&gt;')).toHaveLength(5);
  });

  it('words each declaration and inference, and marks unsafe and cautious mismatches apart', () => {
    const out = annotationsSection(
      hints({
        readOnlyHint: hint({ declared: true, declaration: 'boolean', isMismatch: true, isUnsafe: true }),
        destructiveHint: hint({ declared: null, declaration: 'invalid' }),
        openWorldHint: hint({ declared: true, declaration: 'boolean', isMismatch: true }),
        hasMismatch: true,
        hasUnsafeMismatch: true,
        mismatches: ['readOnlyHint', 'openWorldHint'],
      }),
    ).value;
    expect(out).toContain('data-mismatch="unsafe">unsafe mismatch</span>');
    expect(out).toContain('data-mismatch="safe">mismatch</span>');
    expect(out).toContain('not a boolean (ignored)');
    expect(out).toContain('<span class="muted">unknown</span>');
    expect(out).toContain(
      'role="note">The declared <code>readOnlyHint</code>, <code>openWorldHint</code> contradict what',
    );
  });

  it('says when nothing is declared, and when what is declared agrees', () => {
    expect(annotationsSection(hints()).value).toContain('declares none of the four hints');
    const agreeing = hints({ readOnlyHint: hint({ declared: false, declaration: 'boolean' }) });
    const out = annotationsSection(agreeing).value;
    expect(out).toContain('No declared hint contradicts the verdict.');
    expect(out).toContain('<td role="cell" data-label="Check">agrees</td>');
  });
});
