// The risk distribution as an inline SVG bar chart, labelled in words and numbers so it reads without colour.
import { RISK_LEVELS } from '@toolrisk/classifier';
import { html, type SafeHtml } from '../html.js';
import type { RiskCounts } from '../view-models.js';

const ROW_HEIGHT = 30;
const LABEL_WIDTH = 78;
const BAR_WIDTH = 250;

/** A horizontal bar per risk level, highest first, with the count and share at the end of each bar. */
export function riskChart(counts: RiskCounts, options: { id: string; caption: string }): SafeHtml {
  const levels = [...RISK_LEVELS].reverse();
  const total = levels.reduce((sum, level) => sum + counts[level], 0);
  const max = Math.max(1, ...levels.map((level) => counts[level]));
  const height = levels.length * ROW_HEIGHT;
  const summary = levels.map((level) => `${level}: ${counts[level]}`).join(', ');
  const rows = levels.map((level, index) => {
    const y = index * ROW_HEIGHT;
    const count = counts[level];
    const width = count === 0 ? 0 : Math.max(3, Math.round((count / max) * BAR_WIDTH));
    const share = total === 0 ? 0 : Math.round((count / total) * 100);
    return html`<g class="bar risk-${level.toLowerCase()}">
<text x="0" y="${y + 19}" class="bar-label">${level}</text>
<rect x="${LABEL_WIDTH}" y="${y + 6}" width="${BAR_WIDTH}" height="18" rx="3" class="bar-track"></rect>
<rect x="${LABEL_WIDTH}" y="${y + 6}" width="${width}" height="18" rx="3" class="bar-fill"></rect>
<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 19}" class="bar-value">${count} (${share}%)</text>
</g>`;
  });
  return html`<figure class="chart">
<svg viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 80} ${height}" role="img" aria-labelledby="${options.id}-title" class="risk-chart">
<title id="${options.id}-title">${options.caption}. ${summary}.</title>
${rows}
</svg>
<figcaption>${options.caption}</figcaption>
</figure>`;
}
