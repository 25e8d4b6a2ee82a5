// A tool's definition history: each version with its date and hash, and a line diff against the one before.
import { definitionLines, diffLines, foldUnchanged } from '../diff.js';
import { html, type SafeHtml } from '../html.js';
import type { VersionView } from '../view-models.js';
import { formatDate, plural } from './format.js';

function diffBlock(before: VersionView, after: VersionView): SafeHtml {
  const lines = foldUnchanged(
    diffLines(definitionLines(before.definition), definitionLines(after.definition)),
  );
  const added = lines.filter((line) => line.kind === 'add').length;
  const removed = lines.filter((line) => line.kind === 'remove').length;
  const rows = lines.map((line) => {
    if (line.kind === 'fold')
      return html`<span class="diff-line diff-fold">  … ${plural(line.count, 'unchanged line')}</span>`;
    const sign = line.kind === 'add' ? '+' : line.kind === 'remove' ? '-' : ' ';
    const label = line.kind === 'add' ? 'added: ' : line.kind === 'remove' ? 'removed: ' : '';
    return html`<span class="diff-line diff-${line.kind}"><span class="visually-hidden">${label}</span><span aria-hidden="true">${sign} </span>${line.text}</span>`;
  });
  return html`<details class="diff"${added + removed <= 40 ? html` open` : ''}>
<summary>Changes from ${formatDate(before.seenAt)}: <span class="diff-add-count">+${added}</span> <span class="diff-remove-count">−${removed}</span> lines</summary>
<pre class="diff-body" tabindex="0" aria-label="Definition diff">${rows}</pre>
</details>`;
}

/** The history section; versions come newest first. */
export function definitionHistory(versions: readonly VersionView[]): SafeHtml {
  if (versions.length === 0) return html`<p class="muted">No recorded definitions.</p>`;
  const items = versions.map((version, index) => {
    const previous = versions[index + 1];
    return html`<li class="version">
<p><time datetime="${version.seenAt}">${formatDate(version.seenAt)}</time> · <code class="hash" title="sha256 of the canonical definition">${version.definitionHash.slice(0, 12)}</code>${index === 0 ? html` <span class="badge category">current</span>` : ''}${previous ? '' : html` <span class="muted small">first seen</span>`}</p>
${previous ? diffBlock(previous, version) : ''}
</li>`;
  });
  return html`<ol class="versions">${items}</ol>`;
}
