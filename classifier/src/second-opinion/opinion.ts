// What a model's second opinion must look like (TypeBox), and the parse that turns its unknown output into one.
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { RISK_FACTORS, RISK_LEVELS } from '../types.js';

/** What a quote in an opinion argues for: the category, the risk level, or one factor. */
export const OPINION_CLAIMS = ['category', 'risk', ...RISK_FACTORS] as const;

const OpinionQuote = Type.Object(
  {
    quote: Type.String({
      minLength: 1,
      maxLength: 300,
      description:
        'a phrase copied verbatim from the tool definition (name, title, description, schema, annotations)',
    }),
    supports: Type.Enum(OPINION_CLAIMS, { description: 'what this quote argues for' }),
  },
  { additionalProperties: false },
);

/** The JSON Schema of the `record_opinion` tool input: also the model's structured-output contract. */
export const ModelOpinionSchema = Type.Object(
  {
    category: Type.Enum(['Read', 'Write', 'Execute']),
    risk: Type.Enum(RISK_LEVELS),
    factors: Type.Array(Type.Enum(RISK_FACTORS), { uniqueItems: true, maxItems: RISK_FACTORS.length }),
    quotes: Type.Array(OpinionQuote, {
      maxItems: 8,
      description:
        'verbatim evidence from the definition for each claim; claims without a quote are not applied',
    }),
    rationale: Type.String({ minLength: 1, maxLength: 1200, description: 'two to four plain sentences' }),
  },
  { additionalProperties: false },
);

/** A model's validated verdict on one tool definition. */
export type ModelOpinion = Static<typeof ModelOpinionSchema>;
/** One quote of an opinion and the claim it supports. */
export type OpinionQuote = Static<typeof OpinionQuote>;

const compiled = Compile(ModelOpinionSchema);

/** Validates unknown model output: the opinion, or every problem found (never throws). */
export function parseModelOpinion(
  value: unknown,
): { ok: true; opinion: ModelOpinion } | { ok: false; problems: string[] } {
  if (compiled.Check(value)) return { ok: true, opinion: value };
  const problems = [...compiled.Errors(value)]
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message}`);
  return { ok: false, problems: problems.length > 0 ? problems : ['not an opinion'] };
}
