// The eval report as text: confusion, the headline figures, agreement per confidence band, then (optionally) misses.
import type { ConfidenceBand, EvalReport } from './metrics.js';

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** What to print besides the aggregates. */
export interface ReportOptions {
  /** List every miss (the default); false prints aggregates only. */
  misses?: boolean;
}

/** Renders the report as text, misses last. */
export function formatReport(report: EvalReport, dir: string, options: ReportOptions = {}): string {
  const lines: string[] = [
    `eval: ${report.tools} labelled tools from ${dir}`,
    '',
    'category confusion (rows = label, columns = classifier):',
  ];
  lines.push(`  ${''.padEnd(9)}${['Read', 'Write', 'Execute'].map((name) => name.padStart(9)).join('')}`);
  for (const [expected, row] of Object.entries(report.confusion)) {
    lines.push(
      `  ${expected.padEnd(9)}${Object.values(row)
        .map((count) => String(count).padStart(9))
        .join('')}`,
    );
  }
  lines.push(
    '',
    `category accuracy:        ${percent(report.categoryAccuracy)}`,
    `macro-F1:                 ${report.macroF1.toFixed(3)}`,
    `under-classification:     ${percent(report.underClassification.rate)} (${report.underClassification.count}/${report.underClassification.of} Write+Execute called Read)`,
    `risk exact:               ${percent(report.riskExact)}`,
    `risk within one level:    ${percent(report.riskWithinOne)}`,
    `High+Critical recall:     ${percent(report.highCriticalRecall.rate)} (${report.highCriticalRecall.found}/${report.highCriticalRecall.of})`,
    `readOnlyHint:true agrees: ${percent(report.readOnlyHintAgreement.rate)} (${report.readOnlyHintAgreement.agree}/${report.readOnlyHintAgreement.of} called Read)`,
    '',
    ...formatBands(report.confidenceBands),
  );
  if (options.misses !== false) {
    lines.push('', `misses (${report.misses.length}):`);
    for (const miss of report.misses) {
      lines.push(`  [${miss.kind}] ${miss.server} ${miss.tool}: expected ${miss.expected}, got ${miss.got}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The per-band table: how many tools, and how often category and risk are exactly right. */
export function formatBands(bands: readonly ConfidenceBand[]): string[] {
  const share = (value: number | null): string => (value === null ? '—' : percent(value)).padStart(10);
  return [
    'by confidence:     tools  category  risk exact',
    ...bands.map(
      (band) =>
        `  ${band.band.padEnd(14)}${String(band.tools).padStart(7)}${share(band.categoryAccuracy)}${share(band.riskExact)}`,
    ),
  ];
}
