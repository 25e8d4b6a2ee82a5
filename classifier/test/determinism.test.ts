// Classification is a pure function: the same definition and server give the same JSON, whatever came before.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../src/classify.js';
import { readToolsDocument } from '../src/document.js';
import type { ToolDefinition } from '../src/types.js';

const CATALOGUE = fileURLToPath(new URL('../../crawler/seed/catalogue/', import.meta.url));

describe('determinism', () => {
  it('classifies every seed tool to the same JSON twice, in forward and reverse order (no state leaks)', () => {
    const servers = readdirSync(CATALOGUE)
      .filter((file) => file.endsWith('.json'))
      .map((file) => {
        const document = readToolsDocument(JSON.parse(readFileSync(`${CATALOGUE}${file}`, 'utf8')));
        const tools = document.entries
          .map((entry) => entry.tool)
          .filter((tool): tool is ToolDefinition => tool !== null);
        return { tools, context: { ...document.server, siblings: tools } };
      });
    const pairs = servers.flatMap((server) =>
      server.tools.map((tool) => ({ tool, context: server.context })),
    );
    expect(pairs.length).toBeGreaterThan(600);
    const first = pairs.map(({ tool, context }) => JSON.stringify(classifyTool(tool, context)));
    const reversed = [...pairs]
      .reverse()
      .map(({ tool, context }) => JSON.stringify(classifyTool(structuredClone(tool), context)))
      .reverse();
    expect(reversed).toEqual(first);
  });
});
