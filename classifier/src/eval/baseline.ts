// The committed baseline of every eval verdict (eval/baseline.json): building it, writing it diff-friendly, reading it back.
// Pure: the file is read and written by load.ts and cli.ts.
import { RISK_LEVELS } from '../types.js';
import type { Label, ScoredTool } from './metrics.js';

/** One tool's verdict as the baseline keeps it, with the label it was scored against. */
export interface BaselineVerdict {
  category: string;
  risk: string;
  factors: string[];
  /** Rounded to 2 dp so that noise below that does not make the baseline stale. */
  confidence: number;
  label: Label;
}

/** Every verdict: set name → server → tool → verdict. */
export type BaselineSets = Record<string, Record<string, Record<string, BaselineVerdict>>>;

/** The baseline file's content. */
export interface Baseline {
  about: string;
  sets: BaselineSets;
}

const ABOUT =
  'Every verdict of the deterministic classifier on the labelled sets. Rewritten by `npm run eval -- --update-baseline`; `npm test` fails while it differs from what the classifier says.';
const CATEGORIES = new Set(['Read', 'Write', 'Execute']);
const LEVELS: ReadonlySet<string> = new Set(RISK_LEVELS);
const LINE_WIDTH = 110;

/** Code-unit order, so the file sorts the same under every locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds a confidence to the 2 dp the baseline keeps. */
export function roundConfidence(confidence: number): number {
  return Math.round(confidence * 100) / 100;
}

/** The baseline verdict of one scored tool. */
export function toBaselineVerdict(item: ScoredTool): BaselineVerdict {
  return {
    category: item.got.category,
    risk: item.got.risk,
    factors: [...item.got.factors],
    confidence: roundConfidence(item.got.confidence),
    label: { category: item.label.category, risk: item.label.risk, factors: [...item.label.factors] },
  };
}

/** Builds the baseline of scored sets (set name → scored tools), every key sorted. */
export function buildBaseline(scoredSets: Readonly<Record<string, readonly ScoredTool[]>>): Baseline {
  const sets: BaselineSets = {};
  for (const setName of Object.keys(scoredSets).sort(byCodeUnit)) {
    const servers: Record<string, Record<string, BaselineVerdict>> = {};
    const items = [...(scoredSets[setName] ?? [])].sort(
      (a, b) => byCodeUnit(a.server, b.server) || byCodeUnit(a.tool, b.tool),
    );
    for (const item of items) {
      const tools = servers[item.server] ?? {};
      tools[item.tool] = toBaselineVerdict(item);
      servers[item.server] = tools;
    }
    sets[setName] = servers;
  }
  return { about: ABOUT, sets };
}

/**
 * Writes the baseline as JSON in the shape Biome's formatter keeps (objects one key a line, short string arrays on
 * one line), so `npm run check` passes on a freshly written file and a changed verdict is a few changed lines.
 */
export function serializeBaseline(baseline: Baseline): string {
  return `${render(baseline, 0)}\n`;
}

function render(value: unknown, indent: number, keyWidth = 0): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => JSON.stringify(item));
    const inline = `[${items.join(', ')}]`;
    if (items.length === 0 || indent + keyWidth + inline.length + 1 <= LINE_WIDTH) return inline;
    const pad = ' '.repeat(indent + 2);
    return `[\n${items.map((item) => `${pad}${item}`).join(',\n')}\n${' '.repeat(indent)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const pad = ' '.repeat(indent + 2);
    const lines = entries.map(([key, item]) => {
      const prefix = `${JSON.stringify(key)}: `;
      return `${pad}${prefix}${render(item, indent + 2, prefix.length)}`;
    });
    return `{\n${lines.join(',\n')}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}

/** Reads a baseline file's parsed JSON; throws naming the JSON path of the first thing that is not a baseline. */
export function parseBaseline(raw: unknown): Baseline {
  const root = asRecord(raw, '$');
  const sets: BaselineSets = {};
  for (const [setName, rawServers] of Object.entries(asRecord(root.sets, '$.sets'))) {
    const servers: Record<string, Record<string, BaselineVerdict>> = {};
    for (const [server, rawTools] of Object.entries(asRecord(rawServers, `$.sets.${setName}`))) {
      const tools: Record<string, BaselineVerdict> = {};
      for (const [tool, rawVerdict] of Object.entries(asRecord(rawTools, `$.sets.${setName}.${server}`))) {
        tools[tool] = parseVerdict(rawVerdict, `$.sets.${setName}.${server}.${tool}`);
      }
      servers[server] = tools;
    }
    sets[setName] = servers;
  }
  return { about: typeof root.about === 'string' ? root.about : ABOUT, sets };
}

function parseVerdict(raw: unknown, path: string): BaselineVerdict {
  const value = asRecord(raw, path);
  const label = asRecord(value.label, `${path}.label`);
  const labelCategory = label.category;
  const labelRisk = label.risk;
  if (typeof labelCategory !== 'string' || !isCategory(labelCategory))
    throw new Error(`baseline: ${path}.label.category is not a category`);
  if (typeof labelRisk !== 'string' || !isLevel(labelRisk))
    throw new Error(`baseline: ${path}.label.risk is not a risk level`);
  if (typeof value.category !== 'string' || !CATEGORIES.has(value.category))
    throw new Error(`baseline: ${path}.category is not a category`);
  if (typeof value.risk !== 'string' || !LEVELS.has(value.risk))
    throw new Error(`baseline: ${path}.risk is not a risk level`);
  if (typeof value.confidence !== 'number') throw new Error(`baseline: ${path}.confidence is not a number`);
  return {
    category: value.category,
    risk: value.risk,
    factors: asStrings(value.factors, `${path}.factors`),
    confidence: value.confidence,
    label: {
      category: labelCategory,
      risk: labelRisk,
      factors: asStrings(label.factors, `${path}.label.factors`),
    },
  };
}

function isCategory(value: string): value is Label['category'] {
  return CATEGORIES.has(value);
}

function isLevel(value: string): value is Label['risk'] {
  return LEVELS.has(value);
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`baseline: ${path} is not an object`);
  return Object.fromEntries(Object.entries(value));
}

function asStrings(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`baseline: ${path} is not a list of strings`);
  return value;
}
