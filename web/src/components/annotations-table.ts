// The tool page's annotations section: each MCP hint as declared by the author, as the verdict shows it, and which to enforce.
import type { EffectiveAnnotations, EffectiveHint, HintName } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';

// The hints in the spec's order (the classifier's HINT_NAMES; web imports the classifier for types only).
const HINTS: readonly HintName[] = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];

function declaredCell(hint: EffectiveHint): SafeHtml {
  if (hint.declaration === 'absent') return html`<span class="muted">not declared</span>`;
  if (hint.declaration === 'invalid') return html`<span class="muted">not a boolean (ignored)</span>`;
  return html`<code>${String(hint.declared)}</code>`;
}

function inferredCell(hint: EffectiveHint): SafeHtml {
  return hint.inferred === null
    ? html`<span class="muted">unknown</span>`
    : html`<code>${String(hint.inferred)}</code>`;
}

// A mismatch that would loosen a gateway is marked as the risk badges mark Critical; the other kind as Medium.
function statusCell(hint: EffectiveHint): SafeHtml {
  if (hint.isUnsafe)
    return html`<span class="badge risk-critical" data-mismatch="unsafe">unsafe mismatch</span>`;
  if (hint.isMismatch) return html`<span class="badge risk-medium" data-mismatch="safe">mismatch</span>`;
  if (hint.declared === null) return html`<span class="muted">—</span>`;
  if (hint.inferred === null) return html`<span class="muted">cannot check</span>`;
  return html`agrees`;
}

function summaryOf(hints: EffectiveAnnotations): SafeHtml {
  const list = (names: readonly HintName[]) =>
    html`${names.map((name, index) => html`${index > 0 ? ', ' : ''}<code>${name}</code>`)}`;
  if (hints.hasUnsafeMismatch)
    return html`<p class="notice" role="note">The declared ${list(hints.mismatches)} contradict${hints.mismatches.length === 1 ? 's' : ''} what the tool does; a gateway that trusts the declared hints would treat this tool more loosely than it deserves.</p>`;
  if (hints.hasMismatch)
    return html`<p>The declared ${list(hints.mismatches)} contradict${hints.mismatches.length === 1 ? 's' : ''} the verdict on the cautious side.</p>`;
  const declared = HINTS.filter((name) => hints[name].declaration === 'boolean');
  if (declared.length === 0)
    return html`<p>The tool declares none of the four hints; a gateway would fall back to the spec’s defaults.</p>`;
  return html`<p>No declared hint contradicts the verdict.</p>`;
}

/** The annotations section: declared, inferred and effective hints with the reason for each inferred value. */
export function annotationsSection(hints: EffectiveAnnotations): SafeHtml {
  return html`<section id="hints" aria-labelledby="hints-h" class="panel">
<h2 id="hints-h">Annotations: declared and effective</h2>
${summaryOf(hints)}
<div class="table-wrap"><table class="card-table hints-table" role="table">
<caption class="visually-hidden">MCP annotations of the tool: declared, inferred and effective</caption>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Hint</th><th scope="col" role="columnheader">Declared</th><th scope="col" role="columnheader">Inferred</th><th scope="col" role="columnheader">Enforce</th><th scope="col" role="columnheader">Check</th><th scope="col" role="columnheader">Why inferred</th></tr></thead>
<tbody role="rowgroup">${HINTS.map((name) => {
    const hint = hints[name];
    return html`<tr role="row" data-hint="${name}"><th scope="row" role="rowheader"><code>${name}</code></th><td role="cell" data-label="Declared">${declaredCell(hint)}</td><td role="cell" data-label="Inferred">${inferredCell(hint)}</td><td role="cell" data-label="Enforce"><code>${String(hint.effective)}</code></td><td role="cell" data-label="Check">${statusCell(hint)}</td><td role="cell" data-label="Why inferred" class="cell-text">${hint.reason}</td></tr>`;
  })}</tbody>
</table></div>
<p class="muted small">Inferred from the classification above, not from the hints. “Enforce” is the value a gateway that keys on hints should use: the inferred one, or where the verdict cannot tell, the spec’s cautious default.</p>
</section>`;
}
