// Guarantees of the stack page renderer: hostile server and tool names, reasons, quotes and messages are escaped in
// the form, the graph and every section; the graph has one node per server and one edge per flow leg.
import {
  checkStack,
  presentStackCheck,
  type ResolvedServer,
  readClientConfig,
  resolveListedTools,
  serverKey,
} from '@toolrisk/classifier';
import { describe, expect, it } from 'vitest';
import type { SiteView, StackPageData } from '../view-models.js';
import { renderStackPage } from './stack.js';

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
const site: SiteView = { publicUrl: 'https://toolrisk.example', assetVersion: 'abc' };

function hostileData(): StackPageData {
  const config = JSON.stringify({
    mcpServers: {
      [`mail${HOSTILE}`]: { command: 'npx', args: ['-y', `mail-server${HOSTILE}`] },
      web: { command: 'npx', args: ['-y', 'web-fetch'] },
    },
  });
  const reading = readClientConfig(config, '.mcp.json');
  const tools: Record<string, unknown[]> = {
    [`mail${HOSTILE}`]: [
      {
        name: `query${HOSTILE}`,
        description: `Run a read-only SQL query against the database. ${HOSTILE}`,
        inputSchema: { type: 'object', properties: { sql: { type: 'string' } } },
      },
      {
        name: 'send_email',
        description: 'Send an email to any recipient address.',
        inputSchema: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } } },
      },
    ],
    web: [
      {
        name: 'fetch_url',
        description: 'Fetch any web page by URL and return its content.',
        inputSchema: { type: 'object', properties: { url: { type: 'string' } } },
      },
    ],
  };
  const resolved = new Map<string, ResolvedServer>(
    reading.servers.map((server) => [
      serverKey(server),
      {
        status: 'catalogue',
        serverId: `id${HOSTILE}`,
        tools: resolveListedTools(tools[server.name], server.name),
      },
    ]),
  );
  const check = presentStackCheck(checkStack([reading], resolved, { profile: 'permissive' }));
  return { config, file: '.mcp.json', client: '', profile: 'permissive', check, notice: HOSTILE };
}

describe('renderStackPage', () => {
  it('escapes hostile names, reasons, quotes and the pasted text everywhere; runs only its own scripts', () => {
    const data = hostileData();
    expect(data.check?.flows.length).toBeGreaterThan(0);
    const page = renderStackPage(site, data).value;
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page.match(/<script/g)).toEqual(['<script', '<script']);
    expect(page).toContain('<script src="/assets/stack.js?v=abc" defer></script>');
    expect(page).toContain('mail&lt;/script&gt;&lt;script&gt;alert(1)');
  });

  it('draws one node per server and one edge per leg of each flow, and offers the policy download', () => {
    const data = hostileData();
    const page = renderStackPage(site, data).value;
    const check = data.check;
    if (!check) throw new Error('no check');
    expect(page.match(/<g class="stack-node /g)).toHaveLength(check.servers.length);
    const legs = new Set(
      check.flows.flatMap((flow) => [
        `${flow.carrier.server}>${flow.sink.server}>steer`,
        ...(flow.source ? [`${flow.source.server}>${flow.sink.server}>data`] : []),
      ]),
    );
    expect(page.match(/<g class="flow-edge /g)).toHaveLength(legs.size);
    expect(page).toContain('action="/stacks/policy"');
    expect(page).toContain('<option value="cedar">Cedar (ToolHive)</option>');
  });

  it('the empty form sends nothing without its script: the pasted text has no name and the button starts disabled', () => {
    const page = renderStackPage(site, null).value;
    expect(page).toMatch(/<textarea id="stack-source"(?![^>]*\sname=)[^>]*>/);
    expect(page).toContain('<button type="submit" class="button button-primary" disabled>');
    expect(page).toContain('Secrets are stripped in your browser before anything is sent.');
    expect(page).not.toContain('id="results"');
  });
});
