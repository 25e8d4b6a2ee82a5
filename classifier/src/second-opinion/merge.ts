// The merge rules between the deterministic classification and a model's second opinion: quote to change, never lower unquoted.
import { toFiveClass } from '../classify.js';
import type { Category, Classification, Evidence, RiskFactor, RiskLevel, ToolDefinition } from '../types.js';
import { RISK_FACTORS, riskRank } from '../types.js';
import type { ModelOpinion, OpinionQuote } from './opinion.js';
import { DefinitionText, type QuoteMatch } from './quotes.js';

/** How a second opinion ended: merged (agreed / applied / partly applied / not applied) or unavailable. */
export type SecondOpinionStatus =
  | 'agreed'
  | 'applied'
  | 'partly_applied'
  | 'not_applied'
  | 'failed'
  | 'refused';

/** The deterministic verdict a second opinion was merged into, kept so a later opinion merges from it again. */
export type DeterministicBase = Pick<
  Classification,
  'category' | 'risk' | 'factors' | 'confidence' | 'rationale' | 'evidence'
>;

/** What `classifications.second_opinion` holds: who was asked, what it said, what was applied and what was not. */
export type SecondOpinionRecord = {
  status: SecondOpinionStatus;
  model: string;
  promptVersion: string;
  opinion: Pick<ModelOpinion, 'category' | 'risk' | 'factors' | 'rationale'> | null;
  quotes: { quote: string; supports: string; found: boolean; source?: string }[];
  changes: string[];
  disagreements: string[];
  reason?: string;
  deterministic: DeterministicBase;
};

/** A classification with its second opinion merged in, and the record to store beside it. */
export interface MergedClassification {
  classification: Classification;
  record: SecondOpinionRecord;
}

/** Confidence once a model agrees with the rules (two independent readings of the definition). */
export const AGREED_CONFIDENCE = 0.85;
/** Confidence after a quoted change: the model read something the rules missed, but it is one reading. */
export const CHANGED_CONFIDENCE = 0.7;

interface CheckedQuote extends OpinionQuote {
  match: QuoteMatch | undefined;
}

// Evidence items that only lowered confidence did not fire a rule for the level.
function isRuleEvidence(item: Evidence): boolean {
  return !/lowered confidence|contradicts/i.test(item.effect);
}

