// The policy panel: profile and format switches as plain links, the policy text, copy and download, curl, and a download of every format and profile.
import type { PolicyFormat } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { PolicyView } from '../view-models.js';

const PROFILES = [
  { id: 'strict', label: 'Strict', hint: 'one level stricter' },
  { id: 'balanced', label: 'Balanced', hint: 'the taxonomy default' },
  { id: 'permissive', label: 'Permissive', hint: 'one level looser' },
] as const;
/** Every policy format the API serves, with what reads it; a Record, so a new format cannot be left off the pages. */
const FORMAT_INFO: Record<PolicyFormat, { label: string; what: string }> = {
  json: { label: 'Gateway JSON', what: 'hosted gateway JSON' },
  yaml: { label: 'Intercept YAML', what: 'Intercept-style YAML' },
  'claude-code': { label: 'Claude Code', what: 'the permissions of a Claude Code settings.json' },
  codex: { label: 'Codex', what: 'a Codex config.toml [mcp_servers] table' },
  cursor: {
    label: 'Cursor',
    what: 'a Cursor permissions.json allow-list (it cannot deny: refused tools ask)',
  },
  vscode: {
    label: 'VS Code',
    what: "VS Code's chat.tools.eligibleForAutoApproval setting (it cannot deny: refused tools ask)",
  },
  cedar: { label: 'ToolHive Cedar', what: 'ToolHive Cedar policies' },
  agentgateway: { label: 'agentgateway', what: 'agentgateway mcpAuthorization CEL rules' },
};
const FORMATS = (Object.keys(FORMAT_INFO) as PolicyFormat[]).map((id) => ({ id, ...FORMAT_INFO[id] }));

/** The name a page gives a policy format (`Claude Code`, `ToolHive Cedar`). */
export function formatLabel(format: PolicyFormat): string {
  return FORMAT_INFO[format].label;
}

function switchLink(policy: PolicyView, profile: string, format: string, label: string, current: boolean) {
  const href = `${policy.pagePath}?profile=${profile}&format=${format}#policy`;
  return html`<a href="${href}" class="seg-item"${current ? html` aria-current="true"` : ''}>${label}</a>`;
}

/** A copy button for the text of element `targetId`; hidden until the script enables it (no JS, no dead button). */
export function copyButton(targetId: string, label: string): SafeHtml {
  return html`<button type="button" class="button copy" data-copy-target="${targetId}" hidden>${label}</button>`;
}

/** Single-quotes a URL for a POSIX shell: a quote inside would end the string, so it is percent-encoded. */
export function shellQuoteUrl(url: string): string {
  return `'${url.replaceAll("'", '%27')}'`;
}

/** Every format under every profile, each a download of the API's file (the server's file name and media type). */
function downloadTable(policy: PolicyView): SafeHtml {
  return html`<h3 id="policy-downloads-heading">Download it for your client or gateway</h3>
<div class="table-wrap"><table class="policy-downloads" aria-labelledby="policy-downloads-heading">
<thead><tr><th scope="col">Format</th>${PROFILES.map((profile) => html`<th scope="col">${profile.label}</th>`)}</tr></thead>
<tbody>${FORMATS.map(
    (format) =>
      html`<tr><th scope="row">${format.label}<span class="muted small"> ${format.what}</span></th>${PROFILES.map(
        (profile) =>
          html`<td><a href="${policy.downloadPath}?format=${format.id}&profile=${profile.id}" download data-format="${format.id}" data-profile="${profile.id}" aria-label="${format.label}, ${profile.label}">${profile.label}</a></td>`,
      )}</tr>`,
  )}</tbody>
</table></div>`;
}

/** The policy section: switches, the policy itself, copy, download and the curl that fetches it. */
export function policyPanel(publicUrl: string, policy: PolicyView, options: { intro: SafeHtml }): SafeHtml {
  const curl = `curl -fsS ${shellQuoteUrl(`${publicUrl}${policy.apiPath}`)}`;
  const fileName = policy.fileName;
  return html`<section id="policy" class="panel" aria-labelledby="policy-heading">
<h2 id="policy-heading">How to control it</h2>
${options.intro}
<div class="switches">
<nav aria-label="Policy profile" class="seg">${PROFILES.map((profile) =>
    switchLink(policy, profile.id, policy.format, profile.label, profile.id === policy.profile),
  )}</nav>
<nav aria-label="Policy format" class="seg">${FORMATS.map((format) =>
    switchLink(policy, policy.profile, format.id, format.label, format.id === policy.format),
  )}</nav>
</div>
<p class="muted small">${policy.profile === 'balanced' ? 'Balanced is the taxonomy default' : `${policy.profile === 'strict' ? 'Strict' : 'Permissive'} shifts every rule ${PROFILES.find((profile) => profile.id === policy.profile)?.hint ?? ''}`}; ${FORMAT_INFO[policy.format].what}.</p>
<div class="code-block">
<div class="code-head"><span class="code-title">${fileName}</span><span class="code-actions">${copyButton('policy-text', 'Copy policy')}<a class="button" href="${policy.apiPath}" download="${fileName}">Download</a></span></div>
<pre id="policy-text" tabindex="0" aria-label="Recommended policy"><code>${policy.text}</code></pre>
</div>
<h3>Fetch it from the API</h3>
<div class="code-block">
<div class="code-head"><span class="code-title">shell</span><span class="code-actions">${copyButton('policy-curl', 'Copy command')}</span></div>
<pre id="policy-curl" tabindex="0" aria-label="curl command"><code>${curl}</code></pre>
</div>
${downloadTable(policy)}
</section>`;
}
