// The stack page: paste an MCP client configuration (secrets stripped in the browser), get its servers, tools, toxic flows drawn as a graph, and the stack policy.
import { MCP_CLIENTS, POLICY_FORMATS, POLICY_PROFILES } from '@toolrisk/classifier';
import { plural } from '../components/format.js';
import { riskBadge } from '../components/risk-badge.js';
import { stackGraph } from '../components/stack-graph.js';
import {
  stackFlows,
  stackIssues,
  stackServerTable,
  stackToolSections,
} from '../components/stack-sections.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { SiteView, StackCheckView, StackPageData } from '../view-models.js';

const CLIENT_NAMES: Record<(typeof MCP_CLIENTS)[number], string> = {
  'claude-desktop': 'Claude Desktop (claude_desktop_config.json)',
  'claude-code': 'Claude Code (.mcp.json, ~/.claude.json)',
  cursor: 'Cursor (.cursor/mcp.json)',
  vscode: 'VS Code (.vscode/mcp.json)',
  windsurf: 'Windsurf (mcp_config.json)',
  codex: 'Codex (~/.codex/config.toml)',
};

const FORMAT_NAMES: Record<(typeof POLICY_FORMATS)[number], string> = {
  json: 'Gateway policy JSON',
  yaml: 'Intercept-style YAML',
  'claude-code': 'Claude Code settings.json',
  codex: 'Codex config.toml',
  cursor: 'Cursor permissions.json',
  vscode: 'VS Code settings',
  cedar: 'Cedar (ToolHive)',
  agentgateway: 'agentgateway rules',
};

const EXAMPLE = `{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_..." }
    }
  }
}`;

function options(values: readonly string[], selected: string, names: Record<string, string> = {}): SafeHtml {
  return html`${values.map(
    (value) =>
      html`<option value="${value}"${value === selected ? html` selected` : ''}>${names[value] ?? value}</option>`,
  )}`;
}

function stackForm(data: StackPageData | null): SafeHtml {
  return html`<form class="stack-form panel" action="/stacks" method="post" data-stack-form>
<div class="form-row">
<div class="field">
<label for="stack-client">Client</label>
<select id="stack-client" name="client"><option value="">Detect from the file</option>${options(MCP_CLIENTS, data?.client ?? '', CLIENT_NAMES)}</select>
</div>
<div class="field" data-needs-script hidden>
<label for="stack-file">Or open the file</label>
<input id="stack-file" type="file" accept=".json,.toml,application/json" data-stack-file>
</div>
</div>
<div class="field">
<label for="stack-source">Client configuration</label>
<textarea id="stack-source" rows="14" spellcheck="false" autocomplete="off" aria-describedby="stack-privacy stack-stripped" placeholder="${EXAMPLE}" data-stack-source>${data?.config ?? ''}</textarea>
</div>
<p id="stack-privacy" class="privacy-note"><strong>Secrets are stripped in your browser before anything is sent.</strong> Every environment-variable and header value, tokens and keys in arguments and URLs, and everything outside the server tables are replaced or left out by this page's script; the text you paste is never sent itself. Nothing is stored. Names are kept, so the check can say which secrets a file holds.</p>
<p id="stack-stripped" class="stack-stripped" role="status" aria-live="polite" tabindex="-1"></p>
<details class="stack-preview" data-needs-script hidden>
<summary>What will be sent</summary>
<pre id="stack-preview" tabindex="0" aria-label="The text that will be sent"></pre>
</details>
<p class="notice" data-no-script>This page strips secrets with its script, and without it sends nothing. <code>npx toolrisk scan</code> checks the same files offline.</p>
<input type="hidden" name="config" value="">
<input type="hidden" name="file" value="${data?.file ?? ''}">
<div class="form-row">
<div class="field">
<label for="stack-profile">Policy profile</label>
<select id="stack-profile" name="profile">${options(POLICY_PROFILES, data?.profile ?? 'balanced')}</select>
</div>
<div class="field field-button"><button type="submit" class="button button-primary" disabled>Check the stack</button></div>
</div>
</form>`;
}

