// One server context for every path: the same definitions in get the same verdicts out, whoever builds the context.
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../classify.js';
import { readToolsDocument } from '../document.js';
import { classifyDocument } from '../report/classify-document.js';
import { serverContextOf } from './server-context.js';

describe('serverContextOf', () => {
  it('keeps the server name, title and description that are strings, and the tools as siblings', () => {
    const tools = [{ name: 'run_sql' }];
    expect(serverContextOf({ name: 'db', title: 7, description: 'Read-only access' }, tools)).toEqual({
      name: 'db',
      description: 'Read-only access',
      siblings: tools,
    });
    expect(serverContextOf(null, [])).toEqual({ siblings: [] });
  });

  it('gives classifyDocument (CLI, API, eval) and a direct classifyTool with it the same verdict', () => {
    const raw = {
      server: { name: 'warehouse', description: 'Gives the agent read-only access to the database' },
      tools: [
        {
          name: 'run_sql',
          description: 'Execute an SQL query',
          inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
        },
      ],
    };
    const document = readToolsDocument(raw);
    const [viaDocument] = classifyDocument(document).tools;
    const tool = document.entries[0]?.tool;
    if (tool === undefined || tool === null) throw new Error('the document has its tool');
    const direct = classifyTool(tool, serverContextOf(document.server, [tool]));
    expect(viaDocument?.classification).toEqual(direct);
    expect(direct.category).toBe('Read');
  });
});
