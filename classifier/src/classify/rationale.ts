// Two to four plain sentences a reviewer can check against the definition: category, level, confidence.
import type { Category, RiskLevel } from '../types.js';
import type { CategoryDecision } from './category.js';
import type { LevelDecision } from './level.js';

const CATEGORY_MEANING: Record<Category, string> = {
  Read: 'returns information and changes nothing that outlives the call',
  Write: 'changes persistent state or sends something, with the operation fixed by the tool',
  Execute: 'runs code, commands, queries or jobs whose effect the arguments decide',
};
const LOW_MEANING = 'reads public or non-sensitive data with no side effects';

/** Writes the rationale from the decisions; every claim quotes the evidence it rests on. */
export function writeRationale(
  decision: CategoryDecision,
  level: LevelDecision,
  confidence: number,
  lowering: readonly string[],
): string {
  const sentences = [
    `${decision.category}: ${capitalise(decision.decidedBy)} shows a tool that ${CATEGORY_MEANING[decision.category]}.`,
  ];
  sentences.push(levelSentence(level.risk, level.reasons));
  if (lowering.length > 0) {
    sentences.push(
      `Confidence ${confidence.toFixed(2)}, lowered because ${lowering.slice(0, 3).join('; ')}.`,
    );
  }
  return sentences.join(' ');
}

function levelSentence(risk: RiskLevel, reasons: readonly string[]): string {
  if (risk === 'Low' || reasons.length === 0) return `${risk}: it ${LOW_MEANING}.`;
  return `${risk} because ${reasons.slice(0, 2).join('; ')}.`;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
