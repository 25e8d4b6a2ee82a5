// A plain-text table of a classified document: aligned columns, one row per tool, errors after.
import type { ClassifiedDocument } from './classify-document.js';

const HEADERS = ['TOOL', 'CATEGORY', 'RISK', 'CONF', 'FACTORS'];

/** Renders a classified document as aligned text columns. */
export function toTable(classified: ClassifiedDocument): string {
  const rows = classified.tools.map((tool) => [
    tool.name.length > 48 ? `${tool.name.slice(0, 47)}…` : tool.name,
    tool.classification.category,
    tool.classification.risk,
    tool.classification.confidence.toFixed(2),
    tool.classification.factors.join(',') || '-',
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(HEADERS), ...rows.map(line)];
  const { summary } = classified;
  out.push(
    '',
    `${summary.toolCount} tools; highest risk ${summary.highestRisk ?? 'none'}; ` +
      `Read ${summary.byCategory.Read}, Write ${summary.byCategory.Write}, Execute ${summary.byCategory.Execute}`,
  );
  for (const error of classified.errors) out.push(`error: ${error.path}: ${error.code}: ${error.message}`);
  return `${out.join('\n')}\n`;
}
