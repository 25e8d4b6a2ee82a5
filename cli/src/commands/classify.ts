// `toolrisk classify [FILE|-] [--format json|table|sarif] [--fail-on LEVEL]`: classify a tools/list document offline.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClassifiedDocument,
  type ClassifiedTool,
  classifyDocument,
  RISK_LEVELS,
  type RiskLevel,
  readToolsDocument,
  riskRank,
  type SarifSource,
  toJsonReport,
  topReasonOf,
  toSarif,
  toTable,
} from '@toolrisk/classifier';
import { readArgs, usageError } from './args.js';
import { type CliCommand, type Command, readInput } from './io.js';

const FORMATS = ['json', 'table', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const USAGE = `usage: toolrisk classify [FILE|-] [--format json|table|sarif] [--fail-on low|medium|high|critical]

Classifies every tool of a tools/list document (FILE, or standard input for - or none); stores nothing.
  --format json|table|sarif   table (default); json: every entry with its classification, as the API answers;
                              sarif: SARIF 2.1.0, each result pointing at its tool's entry in FILE
  --fail-on LEVEL             exit 1 when a tool is at or above LEVEL, listing those tools on stderr
exit: 0 done, 1 a tool at or above --fail-on, 2 bad arguments or unreadable input
`;

interface ClassifyOptions {
  file?: string;
  format: Format;
  failOn?: RiskLevel;
}

function parseLevel(value: string): RiskLevel | undefined {
  return RISK_LEVELS.find((level) => level.toLowerCase() === value.toLowerCase());
}

/** Reads the flags; a message naming the problem when they are wrong. */
function parseOptions(args: string[]): ClassifyOptions | string {
  const parsed = readArgs(args, { format: { type: 'string' }, 'fail-on': { type: 'string' } });
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  const options: ClassifyOptions = { format: 'table' };
  if (values.format !== undefined) {
    const format = FORMATS.find((name) => name === values.format);
    if (format === undefined) return `--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`;
    options.format = format;
  }
  if (values['fail-on'] !== undefined) {
    const level = parseLevel(values['fail-on']);
    if (level === undefined) {
      const levels = RISK_LEVELS.map((l) => l.toLowerCase()).join(', ');
      return `--fail-on must be one of ${levels} (got "${values['fail-on']}")`;
    }
    options.failOn = level;
  }
  const [file, extra] = positionals;
  if (extra !== undefined) return `only one FILE may be given (got "${file}" and "${extra}")`;
  if (file !== undefined) options.file = file;
  return options;
}

/** Classifies every tool of a document; exits 1 when --fail-on is reached, 2 on bad flags or unreadable input. */
const run: CliCommand = async (args, io) => {
  const options = parseOptions(args);
  if (typeof options === 'string') return usageError(io, 'classify', options, USAGE);
  const source = options.file === undefined || options.file === '-' ? 'standard input' : options.file;
  let text: string;
  try {
    text = await readInput(options.file, io);
  } catch (error) {
    io.stderr(
      `toolrisk classify: cannot read ${source}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.stderr(
      `toolrisk classify: ${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const classified = classifyDocument(readToolsDocument(value));
  if (options.format === 'json') io.stdout(`${JSON.stringify(toJsonReport(classified), null, 2)}\n`);
  else if (options.format === 'sarif')
    io.stdout(`${JSON.stringify(toSarif(classified, sarifSourceOf(options.file, text)), null, 2)}\n`);
  else io.stdout(toTable(classified));
  if (options.format !== 'table') {
    for (const error of classified.errors)
      io.stderr(`error: ${error.path}: ${error.code}: ${error.message}\n`);
  }
  if (options.failOn === undefined) return 0;
  const tripped = toolsAtOrAbove(classified, options.failOn);
  if (tripped.length === 0) return 0;
  io.stderr(failOnMessage(tripped, options.failOn));
  return 1;
};

/** SARIF names the file as a URI: relative to the checkout (%SRCROOT%) when given relative, else file://. */
function sarifSourceOf(file: string | undefined, text: string): SarifSource {
  if (file === undefined || file === '-') return { uri: 'stdin', text };
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href, text };
  const uri = file.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
  return { uri: uri.replace(/^(\.\/)+/, ''), uriBaseId: '%SRCROOT%', text };
}

/** The tools at or above the level, highest first, input order within a level. */
function toolsAtOrAbove(classified: ClassifiedDocument, level: RiskLevel): ClassifiedTool[] {
  const threshold = riskRank(level);
  return classified.tools
    .filter((tool) => riskRank(tool.classification.risk) >= threshold)
    .sort((a, b) => riskRank(b.classification.risk) - riskRank(a.classification.risk) || a.index - b.index);
}

// Control, bidi and line-separator characters of a hostile name are shown as escapes, one tool per line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** `FAIL_ON_REACHED: …` and one line per tool: name, risk, category and the top reason. */
function failOnMessage(tripped: ClassifiedTool[], level: RiskLevel): string {
  const rows = tripped.map((tool) => [
    printable(tool.name),
    tool.classification.risk,
    tool.classification.category,
    printable(topReasonOf(tool.classification)),
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map(
    (row) =>
      `  ${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}`,
  );
  const count = tripped.length === 1 ? '1 tool is' : `${tripped.length} tools are`;
  return (
    `FAIL_ON_REACHED: ${count} at or above ${level} (--fail-on ${level.toLowerCase()}):\n` +
    `${lines.join('\n')}\n`
  );
}

/** Classifies every tool of a document; exits 1 when --fail-on is reached, 2 on bad flags or unreadable input. */
export const classifyCommand: Command = { usage: USAGE, run };
