// Evidence a reviewer can check: on every labelled tool and on generated ones, each quote is whole words from the
// part of the definition it names, never empty, and every factor carries one, with the id of the rule that added it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/prng.js';
import { classifyTool } from '../classify.js';
import type { Classification, ServerContext, ToolDefinition } from '../types.js';
import { checkEvidence } from './evidence-check.js';
import { EVAL_ROOT } from './load.js';

function labelledTools(set: string): { tool: ToolDefinition; context: ServerContext }[] {
  const dir = join(EVAL_ROOT, set);
  const out: { tool: ToolDefinition; context: ServerContext }[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      server: ServerContext;
      tools: ToolDefinition[];
    };
    const context: ServerContext = { ...document.server, siblings: document.tools };
    for (const tool of document.tools) out.push({ tool, context });
  }
  return out;
}

describe('checkEvidence (the checker itself)', () => {
  const tool: ToolDefinition = { name: 'delete_file', description: 'Deletes a file from disk.' };
  const base: Classification = { ...classifyTool(tool), evidence: [] };

  it('flags a name quote that is not in the name, a cut word, an empty quote and a factor without a quote', () => {
    const problems = checkEvidence(tool, {
      ...base,
      factors: ['destructive'],
      evidence: [
        { source: 'name', quote: 'remove', effect: 'Write' },
        { source: 'description', quote: 'letes a fi', effect: 'Write' },
        { source: 'description', quote: ' ', effect: 'Write' },
      ],
    });
    expect(problems.map((problem) => problem.kind)).toEqual([
      'not-in-source',
      'cut-word',
      'empty-quote',
      'factor-without-evidence',
    ]);
  });

  it('accepts whole words from the source they claim', () => {
    const problems = checkEvidence(tool, {
      ...base,
      factors: ['destructive'],
      evidence: [
        { source: 'name', quote: 'delete', effect: 'destructive (High): removes data' },
        { source: 'description', quote: 'a file from disk', effect: 'Write' },
      ],
    });
    expect(problems).toEqual([]);
  });
});

describe.each(['dev', 'dev2'])('evidence of every tool in the %s set', (set) => {
  const tools = labelledTools(set);

  it('can be checked against the definition: no empty, misplaced or cut quote, no factor without one', () => {
    const problems = tools.flatMap(({ tool, context }) =>
      checkEvidence(tool, classifyTool(tool, context), context).map(
        (problem) => `${tool.name}: ${problem.kind} ${problem.detail}`,
      ),
    );
    expect(tools.length).toBeGreaterThan(400);
    expect(problems).toEqual([]);
  });

  it('says in the rationale what evidence was missing whenever confidence is below 0.6', () => {
    const unexplained = tools.flatMap(({ tool, context }) => {
      const result = classifyTool(tool, context);
      return result.confidence < 0.6 && !/lowered because .+/.test(result.rationale) ? [tool.name] : [];
    });
    expect(unexplained).toEqual([]);
  });

  it('names the rule behind every factor quote', () => {
    const unnamed = tools.flatMap(({ tool, context }) =>
      classifyTool(tool, context)
        .evidence.filter(
          (item) => item.rule === undefined && /^[a-z_]+ \((Low|Medium|High|Critical)\)/.test(item.effect),
        )
        .map((item) => `${tool.name}: ${item.effect}`),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('evidence of generated definitions (seeded)', () => {
  const WORDS = [
    'delete',
    'all',
    'files',
    'send',
    'email',
    'run',
    'python',
    'code',
    'pull',
    'request',
    'get',
    'secret',
  ];
  const PROSE = [
    'Deletes all records permanently.',
    'Runs the given Python code in a sandbox.',
    'Send an email to the recipient.',
    'Fetches a web page and returns its HTML.',
    'Overwrites the whole file with new content.',
    'Grant admin access to the organization.',
    'Executes   arbitrary\n shell commands on the host machine without asking',
  ];
  const PARAMS = [
    'code',
    'command',
    'url',
    'to',
    'query',
    'content',
    'branch',
    'amount',
    'overwrite',
    'path',
  ];

  it('keeps every quote checkable on 2,000 random tools', () => {
    const random = seededRandom(1201);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const problems: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS)).join('_');
      const properties: Record<string, unknown> = {};
      for (let p = 0; p < Math.floor(random() * 3); p++) properties[pick(PARAMS)] = { type: 'string' };
      const tool: ToolDefinition = {
        name,
        description: pick(PROSE),
        inputSchema: { type: 'object', properties },
      };
      for (const problem of checkEvidence(tool, classifyTool(tool)))
        problems.push(`${name}: ${problem.kind} ${problem.detail}`);
    }
    expect(problems).toEqual([]);
  });
});