function rolesByServer(check: StackCheckView): Map<string, string[]> {
  const roles = new Map<string, Set<string>>();
  for (const tool of check.tools) {
    const key = `${tool.stack}\u0000${tool.server}`;
    const set = roles.get(key) ?? new Set<string>();
    for (const role of tool.roles) set.add(role);
    roles.set(key, set);
  }
  const order = ['private_source', 'untrusted_source', 'external_sink', 'effect'];
  return new Map(
    [...roles].map(([key, set]) => [key, order.filter((role) => set.has(role))] as [string, string[]]),
  );
}

function policyDownload(data: StackPageData): SafeHtml {
  return html`<form class="panel stack-policy" action="/stacks/policy" method="post" aria-labelledby="stack-policy-h">
<h2 id="stack-policy-h">Stack policy</h2>
<p>Each server's starter policy (${data.profile}) with the rules that break the flows above, in one file. Rename each server to the name your client or gateway gives it.</p>
<input type="hidden" name="config" value="${data.config}">
<input type="hidden" name="file" value="${data.file}">
<input type="hidden" name="client" value="${data.client}">
<input type="hidden" name="profile" value="${data.profile}">
<div class="form-row">
<div class="field">
<label for="stack-format">Format</label>
<select id="stack-format" name="format">${options(POLICY_FORMATS, 'json', FORMAT_NAMES)}</select>
</div>
<div class="field field-button"><button type="submit" class="button">Download the policy</button></div>
</div>
</form>`;
}

function results(data: StackPageData, check: StackCheckView): SafeHtml {
  const s = check.summary;
  return html`<section id="results" aria-labelledby="results-h">
<h2 id="results-h">${plural(s.servers, 'server')}, ${plural(s.tools, 'tool')}, ${plural(check.flows.length, 'toxic flow')}</h2>
<div class="figures">
<div class="figure"><span class="figure-value">${s.matched}/${s.servers}</span><span class="figure-label">servers found in the catalogue</span></div>
<div class="figure"><span class="figure-value">${s.tools}</span><span class="figure-label">tools classified</span></div>
<div class="figure"><span class="figure-value">${s.openFlows}</span><span class="figure-label">flows open under ${check.profile}</span></div>
<div class="figure"><span class="figure-value">${s.highestSeverity ? riskBadge(s.highestSeverity) : 'none'}</span><span class="figure-label">worst flow</span></div>
</div>
${stackGraph(check.servers, check.flows, { id: 'stack-graph', rolesByServer: rolesByServer(check) })}
<section aria-labelledby="flows-h"><h2 id="flows-h">Toxic flows</h2>${stackFlows(check)}</section>
${stackIssues(check)}
<section aria-labelledby="servers-h"><h2 id="servers-h">Servers</h2>${stackServerTable(check)}</section>
<section aria-labelledby="tools-h"><h2 id="tools-h">Tools</h2>${stackToolSections(check)}</section>
${check.servers.some((server) => server.toolCount > 0) ? policyDownload(data) : ''}
</section>`;
}

/** Renders the stack page: the form, and the check of what was sent when there is one. */
export function renderStackPage(site: SiteView, data: StackPageData | null): SafeHtml {
  return layout(
    site,
    {
      title: 'Check an MCP stack',
      description:
        'Paste an MCP client configuration (secrets stripped in your browser): every server, its tools, and the toxic flows between them, with the rules that break them.',
      path: '/stacks',
      isNoIndex: data !== null,
      scripts: ['stack.js'],
    },
    html`<h1>Check an MCP stack</h1>
<p class="lead">Paste the MCP configuration of Claude Desktop, Claude Code, Cursor, VS Code, Windsurf or Codex. Each server is looked up in the catalogue and the toxic flows between its tools are found: private data, a stranger's content and a way out within one agent's reach.</p>
${data?.notice ? html`<p class="notice" role="alert">${data.notice}</p>` : ''}
${stackForm(data)}
${data?.check ? results(data, data.check) : ''}`,
  );
}
