// Guarantees of display formatting: descriptions lose stray whitespace but keep their lines; cuts keep hidden characters.
import { describe, expect, it } from 'vitest';
import { normaliseDescription, truncate } from './format.js';

describe('normaliseDescription', () => {
  it('drops leading, trailing and repeated whitespace, and the indentation a docstring carries', () => {
    expect(
      normaliseDescription(
        '\n\n    Reads a file.\n\n    Args:\n      path:   the file\t\n\n\n\n    Returns text.   \n  ',
      ),
    ).toBe('Reads a file.\n\nArgs:\n  path: the file\n\nReturns text.');
    expect(normaliseDescription('   Deletes   a\trecord.  ')).toBe('Deletes a record.');
    expect(normaliseDescription('Line one\r\n  - item\r\n  - item two')).toBe('Line one\n- item\n- item two');
    expect(normaliseDescription(' \n \t ')).toBe('');
  });

  it('keeps hidden characters at either end (a BOM is whitespace to trim(), not to a reader)', () => {
    expect(normaliseDescription('  \uFEFFRead\u202E  ')).toBe('\uFEFFRead\u202E');
  });
});

describe('truncate', () => {
  it('flattens whitespace but keeps a BOM, and cuts at a word boundary', () => {
    expect(truncate(' a\n\n b \uFEFF', 20)).toBe('a b \uFEFF');
    expect(truncate('one two three four five', 15)).toBe('one two three…');
  });
});
