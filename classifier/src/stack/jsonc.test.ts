import { describe, expect, it } from 'vitest';
import { parseJsoncText } from './jsonc.js';

describe('parseJsoncText', () => {
  it('reads comments and trailing commas as JSON.parse reads the JSON without them', () => {
    const text = '// head\n{ "a": [1, 2, /* two */ ], "b": { "c": "//not a comment", }, }';
    expect(parseJsoncText(text)).toEqual({ ok: true, value: { a: [1, 2], b: { c: '//not a comment' } } });
    expect(parseJsoncText('{"s": "\\u00e9\\n"}')).toEqual({ ok: true, value: { s: 'é\n' } });
  });

  it('a syntax error names line and column and never quotes the text', () => {
    const parsed = parseJsoncText('{\n  "token": "ghp_secretvalue" oops\n}');
    expect(parsed).toMatchObject({ ok: false, line: 2, column: 30 });
    expect(parsed.ok ? '' : parsed.message).not.toContain('ghp_');
    expect(parseJsoncText('{"a": 1').ok).toBe(false);
    expect(parseJsoncText('{"a": "x\n"}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('control character'),
    });
    expect(parseJsoncText('/* open')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unterminated /* comment'),
    });
  });
});
