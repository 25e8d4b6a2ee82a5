// The plain-language sentence of a tool: built from the verdict and the schema's parameter names, honest when there is no verb, and safe on hostile names.
import { describe, expect, it } from 'vitest';
import { serverContextOf } from '../classify/server-context.js';
import { classifyTool } from '../classify.js';
import type { ToolDefinition } from '../types.js';
import { articleFor, isPluralNoun, listOf, withArticle } from './english.js';
import { describeTool } from './tool-sentence.js';

function sentenceOf(tool: ToolDefinition, siblings: ToolDefinition[] = [tool]): string {
  const context = serverContextOf({ name: 'example' }, siblings);
  return describeTool(tool, classifyTool(tool, context), context).text;
}

describe('describeTool', () => {
  it('says what a destructive file tool lets an agent do from its verb, object, parameter and factor', () => {
    const tool = {
      name: 'delete_file',
      description:
        'Remove the file at the given location from the disk permanently and without any way back.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    };
    expect(sentenceOf(tool)).toBe('Lets an agent delete a file, given the path; it can destroy data.');
  });

  it('joins the verbs the name joins and reads a read-only tool as changing nothing', () => {
    const update = {
      name: 'create_or_update_issue',
      inputSchema: {
        type: 'object',
        properties: { owner: {}, repo: {}, title: {} },
        required: ['owner', 'repo', 'title'],
      },
    };
    expect(sentenceOf(update)).toMatch(
      /^Lets an agent create or update an issue, given the owner, the repository and the title; /,
    );
    const list = { name: 'list_pull_requests', description: 'List pull requests' };
    expect(sentenceOf(list)).toMatch(/^Lets an agent list pull requests; .*it changes nothing\.$/);
  });

  it('says "the signed-in account" for the caller itself, not "a me"', () => {
    expect(sentenceOf({ name: 'get_me' })).toBe(
      'Lets an agent get the signed-in account; it changes nothing.',
    );
  });

  it('degrades honestly when neither the name nor the description gives a verb', () => {
    const tool = {
      name: 'aks',
      description: 'Azure Kubernetes Service tools. Pass an intent.',
      inputSchema: { type: 'object', properties: { intent: { type: 'string' } }, required: ['intent'] },
    };
    const context = serverContextOf({ name: 'azure' }, [tool]);
    const sentence = describeTool(tool, classifyTool(tool, context), context);
    expect(sentence.verbFrom).toBe('none');
    expect(sentence.text).toMatch(
      /^What this tool does could not be read from its definition; it is treated as an? (Low|Medium|High|Critical)-risk (Read|Write|Execute) tool: .+\.$/,
    );
  });

  it('takes the verb alone from the description when the name has none, never its words', () => {
    const tool = {
      name: 'weather_forecast_tool',
      description: 'Returns the seven day forecast for any city.',
    };
    const context = serverContextOf({ name: 'weather' }, [tool]);
    const sentence = describeTool(tool, classifyTool(tool, context), context);
    expect(sentence.verbFrom).toBe('description');
    expect(sentence.text).toBe('Lets an agent return a forecast tool; it changes nothing.');
  });

  it('leaves out parameter names that are not plain identifiers and counts them instead', () => {
    const hostile = '<script>alert(1)</script>';
    const tool = {
      name: 'send_message',
      inputSchema: {
        type: 'object',
        properties: { [hostile]: {}, 'a b': {}, channel: {} },
        required: [hostile, 'a b', 'channel', 'missing', 42],
      },
    };
    const text = sentenceOf(tool);
    expect(text).toContain('given the channel and 2 more arguments');
    expect(text).not.toMatch(/script|missing|a b|undefined|null/);
  });

  it('never throws on odd definitions and still ends in a full stop', () => {
    const odd = [
      { name: '' },
      { name: '___' },
      { name: 'get', inputSchema: 'not a schema' },
      { name: 'x'.repeat(5000), inputSchema: { required: 'path', properties: null } },
      { name: 'get_by_for_to' },
    ] as ToolDefinition[];
    for (const tool of odd) {
      const text = sentenceOf(tool);
      expect(text).toMatch(/\.$/);
      expect(text).not.toMatch(/ {2}| [,;.]|undefined|null/);
      expect(text.length).toBeLessThan(600);
    }
  });
});

describe('english', () => {
  it('chooses the article by sound', () => {
    expect(
      ['issue', 'user', 'hour', 'SQL query', 'URL', 'MCP server', 'one-off', 'API key'].map(articleFor),
    ).toEqual(['an', 'a', 'an', 'an', 'a', 'an', 'a', 'an']);
  });

  it('reads plurals and mass nouns without an article, and lists with "and"', () => {
    expect(isPluralNoun('repositories')).toBe(true);
    expect(isPluralNoun('status')).toBe(false);
    expect(withArticle(['file'])).toBe('a file');
    expect(withArticle(['files'])).toBe('files');
    expect(withArticle(['data'])).toBe('data');
    expect(withArticle(['the web'])).toBe('the web');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
