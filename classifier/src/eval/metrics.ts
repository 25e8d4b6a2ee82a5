// Agreement measures between the classifier and labelled tools (eval/README.md): confusion, F1, under-classification.
import type { Category, Classification, RiskLevel } from '../types.js';
import { RISK_LEVELS } from '../types.js';

/** A labelled tool's reference verdict. */
export interface Label {
  category: Category;
  risk: RiskLevel;
  factors: string[];
}

/** One labelled tool with the classifier's verdict. */
export interface ScoredTool {
  server: string;
  tool: string;
  label: Label;
  got: Classification;
  readOnlyHint?: boolean;
}

/** Every figure `npm run eval` reports. */
export interface EvalReport {
  tools: number;
  confusion: Record<Category, Record<Category, number>>;
  categoryAccuracy: number;
  macroF1: number;
  underClassification: { rate: number; count: number; of: number };
  riskExact: number;
  riskWithinOne: number;
  highCriticalRecall: { rate: number; found: number; of: number };
  readOnlyHintAgreement: { rate: number; agree: number; of: number };
  /** Agreement per confidence band, lowest band first: does a high confidence mean a right verdict? */
  confidenceBands: ConfidenceBand[];
  misses: { server: string; tool: string; expected: string; got: string; kind: 'category' | 'risk' }[];
}

/** Agreement among the tools whose confidence falls in [min, max). */
export interface ConfidenceBand {
  band: string;
  min: number;
  /** Null for the top band, which has no upper bound (it holds 1). */
  max: number | null;
  tools: number;
  /** Null when the band holds no tool. */
  categoryAccuracy: number | null;
  riskExact: number | null;
}

const CATEGORIES: Category[] = ['Read', 'Write', 'Execute'];

/** The bands the report uses; the last one includes 1. */
export const CONFIDENCE_BANDS: readonly { band: string; min: number; max: number | null }[] = [
  { band: '<0.6', min: 0, max: 0.6 },
  { band: '0.6–0.75', min: 0.6, max: 0.75 },
  { band: '0.75–0.9', min: 0.75, max: 0.9 },
  { band: '≥0.9', min: 0.9, max: null },
];

/** Category and exact-risk agreement per confidence band. */
export function measureConfidenceBands(scored: readonly ScoredTool[]): ConfidenceBand[] {
  return CONFIDENCE_BANDS.map(({ band, min, max }) => {
    const inBand = scored.filter(
      (item) => item.got.confidence >= min && (max === null || item.got.confidence < max),
    );
    const share = (test: (item: ScoredTool) => boolean): number | null =>
      inBand.length === 0 ? null : inBand.filter(test).length / inBand.length;
    return {
      band,
      min,
      max,
      tools: inBand.length,
      categoryAccuracy: share((item) => item.got.category === item.label.category),
      riskExact: share((item) => item.got.risk === item.label.risk),
    };
  });
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

/** Computes the report over scored tools. */
export function measure(scored: readonly ScoredTool[]): EvalReport {
  const confusion = Object.fromEntries(
    CATEGORIES.map((expected) => [expected, Object.fromEntries(CATEGORIES.map((got) => [got, 0]))]),
  ) as Record<Category, Record<Category, number>>;
  let correct = 0;
  let exact = 0;
  let withinOne = 0;
  let under = 0;
  let changing = 0;
  let highFound = 0;
  let highTotal = 0;
  let hintAgree = 0;
  let hintTotal = 0;
  const misses: EvalReport['misses'] = [];
  for (const item of scored) {
    const { label, got } = item;
    confusion[label.category][got.category] += 1;
    if (label.category === got.category) correct += 1;
    const distance = Math.abs(RISK_LEVELS.indexOf(label.risk) - RISK_LEVELS.indexOf(got.risk));
    if (distance === 0) exact += 1;
    if (distance <= 1) withinOne += 1;
    if (label.category !== 'Read') {
      changing += 1;
      if (got.category === 'Read') under += 1;
    }
    if (label.risk === 'High' || label.risk === 'Critical') {
      highTotal += 1;
      if (got.risk === 'High' || got.risk === 'Critical') highFound += 1;
    }
    if (item.readOnlyHint === true) {
      hintTotal += 1;
      if (got.category === 'Read') hintAgree += 1;
    }
    if (label.category !== got.category || distance > 0) {
      misses.push({
        server: item.server,
        tool: item.tool,
        expected: `${label.category}/${label.risk}`,
        got: `${got.category}/${got.risk}`,
        kind: label.category !== got.category ? 'category' : 'risk',
      });
    }
  }
  return {
    tools: scored.length,
    confusion,
    categoryAccuracy: ratio(correct, scored.length),
    macroF1: macroF1(confusion),
    underClassification: { rate: changing === 0 ? 0 : under / changing, count: under, of: changing },
    riskExact: ratio(exact, scored.length),
    riskWithinOne: ratio(withinOne, scored.length),
    highCriticalRecall: { rate: ratio(highFound, highTotal), found: highFound, of: highTotal },
    readOnlyHintAgreement: { rate: ratio(hintAgree, hintTotal), agree: hintAgree, of: hintTotal },
    confidenceBands: measureConfidenceBands(scored),
    misses,
  };
}

function macroF1(confusion: Record<Category, Record<Category, number>>): number {
  let sum = 0;
  for (const category of CATEGORIES) {
    const truePositive = confusion[category][category];
    const predicted = CATEGORIES.reduce((total, expected) => total + confusion[expected][category], 0);
    const actual = CATEGORIES.reduce((total, got) => total + confusion[category][got], 0);
    const precision = ratio(truePositive, predicted);
    const recall = ratio(truePositive, actual);
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / CATEGORIES.length;
}
