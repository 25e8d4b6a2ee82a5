// `npm run eval`: classify labelled sets and print agreement; compare with or rewrite the committed baseline.
// Uses node:fs via load.ts; the classifier core stays pure.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { evaluateAnchors, formatAnchorReport } from './anchors.js';
import { buildBaseline } from './baseline.js';
import { diffVerdicts } from './compare.js';
import { formatDiff, summarizeDiff } from './diff-report.js';
import {
  BASELINE_FILE,
  BASELINE_SETS,
  EVAL_ROOT,
  loadBaseline,
  scoreDirectory,
  scoreSets,
  writeBaseline,
} from './load.js';
import { type EvalReport, measure, type ScoredTool } from './metrics.js';
import { formatReport } from './report-text.js';

const DEFAULT_DIR = resolve(EVAL_ROOT, 'dev');
const DEFAULT_ANCHORS = resolve(EVAL_ROOT, 'anchors/policylayer-labels.jsonl');

const USAGE = [
  'usage: node classifier/dist/eval/cli.js [--dir DIR | --all | --anchors [FILE]] [--json] [--no-misses]',
  '       node classifier/dist/eval/cli.js --diff [--json]      verdicts that differ from classifier/eval/baseline.json',
  '       node classifier/dist/eval/cli.js --update-baseline    rewrite the baseline from the classifier on disk',
].join('\n');

interface Options {
  dir?: string;
  anchors?: string;
  all: boolean;
  json: boolean;
  misses: boolean;
  diff: boolean;
  updateBaseline: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { all: false, json: false, misses: true, diff: false, updateBaseline: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--all') options.all = true;
    else if (arg === '--no-misses') options.misses = false;
    else if (arg === '--diff') options.diff = true;
    else if (arg === '--update-baseline') options.updateBaseline = true;
    else if (arg === '--dir' && argv[i + 1] !== undefined) options.dir = resolve(argv[++i] ?? '');
    else if (arg === '--anchors') {
      const next = argv[i + 1];
      options.anchors =
        next !== undefined && !next.startsWith('--') ? resolve(argv[++i] ?? '') : DEFAULT_ANCHORS;
    } else return `eval: unknown argument "${arg}"`;
  }
  const modes = [
    options.dir !== undefined,
    options.all,
    options.anchors !== undefined,
    options.diff,
    options.updateBaseline,
  ];
  if (modes.filter(Boolean).length > 1)
    return 'eval: --dir, --all, --anchors, --diff and --update-baseline go one at a time (--diff and --update-baseline cover dev and dev2)';
  return options;
}

function main(argv: string[]): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n${USAGE}\n`);
    return 2;
  }
  if (options.anchors !== undefined) {
    const report = evaluateAnchors(options.anchors);
    write(
      options.json
        ? `${JSON.stringify({ file: options.anchors, ...report }, null, 2)}\n`
        : formatAnchorReport(report, options.anchors),
    );
    return 0;
  }
  try {
    if (options.diff) return printDiff(options.json);
    if (options.updateBaseline) return updateBaseline();
  } catch (error) {
    // A baseline that does not parse: say where, and how to write a fresh one.
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write('eval: rewrite it with npm run eval -- --update-baseline\n');
    return 1;
  }
  if (options.all) return printAll(options);
  const dir = options.dir ?? DEFAULT_DIR;
  const { scored, problems } = scoreDirectory(dir);
  const report = measure(scored);
  if (options.json) write(`${JSON.stringify({ dir, ...jsonOf(report, options), problems }, null, 2)}\n`);
  else write(formatReport(report, dir, { misses: options.misses }));
  if (!options.json) reportProblems(problems);
  return 0;
}

// `--all`: each baseline set, then the sets together.
function printAll(options: Options): number {
  const { scoredSets, problems } = scoreSets();
  const combined: ScoredTool[] = BASELINE_SETS.flatMap((set) => scoredSets[set] ?? []);
  const combinedName = BASELINE_SETS.join(' + ');
  if (options.json) {
    const sets = Object.fromEntries(
      BASELINE_SETS.map((set) => [
        set,
        { dir: resolve(EVAL_ROOT, set), ...jsonOf(measure(scoredSets[set] ?? []), options) },
      ]),
    );
    write(
      `${JSON.stringify({ sets, combined: { sets: BASELINE_SETS, ...jsonOf(measure(combined), options) }, problems }, null, 2)}\n`,
    );
    return 0;
  }
  const parts = BASELINE_SETS.map((set) =>
    formatReport(measure(scoredSets[set] ?? []), resolve(EVAL_ROOT, set), { misses: options.misses }),
  );
  parts.push(formatReport(measure(combined), combinedName, { misses: options.misses }));
  write(parts.join('\n'));
  reportProblems(problems);
  return 0;
}

function printDiff(json: boolean): number {
  if (!existsSync(BASELINE_FILE)) {
    process.stderr.write(
      `eval: no baseline at ${BASELINE_FILE}; write one with npm run eval -- --update-baseline\n`,
    );
    return 1;
  }
  const { scoredSets, problems } = scoreSets();
  const changes = diffVerdicts(loadBaseline(), scoredSets);
  write(
    json ? `${JSON.stringify({ changes, summary: summarizeDiff(changes) }, null, 2)}\n` : formatDiff(changes),
  );
  reportProblems(problems);
  return 0;
}

function updateBaseline(): number {
  const { scoredSets, problems } = scoreSets();
  const previous = existsSync(BASELINE_FILE) ? diffVerdicts(loadBaseline(), scoredSets).length : undefined;
  writeBaseline(buildBaseline(scoredSets));
  const counts = BASELINE_SETS.map((set) => `${set} ${scoredSets[set]?.length ?? 0}`).join(', ');
  const since =
    previous === undefined ? 'no previous baseline' : `${previous} verdict(s) differed from the previous one`;
  write(`baseline: wrote ${counts} verdicts to ${relative(process.cwd(), BASELINE_FILE)} (${since})\n`);
  reportProblems(problems);
  return 0;
}

// `--no-misses` keeps per-tool verdicts out of the JSON too, so a held-out set's figures can be read without them.
function jsonOf(report: EvalReport, options: Options): Partial<EvalReport> {
  if (options.misses) return report;
  const { misses: _misses, ...aggregates } = report;
  return aggregates;
}

function reportProblems(problems: readonly string[]): void {
  for (const problem of problems) process.stderr.write(`eval: ${problem}\n`);
}

function write(text: string): void {
  process.stdout.write(text);
}

process.exitCode = main(process.argv.slice(2));
