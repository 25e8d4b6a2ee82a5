// Hostile and malformed definitions: each has a stated outcome — classified with low confidence or a per-tool error.
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../src/classify.js';
import { readToolsDocument } from '../src/document.js';
import { toJsonReport } from '../src/report/classification-json.js';
import { classifyDocument } from '../src/report/classify-document.js';
import { toSarif } from '../src/report/sarif.js';
import type { ToolDefinition } from '../src/types.js';

describe('a document with unusable tools', () => {
  it('reports a tool without a name as a per-tool error and classifies the rest in input order', () => {
    const document = readToolsDocument({
      tools: [{ name: 'list_files' }, { description: 'no name' }, { name: 'delete_file' }],
    });
    const classified = classifyDocument(document);
    expect(classified.tools.map((tool) => tool.name)).toEqual(['list_files', 'delete_file']);
    expect(classified.errors).toEqual([
      expect.objectContaining({ index: 1, code: 'TOOL_NAME_MISSING', path: '$.tools[1].name' }),
    ]);
    expect(classified.tools.length + classified.errors.length).toBe(3);
  });

  it('reports a 5 MB description as DESCRIPTION_TOO_LONG, not a crash', () => {
    const document = readToolsDocument({
      tools: [{ name: 'huge', description: 'a'.repeat(5 * 1024 * 1024) }],
    });
    const classified = classifyDocument(document);
    expect(classified.tools).toEqual([]);
    expect(classified.errors[0]?.code).toBe('DESCRIPTION_TOO_LONG');
  });

  it('classifies a 5 MB description handed straight to classifyTool with lowered confidence', () => {
    const result = classifyTool({
      name: 'get_weather',
      description: `Get the weather. ${'x '.repeat(2_500_000)}`,
    });
    expect(result.category).toBe('Read');
    expect(result.rationale).toContain('too long');
    expect(result.confidence).toBeLessThan(0.8);
  });

  it('ignores a non-string description with a warning and still classifies the tool', () => {
    const classified = classifyDocument(
      readToolsDocument({ tools: [{ name: 'delete_task', description: { text: 'x' } }] }),
    );
    expect(classified.tools[0]?.classification.category).toBe('Write');
    expect(classified.tools[0]?.warnings[0]).toContain('$.tools[0].description: expected a string');
    expect(toJsonReport(classified).errors).toEqual([]);
  });

  it('keeps going when every entry is garbage', () => {
    const classified = classifyDocument(readToolsDocument({ tools: [null, 42, 'x', [], { name: '' }] }));
    expect(classified.tools).toEqual([]);
    expect(classified.errors.map((error) => error.index)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('classifyTool called directly with wrong types', () => {
  it('treats non-string fields as absent and classifies with low confidence', () => {
    const tool = {
      name: 7,
      description: ['x'],
      title: {},
      annotations: 'yes',
      inputSchema: 'not a schema',
    } as unknown as ToolDefinition;
    const result = classifyTool(tool);
    expect(result.category).toBe('Read');
    expect(result.confidence).toBeLessThan(0.5);
  });

  it('lowers confidence for a schema that is not an object', () => {
    const result = classifyTool({ name: 'get_user', description: 'Get a user', inputSchema: [1, 2, 3] });
    expect(result.rationale).toContain('inputSchema is not an object');
  });
});

describe('self-referencing and huge schemas', () => {
  it('walks a JS object cycle without looping', () => {
    const schema: Record<string, unknown> = { type: 'object', properties: {} };
    (schema.properties as Record<string, unknown>).self = schema;
    (schema.properties as Record<string, unknown>).command = { type: 'string' };
    const result = classifyTool({ name: 'run', description: 'Run a command', inputSchema: schema });
    expect(result.category).toBe('Execute');
  });

  it('walks a $ref cycle without looping', () => {
    const schema = {
      type: 'object',
      properties: { node: { $ref: '#/$defs/node' } },
      $defs: {
        node: { type: 'object', properties: { child: { $ref: '#/$defs/node' }, script: { type: 'string' } } },
      },
    };
    const result = classifyTool({ name: 'scrape_page', description: 'Scrape a page', inputSchema: schema });
    expect(result.category).toBe('Execute');
  });

  it('stops at the depth and node limits of a very deep schema and says so', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 5000; depth++)
      schema = { type: 'object', properties: { [`p${depth}`]: schema } };
    const result = classifyTool({ name: 'get_item', description: 'Get an item', inputSchema: schema });
    expect(result.category).toBe('Read');
    expect(result.rationale).toContain('too large or self-referencing');
  });
});

describe('a 10,000-tool server', () => {
  it('classifies every tool once, in order, with siblings as context', () => {
    const tools = Array.from({ length: 10_000 }, (_, index) => ({
      name: `svc_delete_item_${index}`,
      description: 'Delete an item',
    }));
    const classified = classifyDocument(readToolsDocument({ server: { name: 'svc' }, tools }));
    expect(classified.tools).toHaveLength(10_000);
    expect(classified.tools[9_999]?.name).toBe('svc_delete_item_9999');
    expect(classified.summary.byRisk.High).toBe(10_000);
    expect(classified.errors).toEqual([]);
  });
});

describe('SARIF output', () => {
  it('emits one result per tool at or above Medium with a factor or category rule id', () => {
    const text = JSON.stringify({
      tools: [{ name: 'get_weather' }, { name: 'delete_file' }, { name: 'create_issue' }],
    });
    const classified = classifyDocument(readToolsDocument(JSON.parse(text)));
    const sarif = toSarif(classified, { uri: 'tools.json', text }) as {
      version: string;
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.map((result) => [result.ruleId, result.level])).toEqual([
      ['destructive', 'warning'],
      ['write', 'note'],
    ]);
  });
});
