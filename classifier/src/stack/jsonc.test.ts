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

  it('with regions, places each property from its key to the end of its value, by JSON pointer', () => {
    const text = '{\r\n  // c\r\n  "a/b": { "x~": [1, {"y": 2}] },\n  "z": "v"\n}';
    const parsed = parseJsoncText(text, { regions: true });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(Object.fromEntries(parsed.regions ?? [])).toEqual({
      '/a~1b/x~0/1/y': { startLine: 3, startColumn: 23, endLine: 3, endColumn: 29 },
      '/a~1b/x~0': { startLine: 3, startColumn: 12, endLine: 3, endColumn: 31 },
      '/a~1b': { startLine: 3, startColumn: 3, endLine: 3, endColumn: 33 },
      '/z': { startLine: 4, startColumn: 3, endLine: 4, endColumn: 11 },
    });
    expect(parseJsoncText(text)).not.toHaveProperty('regions');
  });
});
