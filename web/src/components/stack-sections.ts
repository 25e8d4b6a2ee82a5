// The sections of a checked stack: its flows with their chains and breaking rules, its servers, their tools, its problems.
import type { RiskLevel } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { StackCheckView, StackFlowView, StackServerView } from '../view-models.js';
import { formatPercent, plural } from './format.js';
import { owaspIdLine, owaspIdLink } from './owasp.js';
import { categoryBadge, riskBadge, riskClass, riskRank } from './risk-badge.js';

const enc = encodeURIComponent;

const KIND_TITLES: Record<StackFlowView['kind'], string> = {
  exfiltration: 'Private data can be sent out',
  injected_execution: 'A stranger can have code run',
  injected_destruction: 'A stranger can have data destroyed',
};

const RULE_WORDS: Record<string, string> = {
  require_approval: 'require approval',
  deny: 'deny',
  url_allow_list: 'allow-list the URL',
  recipient_allow_list: 'allow-list the recipient',
};

const ROLE_PARTS: Record<string, string> = {
  source: 'Private data from',
  carrier: 'Untrusted content from',
  sink: 'Sent out or acted on by',
};

type Link = NonNullable<StackFlowView['source']>;

/** The page of a tool in the catalogue, when its server was matched there. */
function toolHref(servers: readonly StackServerView[], stack: string, link: Link): string | null {
  const server = servers.find((item) => item.stack === stack && item.name === link.server);
  const id = server?.match.serverId;
  return id === undefined ? null : `/servers/${enc(id)}/tools/${enc(link.tool)}`;
}

function chainLink(part: 'source' | 'carrier' | 'sink', link: Link, href: string | null): SafeHtml {
  const name = html`<code>${link.server}/${link.tool}</code>`;
  const quote = link.evidence.find((item) => typeof item.quote === 'string' && item.quote !== '')?.quote;
  return html`<li class="chain-link chain-${part}">
<span class="chain-part">${ROLE_PARTS[part]}</span> ${href ? html`<a href="${href}">${name}</a>` : name}
<p class="chain-reason">${link.reason}</p>
${quote ? html`<blockquote class="quoted small"><p>${quote}</p></blockquote>` : ''}
</li>`;
}

function flowItem(check: StackCheckView, flow: StackFlowView): SafeHtml {
  const alternatives = flow.alternatives;
  const others = [
    alternatives.sources.length > 1 ? plural(alternatives.sources.length, 'private-data source') : '',
    alternatives.carriers.length > 1 ? plural(alternatives.carriers.length, 'untrusted-content source') : '',
    alternatives.sinks.length > 1 ? plural(alternatives.sinks.length, 'sink') : '',
  ].filter((text) => text !== '');
  return html`<li class="flow-card flow-${riskClass(flow.severity)}" id="flow-${flow.id}">
<h3>${riskBadge(flow.severity)} ${KIND_TITLES[flow.kind]}${flow.crossesServers ? html` <span class="chip">across servers</span>` : ''}</h3>
<p>${flow.summary}</p>
${owaspIdLine(flow.owasp)}
<ol class="chain">
${flow.source ? chainLink('source', flow.source, toolHref(check.servers, flow.stack, flow.source)) : ''}
${chainLink('carrier', flow.carrier, toolHref(check.servers, flow.stack, flow.carrier))}
${chainLink('sink', flow.sink, toolHref(check.servers, flow.stack, flow.sink))}
</ol>
${others.length > 0 ? html`<p class="muted small">The same flow also runs through ${others.join(', ')}: ${[...alternatives.sources, ...alternatives.carriers, ...alternatives.sinks].slice(0, 12).join(', ')}.</p>` : ''}
${
  flow.isBrokenByPolicy
    ? html`<p class="flow-broken">Already broken by the ${check.profile} starter policy: one whole leg needs approval or is refused.</p>`
    : html`<p class="flow-rules-h"><strong>Breaks it:</strong></p><ul class="flow-rules">${flow.breakingRules.map(
        (rule) =>
          html`<li><strong>${RULE_WORDS[rule.rule] ?? rule.rule}</strong> on <code>${rule.server}/${rule.tool}</code>${rule.parameter ? html` (argument <code>${rule.parameter}</code>)` : ''}: ${rule.reason}</li>`,
      )}</ul>`
}
</li>`;
}

/** Every flow, most severe first, with its chain (source, carrier, sink), quoted evidence and breaking rules. */
export function stackFlows(check: StackCheckView): SafeHtml {
  if (check.flows.length === 0)
    return html`<p>No toxic flows: no tool bringing in a stranger's content can reach a tool that sends data out or acts, together with private data.</p>`;
  return html`<ol class="flow-list">${check.flows.map((flow) => flowItem(check, flow))}</ol>`;
}

