import { html, type SafeHtml } from '../html.js';

const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** The CSS modifier of a risk level (`unknown` for anything else). */
export function riskClass(risk: string | null): string {
  const lower = (risk ?? '').toLowerCase();
  return LEVELS.find((level) => level === lower) ?? 'unknown';
}

/** A badge naming the risk level, e.g. "High risk". */
export function riskBadge(risk: string | null, options: { size?: 'lg' } = {}): SafeHtml {
  const label = risk ? `${risk} risk` : 'Not classified';
  return html`<span class="badge risk-${riskClass(risk)}${options.size === 'lg' ? ' badge-lg' : ''}"><span class="dot" aria-hidden="true"></span>${label}</span>`;
}

/** A neutral badge naming the category (Read, Write, Execute). */
export function categoryBadge(category: string | null): SafeHtml {
  return category ? html`<span class="badge category">${category}</span>` : html``;
}

/** Factor chips, each linking to its explanation in the taxonomy section of the page. */
export function factorChips(factors: readonly string[]): SafeHtml {
  if (factors.length === 0) return html`<span class="muted">no risk factors</span>`;
  return html`<ul class="chips" aria-label="Risk factors">${factors.map((factor) => html`<li class="chip">${factor}</li>`)}</ul>`;
}

/** The rank of a risk level (Low 0 … Critical 3), -1 when unknown; for sorting. */
export { riskRank } from '@toolrisk/classifier';
