// `npm run eval`: classify a labelled set and print agreement. Uses node:fs via load.ts; the classifier core stays pure.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateAnchors, formatAnchorReport } from './anchors.js';
import { scoreDirectory } from './load.js';
import { type EvalReport, measure } from './metrics.js';

const EVAL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../eval');
const DEFAULT_DIR = resolve(EVAL_ROOT, 'dev');
const DEFAULT_ANCHORS = resolve(EVAL_ROOT, 'anchors/policylayer-labels.jsonl');

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Renders the report as text, misses last. */
export function formatReport(report: EvalReport, dir: string): string {
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
    `misses (${report.misses.length}):`,
  );
  for (const miss of report.misses) {
    lines.push(`  [${miss.kind}] ${miss.server} ${miss.tool}: expected ${miss.expected}, got ${miss.got}`);
  }
  return `${lines.join('\n')}\n`;
}

const USAGE = 'usage: node classifier/dist/eval/cli.js [--dir DIR | --anchors [FILE]] [--json]';

function main(argv: string[]): number {
  let dir = DEFAULT_DIR;
  let anchors: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--dir' && argv[i + 1] !== undefined) dir = resolve(argv[++i] ?? '');
    else if (arg === '--anchors') {
      const next = argv[i + 1];
      anchors = next !== undefined && !next.startsWith('--') ? resolve(argv[++i] ?? '') : DEFAULT_ANCHORS;
    } else {
      process.stderr.write(`eval: unknown argument "${arg}"\n${USAGE}\n`);
      return 2;
    }
  }
  if (anchors !== undefined) {
    const report = evaluateAnchors(anchors);
    process.stdout.write(
      json
        ? `${JSON.stringify({ file: anchors, ...report }, null, 2)}\n`
        : formatAnchorReport(report, anchors),
    );
    return 0;
  }
  const { scored, problems } = scoreDirectory(dir);
  const report = measure(scored);
  if (json) {
    process.stdout.write(`${JSON.stringify({ dir, ...report, problems }, null, 2)}\n`);
  } else {
    process.stdout.write(formatReport(report, dir));
    for (const problem of problems) process.stderr.write(`eval: ${problem}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
