// The search form with its risk and category filters; a GET form, so it works without JavaScript.
import { RISK_FACTORS, RISK_LEVELS } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { SearchQuery } from '../view-models.js';

const CATEGORIES = ['Read', 'Write', 'Execute'] as const;

function options(values: readonly string[], selected: string, anyLabel: string): SafeHtml {
  return html`<option value="">${anyLabel}</option>${values.map(
    (value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${value}</option>`,
  )}`;
}

/** The search form; `isLive` marks it for search-as-you-type by the page script. */
export function searchForm(query: SearchQuery, options_: { isLive?: boolean } = {}): SafeHtml {
  return html`<form class="search-form" role="search" action="/search" method="get"${options_.isLive ? html` data-live-search` : ''}>
<div class="field field-grow">
<label for="search-q">Server or tool</label>
<input id="search-q" name="q" type="search" value="${query.q}" placeholder="e.g. delete, github, send_email" autocomplete="off">
</div>
<div class="field">
<label for="search-risk">Risk</label>
<select id="search-risk" name="risk">${options([...RISK_LEVELS].reverse(), query.risk, 'Any risk')}</select>
</div>
<div class="field">
<label for="search-category">Category</label>
<select id="search-category" name="category">${options(CATEGORIES, query.category, 'Any category')}</select>
</div>
<div class="field">
<label for="search-factor">Factor</label>
<select id="search-factor" name="factor">${options(RISK_FACTORS, query.factor ?? '', 'Any factor')}</select>
</div>
<div class="field field-button"><button type="submit" class="button button-primary">Search</button></div>
</form>`;
}
