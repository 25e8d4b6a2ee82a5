// How sure the classifier is (taxonomy.md, "Confidence"): less evidence or evidence that disagrees lowers it.
import type { EvidenceSource } from '../types.js';
import type { AnnotationConflict } from './annotations.js';
import type { CategoryDecision } from './category.js';
import type { ToolFacts } from './facts.js';

/** The confidence in [0,1] and the plain reasons it was lowered, for the rationale. */
export interface ConfidenceDecision {
  confidence: number;
  lowering: string[];
}

const BASIS_PENALTY: Record<CategoryDecision['basis'], number> = {
  schema: 0,
  name: 0,
  title: 0.05,
  description: 0.15,
  annotation: 0.3,
  default: 0.4,
};

/** Scores the evidence: starts high and subtracts for each gap or conflict, naming each one. */
export function scoreConfidence(
  facts: ToolFacts,
  decision: CategoryDecision,
  conflicts: readonly AnnotationConflict[],
  descriptionTooLong: boolean,
  /** Where the factors' quotes were read (`FactorSet.sources`). */
  factorSources: ReadonlySet<EvidenceSource> = new Set(),
): ConfidenceDecision {
  let confidence = 0.92;
  const lowering: string[] = [];
  const lower = (amount: number, why: string): void => {
    confidence -= amount;
    lowering.push(why);
  };
  if (BASIS_PENALTY[decision.basis] > 0) {
    lower(
      BASIS_PENALTY[decision.basis],
      decision.basis === 'default'
        ? 'nothing in the definition names an action'
        : `the category rests on the ${decision.basis} only`,
    );
  }
  if (!facts.hasDescription) lower(0.12, 'the description is empty');
  if (facts.tokens.length <= 1 && facts.verbs.length === 0)
    lower(0.08, `the name "${facts.name.slice(0, 40)}" is generic`);
  for (const conflict of conflicts) lower(0.2, conflict.message);
  if (facts.description.negatedEffect !== undefined && decision.category !== 'Read') {
    lower(0.1, `the description says "${facts.description.negatedEffect.quote}"`);
  }
  if (facts.schemaInvalid) lower(0.1, 'inputSchema is not an object');
  if (facts.schemaTruncated) lower(0.05, 'inputSchema is too large or self-referencing to read fully');
  if (descriptionTooLong) lower(0.2, 'the description is too long to read fully');
  // Measured on the labelled sets: a level that rests only on a phrase of the description, or only on what the
  // server is, is right far less often than one resting on the name or the schema.
  if (factorSources.size === 1 && factorSources.has('description'))
    lower(0.12, 'the risk rests on a phrase of the description only');
  else if (factorSources.size === 1 && factorSources.has('server'))
    lower(0.08, 'the risk rests on what the server is, not on the tool itself');
  return { confidence: Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100, lowering };
}
