// Every tools/list document (import, crawl, API) is read against the one limits table: each field over its limit, or
// holding text no database stores, is an error with its own code and message; nothing past a limit is walked.
import { describe, expect, it } from 'vitest';
import { hasErrors, readToolsDocument } from '../src/document.js';
import { INPUT_LIMITS, isDeeperThan } from '../src/input-limits.js';

/** A schema exactly `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = { type: 'string' };
  for (let level = 1; level < depth; level++) value = { items: value };
  return value;
}

function firstIssue(tool: Record<string, unknown>) {
  const document = readToolsDocument({ tools: [{ name: 'ok_tool' }, tool] });
  expect(document.entries[0]?.issues).toEqual([]);
  expect(document.entries[1]?.tool).toBeNull();
  return document.entries[1]?.issues[0];
}

describe('tools/list documents against INPUT_LIMITS', () => {
  it('refuses a tool name past the limit as NAME_TOO_LONG naming its path and the limit', () => {
    expect(firstIssue({ name: 'n'.repeat(1_000_000) })).toEqual({
      severity: 'error',
      code: 'NAME_TOO_LONG',
      path: '$.tools[1].name',
      message: `1000000 characters, more than the ${INPUT_LIMITS.name.max} allowed`,
    });
    expect(
      readToolsDocument({ tools: [{ name: 'n'.repeat(INPUT_LIMITS.name.max) }] }).entries[0]?.issues,
    ).toEqual([]);
  });

  it('refuses titles (also the annotations title) and descriptions past their limits', () => {
    expect(firstIssue({ name: 't', title: 'x'.repeat(501) })).toMatchObject({
      code: 'TITLE_TOO_LONG',
      path: '$.tools[1].title',
      message: '501 characters, more than the 500 allowed',
    });
    expect(firstIssue({ name: 't', annotations: { title: 'x'.repeat(600) } })).toMatchObject({
      code: 'TITLE_TOO_LONG',
      path: '$.tools[1].annotations.title',
    });
    expect(firstIssue({ name: 't', description: 'd'.repeat(400_000) })).toMatchObject({
      code: 'DESCRIPTION_TOO_LONG',
      path: '$.tools[1].description',
      message: '400000 characters, more than the 65536 allowed',
    });
  });

  it('refuses NUL and lone surrogates in names and descriptions as TEXT_INVALID, keeps surrogate pairs', () => {
    expect(firstIssue({ name: 'bad\u0000name' })).toMatchObject({
      code: 'TEXT_INVALID',
      path: '$.tools[1].name',
      message: 'holds NUL or a lone surrogate',
    });
    expect(firstIssue({ name: 't', description: 'lone \ud800 surrogate' })).toMatchObject({
      code: 'TEXT_INVALID',
      path: '$.tools[1].description',
    });
    const emoji = readToolsDocument({ tools: [{ name: 'whale', description: 'a \ud83d\udc33 whale' }] });
    expect(emoji.entries[0]?.tool?.description).toBe('a \ud83d\udc33 whale');
  });

  it('refuses a 200,000-deep schema as SCHEMA_TOO_DEEP without exhausting the stack', () => {
    expect(firstIssue({ name: 't', inputSchema: nested(200_000) })).toEqual({
      severity: 'error',
      code: 'SCHEMA_TOO_DEEP',
      path: '$.tools[1].inputSchema',
      message: 'nested more than the 40 levels allowed',
    });
    expect(firstIssue({ name: 't', outputSchema: nested(41) })).toMatchObject({ code: 'SCHEMA_TOO_DEEP' });
    expect(readToolsDocument({ tools: [{ name: 't', inputSchema: nested(40) }] }).entries[0]?.issues).toEqual(
      [],
    );
  });

  it('refuses a schema past the byte limit as SCHEMA_TOO_LARGE', () => {
    const properties = Object.fromEntries(
      Array.from({ length: 5000 }, (_, index) => [
        `p${index}`,
        { type: 'string', description: 'x'.repeat(60) },
      ]),
    );
    const issue = firstIssue({ name: 't', inputSchema: { type: 'object', properties } });
    expect(issue).toMatchObject({ code: 'SCHEMA_TOO_LARGE', path: '$.tools[1].inputSchema' });
    expect(issue?.message).toMatch(/^\d+ bytes, more than the 262144 allowed$/);
  });

  it('refuses 500,000 tools as TOO_MANY_TOOLS without reading one of them, when the caller stores', () => {
    const tools = Array.from({ length: 500_000 }, (_, index) => ({ name: `tool_${index}` }));
    const document = readToolsDocument({ tools }, { maxTools: INPUT_LIMITS.toolCount.max });
    expect(document.entries).toEqual([]);
    expect(document.issues).toEqual([
      {
        severity: 'error',
        code: 'TOO_MANY_TOOLS',
        path: '$.tools',
        message: `500000 tools, more than the ${INPUT_LIMITS.toolCount.max} allowed`,
      },
    ]);
    expect(hasErrors(document)).toBe(true);
  });

  it('refuses a server block with an id, title or description past its limit, or holding NUL', () => {
    const document = readToolsDocument({
      server: { id: 'i'.repeat(201), title: 'T'.repeat(501), description: 'bad\u0000' },
      tools: [{ name: 'ok' }],
    });
    expect(document.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['ID_TOO_LONG', '$.server.id'],
      ['TITLE_TOO_LONG', '$.server.title'],
      ['TEXT_INVALID', '$.server.description'],
    ]);
    expect(hasErrors(document)).toBe(true);
  });

  it('measures depth iteratively: a scalar is 0 levels, each object or array one more', () => {
    expect(isDeeperThan('x', 0)).toBe(false);
    expect(isDeeperThan({}, 0)).toBe(true);
    expect(isDeeperThan([[1]], 2)).toBe(false);
    expect(isDeeperThan([[[1]]], 2)).toBe(true);
  });
});
