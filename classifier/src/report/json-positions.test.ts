// The regions SARIF results point at: each tool entry's span in the text as written, whatever its layout.
import { describe, expect, it } from 'vitest';
import { locateJsonValues } from './json-positions.js';

describe('locateJsonValues', () => {
  it('finds each tool entry of a pretty-printed document by line and column, end column exclusive', () => {
    const text = JSON.stringify(
      { tools: [{ name: 'a' }, { name: 'b', inputSchema: { type: 'object' } }] },
      null,
      2,
    );
    const regions = locateJsonValues(text, ['$.tools[0]', '$.tools[1]']);
    expect(regions.get('$.tools[0]')).toEqual({
      startLine: 3,
      startColumn: 5,
      endLine: 5,
      endColumn: 6,
      charOffset: text.indexOf('{\n      "name": "a"'),
      charLength: '{\n      "name": "a"\n    }'.length,
    });
    expect(regions.get('$.tools[1]')).toMatchObject({
      startLine: 6,
      startColumn: 5,
      endLine: 11,
      endColumn: 6,
    });
  });

  it('reads a bare array, a JSON-RPC response and a server block beside the tools', () => {
    expect(locateJsonValues('[{"name":"a"}, {"name":"b"}]', ['$[1]']).get('$[1]')).toMatchObject({
      startLine: 1,
      startColumn: 16,
      endColumn: 28,
    });
    const rpc = '{"jsonrpc":"2.0","id":1,\r\n"result":{"tools":[\r\n  {"name":"x"}]}}';
    expect(locateJsonValues(rpc, ['$.result.tools[0]']).get('$.result.tools[0]')).toMatchObject({
      startLine: 3,
      startColumn: 3,
      endLine: 3,
      endColumn: 15,
    });
    const withServer = '{"server":{"name":"s","tools":[1]},\n"tools":[{"name":"t"}]}';
    expect(locateJsonValues(withServer, ['$.tools[0]']).get('$.tools[0]')).toMatchObject({
      startLine: 2,
      startColumn: 10,
    });
  });

  it('takes the last of repeated keys, as JSON.parse does', () => {
    const text = '{"tools":[{"name":"old"},{"name":"gone"}],\n"tools":[{"name":"new"}]}';
    const regions = locateJsonValues(text, ['$.tools[0]', '$.tools[1]']);
    expect(regions.get('$.tools[0]')).toMatchObject({ startLine: 2, startColumn: 10 });
    expect(regions.has('$.tools[1]')).toBe(false);
  });

  it('skips strings holding brackets, quotes and escapes, and a 20,000-deep schema, without losing its place', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const text = `{"tools":[{"name":"q","description":"a \\"}] [{ \\\\","inputSchema":${deep}},\n {"name":"r"}]}`;
    expect(locateJsonValues(text, ['$.tools[1]']).get('$.tools[1]')).toMatchObject({
      startLine: 2,
      startColumn: 2,
      endColumn: 14,
    });
  });

  it('answers nothing for a path the text does not hold, and for text that is not JSON', () => {
    expect(locateJsonValues('{"tools":[]}', ['$.tools[0]']).size).toBe(0);
    expect(locateJsonValues('not json', ['$.tools[0]']).size).toBe(0);
  });
});