function matchCell(server: StackServerView): SafeHtml {
  const match = server.match;
  if (match.status === 'catalogue' && match.serverId !== undefined)
    return html`<a href="/servers/${enc(match.serverId)}">${match.serverId}</a>${match.matchedBy ? html` <span class="muted small">by ${match.matchedBy}</span>` : ''}`;
  if (match.status === 'disabled') return html`<span class="muted">disabled</span>`;
  return html`<span class="muted">${match.status}${match.note ? `: ${match.note}` : ''}</span>`;
}

/** The servers as configured: client, match in the catalogue, tool count, riskiest tool, secrets found (names only). */
export function stackServerTable(check: StackCheckView): SafeHtml {
  return html`<div class="table-wrap"><table class="card-table stack-servers">
<caption class="visually-hidden">Configured servers</caption>
<thead><tr><th scope="col">Server</th><th scope="col">Client</th><th scope="col">In the catalogue</th><th scope="col">Tools</th><th scope="col">Riskiest</th><th scope="col">Secrets</th></tr></thead>
<tbody>${check.servers.map(
    (server) => html`<tr>
<th scope="row" data-label="Server"><code>${server.name}</code><br><span class="muted small">${server.transport}</span></th>
<td data-label="Client">${server.client}</td>
<td data-label="In the catalogue">${matchCell(server)}</td>
<td data-label="Tools">${server.toolCount}</td>
<td data-label="Riskiest">${server.highestRisk ? riskBadge(server.highestRisk) : html`<span class="muted">-</span>`}</td>
<td data-label="Secrets">${
      server.secrets.length === 0
        ? html`<span class="muted">none</span>`
        : html`${server.secrets.map((secret, index) => html`${index > 0 ? ', ' : ''}${secret.where} <code>${secret.key}</code>${secret.isPlainText ? ' (written out)' : ''}`)}`
    }</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

const ROLE_NAMES: Record<string, string> = {
  private_source: 'private data',
  untrusted_source: 'untrusted content',
  external_sink: 'sends out',
  effect: 'destructive or runs code',
};

const ACTION_WORDS: Record<string, string> = {
  allow: 'allow',
  require_approval: 'ask',
  deny: 'deny',
  hide: 'hide',
};

/** Each server's tools, riskiest first: level, category, flow roles, and the starter policy's action before and after the stack's rules. */
export function stackToolSections(check: StackCheckView): SafeHtml {
  const withTools = check.servers.filter((server) => server.toolCount > 0);
  if (withTools.length === 0)
    return html`<p class="muted">No server's tools are known: none was matched in the catalogue.</p>`;
  return html`${withTools.map((server) => {
    const tools = check.tools
      .filter((tool) => tool.stack === server.stack && tool.server === server.name)
      .sort((a, b) => riskRank(b.risk) - riskRank(a.risk) || a.name.localeCompare(b.name));
    const counts = new Map<RiskLevel, number>();
    for (const tool of tools) counts.set(tool.risk, (counts.get(tool.risk) ?? 0) + 1);
    const summary = (['Critical', 'High', 'Medium', 'Low'] as const)
      .filter((level) => (counts.get(level) ?? 0) > 0)
      .map((level) => `${counts.get(level)} ${level}`)
      .join(', ');
    return html`<details class="stack-tools">
<summary><code>${server.name}</code>: ${plural(tools.length, 'tool')} (${summary})</summary>
<ul class="tool-list">${tools.map(
      (tool) => html`<li class="tool-row">
<div class="tool-main"><span class="tool-name">${tool.name}</span>
<p class="tool-desc small">${tool.roles.length > 0 ? `Flow roles: ${tool.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}. ` : ''}Policy: ${ACTION_WORDS[tool.action] ?? tool.action}${tool.stackAction !== tool.action ? `, in this stack ${ACTION_WORDS[tool.stackAction] ?? tool.stackAction}` : ''}.</p></div>
<div class="tool-meta">${riskBadge(tool.risk)} ${categoryBadge(tool.category)} <span class="muted small">confidence ${formatPercent(tool.confidence)}</span></div>
</li>`,
    )}</ul>
</details>`;
  })}`;
}

/** The configuration's problems, each naming its file and path. */
export function stackIssues(check: StackCheckView): SafeHtml {
  if (check.issues.length === 0) return html``;
  return html`<section class="panel" aria-labelledby="stack-issues-h"><h2 id="stack-issues-h">Problems in the configuration</h2>
<ul class="stack-issues">${check.issues.map(
    (issue) =>
      html`<li><strong>${issue.severity}</strong> <code>${issue.code}</code>: ${issue.message}${issue.owasp.length > 0 ? html` <span class="owasp-ids small">${issue.owasp.map((risk, index) => html`${index > 0 ? ' ' : ''}${owaspIdLink(risk)}`)}</span>` : ''}</li>`,
  )}</ul></section>`;
}
