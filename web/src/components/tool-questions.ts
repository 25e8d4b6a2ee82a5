// The tool page's plain language: the opening sentence and rule, and the questions a reader asks (rate limits, blocking it, what provides it), answered from the data the API prepared.
import type { BlockEntry, PolicyFormat } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { PolicyView, ServerView, ToolPlainView } from '../view-models.js';
import { serverPath } from './format.js';
import { formatLabel } from './policy-panel.js';
import { installCommand } from './server-about.js';

/** The opening of the page: what the tool lets an agent do, then what the recommended rule does. */
export function plainOpening(plain: ToolPlainView): SafeHtml {
  return html`<p class="lead" id="plain-sentence">${plain.sentence}</p>
<p class="lead-rule" id="plain-rule">${plain.answers.rule} <a href="#policy">The policy</a> · <a href="#questions">Questions</a></p>`;
}

function labels(formats: readonly PolicyFormat[]): string {
  const names = formats.map(formatLabel);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

function perWindow(limit: { max: number; window: string }): string {
  return `${limit.max} calls a ${limit.window}`;
}

/** The rate-limit answer as text: the profile's own limit, or the profiles that set one, and which formats carry it. */
function rateLimitText(plain: ToolPlainView): string {
  const { profile, rateLimit, rule } = plain.answers;
  const carried = `${labels(rateLimit.carriedBy)} carry a rate limit`;
  const cannot = `${labels(rateLimit.fallbacks.map((entry) => entry.format))} cannot`;
  if (rateLimit.limit !== null) {
    return `Yes. The ${profile} starter policy already limits it to ${perWindow(rateLimit.limit)}. ${carried}; ${cannot}, so there it asks before each call instead.`;
  }
  const other = rateLimit.limitedUnder[0];
  if (other !== undefined) {
    return `The ${profile} starter policy sets no rate limit on it (${rule.replace(/\.$/, '').replace(/^The /, 'the ')}); the ${other.profile} profile limits it to ${perWindow(other)}. ${carried}; ${cannot}.`;
  }
  return `No starter profile rate-limits it: ${rule.replace(/^The /, 'the ')} ${carried} if you add one; ${cannot}.`;
}

function rateLimitAnswer(plain: ToolPlainView, policy: PolicyView | null): SafeHtml {
  const { rateLimit } = plain.answers;
  const snippet = rateLimit.snippet;
  return html`<p>${rateLimitText(plain)}</p>
${
  snippet !== null
    ? html`<p class="small">The ${formatLabel(snippet.format)} entry of the ${snippet.profile} policy${
        policy
          ? html` (<a href="${policy.downloadPath}?format=${snippet.format}&profile=${snippet.profile}" download>download the whole file</a>)`
          : ''
      }:</p>
<pre class="snippet" data-snippet="rate-limit" tabindex="0"><code>${snippet.text}</code></pre>`
    : ''
}
${
  rateLimit.fallbacks.length > 0
    ? html`<ul class="small muted">${rateLimit.fallbacks.map((entry) => html`<li>${formatLabel(entry.format)}: ${entry.note}</li>`)}</ul>`
    : ''
}`;
}

function blockEntry(entry: BlockEntry): SafeHtml {
  return html`<dt>${formatLabel(entry.format)}${entry.isEnforced ? '' : html` <span class="chip chip-warn">not enforced</span>`}</dt>
<dd><pre class="snippet" data-block-format="${entry.format}" tabindex="0"><code>${entry.entry}</code></pre>${
    entry.notes.length > 0 ? html`<p class="small muted">${entry.notes.join(' ')}</p>` : ''
  }</dd>`;
}

function providerAnswer(plain: ToolPlainView, server: ServerView): SafeHtml {
  const serverName = server.title ?? server.id;
  const { packages, remotes, registryName } = plain.about;
  return html`<p>It is a tool of the <a href="${serverPath(server.id)}">${serverName}</a> MCP server${
    registryName ? html` (<code>${registryName}</code> in the MCP Registry)` : ''
  }.${packages.length === 0 && remotes.length === 0 ? ' No package or remote endpoint is published for it.' : ''}</p>
${
  packages.length > 0
    ? html`<ul class="packages">${packages.map((pkg) => {
        const command = installCommand(pkg);
        return html`<li><span class="chip">${pkg.registryType}</span> <code>${pkg.identifier}</code>${pkg.version ? html` <span class="muted small">${pkg.version}</span>` : ''}${command ? html`<pre class="install"><code>${command}</code></pre>` : ''}</li>`;
      })}</ul>`
    : ''
}
${remotes.length > 0 ? html`<ul class="remotes">${remotes.map((remote) => html`<li><span class="chip">${remote.type}</span> <code>${remote.url}</code></li>`)}</ul>` : ''}`;
}

/** The questions a reader asks about a tool, answered: rate limits, blocking it completely, and what provides it. */
export function toolQuestions(
  toolName: string,
  plain: ToolPlainView,
  server: ServerView,
  policy: PolicyView | null,
): SafeHtml {
  return html`<section id="questions" aria-labelledby="questions-h" class="panel">
<h2 id="questions-h">Questions about ${toolName}</h2>
<section aria-labelledby="q-rate-limit" id="rate-limit">
<h3 id="q-rate-limit">Can I rate-limit it?</h3>
${rateLimitAnswer(plain, policy)}
</section>
<section aria-labelledby="q-block" id="block">
<h3 id="q-block">How do I block it completely?</h3>
<p>Add the entry below to the file your client or gateway reads. Each is what toolrisk's own export writes for ${toolName} refused and kept out of the agent's tool list.</p>
<dl class="block-entries">${plain.answers.block.map(blockEntry)}</dl>
</section>
<section aria-labelledby="q-provider" id="provider">
<h3 id="q-provider">Which server and package provide it?</h3>
${providerAnswer(plain, server)}
</section>
</section>`;
}

/** The same questions and answers as text, for the page's FAQPage JSON-LD. */
export function toolQuestionEntries(
  toolName: string,
  plain: ToolPlainView,
  server: ServerView,
): { question: string; answer: string }[] {
  const serverName = server.title ?? server.id;
  const block = plain.answers.block
    .map(
      (entry) =>
        `${formatLabel(entry.format)}: ${entry.entry.replace(/\s+/g, ' ')}${entry.isEnforced ? '' : ' (not enforced: it only asks)'}`,
    )
    .join('; ');
  const packages = plain.about.packages
    .map((pkg) => installCommand(pkg) ?? `${pkg.registryType} ${pkg.identifier}`)
    .join('; ');
  return [
    {
      question: `What does ${toolName} let an AI agent do?`,
      answer: `${plain.sentence} ${plain.answers.rule}`,
    },
    { question: `Can I rate-limit ${toolName}?`, answer: rateLimitText(plain) },
    { question: `How do I block ${toolName} completely?`, answer: `${block}.` },
    {
      question: `Which server and package provide ${toolName}?`,
      answer: `The ${serverName} MCP server${packages === '' ? '.' : `: ${packages}.`}`,
    },
  ];
}
