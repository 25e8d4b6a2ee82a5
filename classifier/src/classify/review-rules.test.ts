// Rules added after reviewing real servers against the taxonomy: each test names the principle, not a server.
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../classify.js';
import type { ServerContext, ToolDefinition } from '../types.js';

function classify(tool: ToolDefinition, context?: ServerContext) {
  return classifyTool(tool, context);
}

const payments: ServerContext = { name: 'Payments MCP', description: 'Stripe billing and payments' };

describe('verbs', () => {
  it('reads "manage" as a Write (a tool that manages something changes it)', () => {
    expect(classify({ name: 'manage_settings' }).category).toBe('Write');
  });

  it('reads a plural after a name verb as its object, not a second verb (list_deploys lists)', () => {
    const result = classify({ name: 'list_deploys', description: 'List deployments' });
    expect(result.category).toBe('Read');
  });

  it('takes the stronger of verbs the description joins to the name verb ("Download and import")', () => {
    const result = classify({ name: 'download_model', description: 'Download and import a model' });
    expect(result.category).toBe('Write');
    expect(classify({ name: 'list_releases', description: 'List releases' }).category).toBe('Read');
  });

  it('calls a call/run tool Execute when its description opens with "Execute" or names what it runs', () => {
    expect(
      classify({ name: 'call_cloud', description: 'Execute authenticated cloud API calls' }).category,
    ).toBe('Execute');
    expect(classify({ name: 'run', description: 'Run a binary directly' }).category).toBe('Execute');
  });

  it('calls an execute_query tool Read when the description says the queries are read-only', () => {
    const result = classify({ name: 'execute_query', description: 'Execute a read-only SQL query.' });
    expect(result.category).toBe('Read');
  });
});

describe('schema', () => {
  it('reads a `command` parameter limited to an enum as a choice of operations, not a shell command', () => {
    const result = classify({
      name: 'text_editor',
      inputSchema: {
        type: 'object',
        properties: {
          command: { type: 'string', enum: ['view', 'create', 'str_replace'] },
          path: { type: 'string' },
        },
      },
    });
    expect(result.category).toBe('Write');
    expect(result.factors).not.toContain('code_execution');
  });
});

describe('money', () => {
  it('sees a financial word that follows another name verb (create_refund moves money)', () => {
    const result = classify({ name: 'create_refund', description: 'Create refund' });
    expect(result.factors).toContain('financial');
    expect(result.risk).toBe('Critical');
  });

  it('treats subscriptions as billing on a payments server only', () => {
    expect(classify({ name: 'cancel_subscription' }, payments).factors).toContain('financial');
    expect(classify({ name: 'manage_notification_subscription' }).factors).not.toContain('financial');
  });

  it('calls reading billing records (invoices, charges) a Medium sensitive read', () => {
    const result = classify({ name: 'list_invoices', description: 'List invoices' }, payments);
    expect(result).toMatchObject({ category: 'Read', risk: 'Medium' });
    expect(result.factors).toContain('sensitive_read');
  });
});

describe('secrets', () => {
  it('reads a crypto token beside a ledger word (balance, symbol, supply) as value, not a secret', () => {
    expect(classify({ name: 'get_token_balance' }).factors).not.toContain('credentials');
    expect(classify({ name: 'get_access_token' }).factors).toContain('credentials');
  });
});

describe('scale', () => {
  it('calls delete_many a bulk delete (Critical)', () => {
    const result = classify({
      name: 'delete_many',
      description: 'Removes all documents that match the filter',
    });
    expect(result.risk).toBe('Critical');
    expect(result.factors).toEqual(expect.arrayContaining(['destructive', 'bulk']));
  });

  it('calls clearing all data destructive, clearing a cache not', () => {
    expect(classify({ name: 'clear_graph', description: 'Clear all data for a group' }).factors).toContain(
      'destructive',
    );
    expect(classify({ name: 'clear_cache', description: 'Clear all cached entries' }).factors).not.toContain(
      'destructive',
    );
  });
});

describe('a bare `code` parameter', () => {
  const withCode = (name: string, codeDescription: string, description = ''): ToolDefinition => ({
    name,
    description,
    inputSchema: { type: 'object', properties: { code: { type: 'string', description: codeDescription } } },
  });

  it('is an identifier when its description says so (airport, country, promo codes)', () => {
    for (const tool of [
      withCode('get_airport', 'IATA airport code, e.g. SFO'),
      withCode('get_country', 'ISO country code'),
    ]) {
      const result = classify(tool);
      expect(result.category).toBe('Read');
      expect(result.factors).not.toContain('code_execution');
    }
  });

  it('is data handed over, not code run, when nothing says it runs (refactor, document, analyse)', () => {
    const result = classify(withCode('refactor_code', 'The code to refactor', 'Suggest a cleaner version'));
    expect(result.factors).not.toContain('code_execution');
    expect(result.category).not.toBe('Execute');
  });

  it('is code to run when the tool runs, executes or evaluates', () => {
    for (const tool of [
      withCode('run_snippet', ''),
      withCode('sandbox_tool', '', 'Executes the given program in a sandbox'),
      withCode('notebook_cell', 'Python code to execute'),
    ]) {
      const result = classify(tool);
      expect(result.category).toBe('Execute');
      expect(result.factors).toContain('code_execution');
    }
  });
});
