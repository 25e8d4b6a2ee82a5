// `npm run eval`: classify labelled sets and print agreement.
// Uses node:fs via load.ts; the classifier core stays pure.
import { resolve } from 'node:path';
import { evaluateAnchors, formatAnchorReport } from './anchors.js';
import { BASELINE_SETS, EVAL_ROOT, scoreDirectory, scoreSets } from './load.js';
import { type EvalReport, measure, type ScoredTool } from './metrics.js';
import { formatReport } from './report-text.js';

const DEFAULT_DIR = resolve(EVAL_ROOT, 'dev');
const DEFAULT_ANCHORS = resolve(EVAL_ROOT, 'anchors/policylayer-labels.jsonl');

const USAGE =
  'usage: node classifier/dist/eval/cli.js [--dir DIR | --all | --anchors [FILE]] [--json] [--no-misses]';

interface Options {
  dir?: string;
  anchors?: string;
  all: boolean;
  json: boolean;
  misses: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { all: false, json: false, misses: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--all') options.all = true;
    else if (arg === '--no-misses') options.misses = false;
    else if (arg === '--dir' && argv[i + 1] !== undefined) options.dir = resolve(argv[++i] ?? '');
    else if (arg === '--anchors') {
      const next = argv[i + 1];
      options.anchors =
        next !== undefined && !next.startsWith('--') ? resolve(argv[++i] ?? '') : DEFAULT_ANCHORS;
    } else return `eval: unknown argument "${arg}"`;
  }
  const modes = [options.dir !== undefined, options.all, options.anchors !== undefined];
  if (modes.filter(Boolean).length > 1) return 'eval: --dir, --all and --anchors go one at a time';
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
