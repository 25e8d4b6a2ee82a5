// The one reason a CI gate prints for a tool: the observation that set its level, in the classifier's own words.
import type { Classification } from '../types.js';

/**
 * The top reason for a classification's risk: the evidence that set the level (`destructive (High): …`),
 * else the first reason of the rationale's level sentence, else its first sentence.
 */
export function topReasonOf(classification: Classification): string {
  const { risk, rationale, evidence, factors } = classification;
  const setLevel =
    evidence.find((item) => item.effect.includes(`(${risk})`)) ??
    evidence.find((item) => factors[0] !== undefined && item.effect.startsWith(`${factors[0]} `));
  if (setLevel !== undefined) return setLevel.effect;
  // rationale.ts writes the level sentence as `${risk} because ${reasons.join('; ')}.`
  const marker = `${risk} because `;
  const at = rationale.indexOf(marker);
  if (at >= 0) {
    const rest = rationale.slice(at + marker.length);
    const end = rest.search(/; |\.(?: |$)/);
    return end < 0 ? rest : rest.slice(0, end);
  }
  return rationale.split(/\.(?: |$)/)[0] ?? rationale;
}