function baseOf(classification: Classification): DeterministicBase {
  const { category, risk, factors, confidence, rationale, evidence } = classification;
  return { category, risk, factors: [...factors], confidence, rationale, evidence: [...evidence] };
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Merges a validated opinion into the deterministic classification under the rules above (pure; see tests). */
export function mergeSecondOpinion(input: {
  tool: ToolDefinition;
  classification: Classification;
  opinion: ModelOpinion;
  model: string;
  promptVersion: string;
}): MergedClassification {
  const { tool, classification: det, opinion, model } = input;
  const text = new DefinitionText(tool);
  const quotes: CheckedQuote[] = opinion.quotes.map((quote) => ({ ...quote, match: text.find(quote.quote) }));
  const supporting = (claims: readonly string[]): CheckedQuote | undefined =>
    quotes.find((quote) => quote.match !== undefined && claims.includes(quote.supports));
  const changes: string[] = [];
  const disagreements: string[] = [];
  const evidence: Evidence[] = [...det.evidence];
  const cite = (quote: CheckedQuote, effect: string): void => {
    const item: Evidence = {
      source: quote.match?.source ?? 'description',
      quote: short(quote.quote),
      effect,
    };
    if (quote.match?.path !== undefined) item.path = quote.match.path;
    evidence.push(item);
  };
  // A disagreement cites the model's own (unfound) quote for that claim when it gave one.
  const disagree = (why: string, claims: readonly string[]): void => {
    disagreements.push(why);
    const unquoted = quotes.find((quote) => quote.match === undefined && claims.includes(quote.supports));
    const effect = `second opinion disagreed, not applied: ${why}`;
    if (unquoted) cite(unquoted, `${effect} (quote not in the definition)`);
    else evidence.push({ source: 'name', quote: short(tool.name), effect });
  };

  // Category: changed only with a quote from the definition that argues for the new category.
  let category: Category = det.category;
  if (opinion.category !== det.category) {
    const support = supporting(['category']);
    if (support) {
      category = opinion.category;
      changes.push(`the category from ${det.category} to ${opinion.category} ("${short(support.quote)}")`);
      cite(support, `second opinion: ${opinion.category}`);
    } else
      disagree(`says ${opinion.category}, not ${det.category}, without quoting the definition`, ['category']);
  }

  // Factors: added only when quoted for that factor.
  const added: RiskFactor[] = [];
  for (const factor of opinion.factors) {
    if (det.factors.includes(factor)) continue;
    const support = supporting([factor]);
    if (support) {
      added.push(factor);
      changes.push(`added ${factor} ("${short(support.quote)}")`);
      cite(support, `second opinion: ${factor}`);
    } else disagree(`adds ${factor} without quoting the definition`, [factor]);
  }

  // Risk: raised when quoted; lowered only with quoted evidence other than what the rules fired on,
  // and never below a suspicious description (the model reads the same hidden instructions).
  let risk: RiskLevel = det.risk;
  let kept: RiskFactor[] = [...det.factors];
  const from = riskRank(det.risk);
  const to = riskRank(opinion.risk);
  if (to > from) {
    const support = supporting(['risk', ...added]);
    if (support) {
      risk = opinion.risk;
      changes.push(`raised the risk from ${det.risk} to ${opinion.risk} ("${short(support.quote)}")`);
      cite(support, `second opinion: ${opinion.risk}`);
    } else disagree(`rates it ${opinion.risk}, above ${det.risk}, without quoting the definition`, ['risk']);
  } else if (to < from) {
    const fired = det.evidence.filter(isRuleEvidence).map((item) => item.quote);
    const contrary = quotes.find(
      (quote) =>
        quote.match !== undefined &&
        quote.supports === 'risk' &&
        !fired.some((firedQuote) => DefinitionText.overlaps(firedQuote, quote.quote)),
    );
    if (det.factors.includes('suspicious_description')) {
      disagree(`rates it ${opinion.risk}, but a suspicious description is never lowered`, ['risk']);
    } else if (contrary) {
      risk = opinion.risk;
      kept = det.factors.filter((factor) => opinion.factors.includes(factor));
      changes.push(`lowered the risk from ${det.risk} to ${opinion.risk} ("${short(contrary.quote)}")`);
      cite(contrary, `second opinion: ${opinion.risk} (contrary evidence)`);
    } else {
      disagree(`rates it ${opinion.risk}, below ${det.risk}, without quoting evidence against the rules`, [
        'risk',
      ]);
    }
  }

  const factors = RISK_FACTORS.filter((factor) => kept.includes(factor) || added.includes(factor));
  const status: SecondOpinionStatus =
    changes.length === 0 && disagreements.length === 0
      ? 'agreed'
      : changes.length === 0
        ? 'not_applied'
        : disagreements.length === 0
          ? 'applied'
          : 'partly_applied';
  const confidence =
    status === 'agreed'
      ? Math.max(det.confidence, AGREED_CONFIDENCE)
      : status === 'not_applied'
        ? det.confidence
        : CHANGED_CONFIDENCE;
  const record: SecondOpinionRecord = {
    status,
    model,
    promptVersion: input.promptVersion,
    opinion: {
      category: opinion.category,
      risk: opinion.risk,
      factors: [...opinion.factors],
      rationale: opinion.rationale,
    },
    quotes: quotes.map((quote) => ({
      quote: quote.quote,
      supports: quote.supports,
      found: quote.match !== undefined,
      ...(quote.match ? { source: quote.match.source } : {}),
    })),
    changes,
    disagreements,
    deterministic: baseOf(det),
  };
  return {
    classification: {
      ...det,
      category,
      risk,
      factors,
      confidence,
      evidence,
      rationale: `${det.rationale} ${describe(model, changes, disagreements)}`,
      fiveClass: toFiveClass(category, factors),
    },
    record,
  };
}

function describe(model: string, changes: readonly string[], disagreements: readonly string[]): string {
  if (changes.length === 0 && disagreements.length === 0) return `A second opinion (${model}) agreed.`;
  const parts: string[] = [];
  if (changes.length > 0) parts.push(`A second opinion (${model}) changed: ${changes.join('; ')}.`);
  if (disagreements.length > 0) {
    const lead = changes.length > 0 ? 'It also' : `A second opinion (${model})`;
    parts.push(`${lead} disagreed, not applied: ${disagreements.join('; ')}.`);
  }
  return parts.join(' ');
}

/** Records that a second opinion was asked but not given: the deterministic result stands, and says so. */
export function markSecondOpinionUnavailable(input: {
  classification: Classification;
  status: 'failed' | 'refused';
  reason: string;
  model: string;
  promptVersion: string;
}): MergedClassification {
  const { classification: det, status, reason, model } = input;
  const what = status === 'refused' ? 'declined to answer' : 'failed';
  return {
    classification: {
      ...det,
      rationale: `${det.rationale} A second opinion (${model}) was asked but ${what} (${short(reason)}); this is the deterministic result.`,
    },
    record: {
      status,
      model,
      promptVersion: input.promptVersion,
      opinion: null,
      quotes: [],
      changes: [],
      disagreements: [],
      reason,
      deterministic: baseOf(det),
    },
  };
}
