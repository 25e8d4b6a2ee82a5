// Reading a labelled set from disk. This module does I/O (node:fs) and lives under eval/, outside the pure classifier core.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readToolsDocument } from '../document.js';
import { classifyDocument } from '../report/classify-document.js';
import type { Category, RiskLevel } from '../types.js';
import { type Baseline, parseBaseline, serializeBaseline } from './baseline.js';
import type { Label, ScoredTool } from './metrics.js';

/** classifier/eval/, the same from src/eval/ (tests) and dist/eval/ (the CLI). */
export const EVAL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../eval');
/** The committed baseline of every verdict on the baseline sets. */
export const BASELINE_FILE = join(EVAL_ROOT, 'baseline.json');
/** The labelled sets (folders of EVAL_ROOT) the baseline and the gate cover. */
export const BASELINE_SETS: readonly string[] = ['dev', 'dev2'];

const CATEGORIES = new Set(['Read', 'Write', 'Execute']);
const LEVELS = new Set(['Low', 'Medium', 'High', 'Critical']);

function readLabel(raw: unknown): Label | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.category !== 'string' || !CATEGORIES.has(value.category)) return undefined;
  if (typeof value.risk !== 'string' || !LEVELS.has(value.risk)) return undefined;
  const factors = Array.isArray(value.factors)
    ? value.factors.filter((factor) => typeof factor === 'string')
    : [];
  return { category: value.category as Category, risk: value.risk as RiskLevel, factors };
}

/** Classifies every labelled tool of every `*.json` in `dir`; labels are read here only, never by the classifier. */
export function scoreDirectory(dir: string): { scored: ScoredTool[]; problems: string[] } {
  const scored: ScoredTool[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const document = readToolsDocument(raw);
    const rawTools = (raw as { tools?: unknown[] }).tools ?? [];
    // The eval classifies through classifyDocument, the path the CLI, the API and the catalogue use, so it
    // measures exactly the verdicts users are served.
    const classified = new Map(
      classifyDocument(document).tools.map((tool) => [tool.index, tool.classification]),
    );
    const serverName = document.server?.id ?? document.server?.name ?? file.replace(/\.json$/, '');
    for (const entry of document.entries) {
      const label = readLabel((rawTools[entry.index] as { label?: unknown } | undefined)?.label);
      const got = classified.get(entry.index);
      if (entry.tool === null || label === undefined || got === undefined) {
        problems.push(`${file} ${entry.path}: no usable tool or label`);
        continue;
      }
      const item: ScoredTool = {
        server: serverName,
        tool: entry.tool.name,
        label,
        got,
      };
      const hint = entry.tool.annotations?.readOnlyHint;
      if (hint !== undefined) item.readOnlyHint = hint;
      scored.push(item);
    }
  }
  return { scored, problems };
}

/** Scores each named set (a folder of EVAL_ROOT); problems are prefixed with the set's name. */
export function scoreSets(sets: readonly string[] = BASELINE_SETS): {
  scoredSets: Record<string, ScoredTool[]>;
  problems: string[];
} {
  const scoredSets: Record<string, ScoredTool[]> = {};
  const problems: string[] = [];
  for (const set of sets) {
    const dir = join(EVAL_ROOT, set);
    if (!existsSync(dir)) {
      problems.push(`${set}: no labelled set at ${dir}`);
      scoredSets[set] = [];
      continue;
    }
    const result = scoreDirectory(dir);
    scoredSets[set] = result.scored;
    problems.push(...result.problems.map((problem) => `${set}/${problem}`));
  }
  return { scoredSets, problems };
}

/** Reads and checks the committed baseline. */
export function loadBaseline(file: string = BASELINE_FILE): Baseline {
  return parseBaseline(JSON.parse(readFileSync(file, 'utf8')));
}

/** Writes the baseline, sorted and formatted as Biome keeps it. */
export function writeBaseline(baseline: Baseline, file: string = BASELINE_FILE): void {
  writeFileSync(file, serializeBaseline(baseline));
}
